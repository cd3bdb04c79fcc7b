import type { NextRequest } from "next/server";
import { readerFrom } from "@/lib/auth/request";
import { pathsQuerySchema } from "@/lib/api-schemas";
import { parseSearchParams, respond } from "@/lib/http";
import { findPaths } from "@/lib/paths";

export async function GET(request: NextRequest) {
  return respond(async () => {
    await readerFrom(request);
    const { from, to, ...options } = parseSearchParams(request.url, pathsQuerySchema);
    return findPaths(from, to, options);
  });
}
