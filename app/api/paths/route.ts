import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { pathsQuerySchema } from "@/lib/api-schemas";
import { respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";
import { findPaths } from "@/lib/explore/paths";

export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const { from, to, ...options } = parseSearchParams(request.url, pathsQuerySchema);
    return findPaths(actor, from, to, options);
  });
}
