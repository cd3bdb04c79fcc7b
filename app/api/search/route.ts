import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { searchQuerySchema } from "@/lib/api-schemas";
import { respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";
import { searchEntities } from "@/lib/explore/search";

export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const { q, limit, type, datasets } = parseSearchParams(request.url, searchQuerySchema);
    return { results: await searchEntities(actor, q, { limit, type, datasets }) };
  });
}
