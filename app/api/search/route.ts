import type { NextRequest } from "next/server";
import { readerFrom } from "@/lib/auth/request";
import { searchQuerySchema } from "@/lib/api-schemas";
import { parseSearchParams, respond } from "@/lib/http";
import { searchEntities } from "@/lib/search";

export async function GET(request: NextRequest) {
  return respond(async () => {
    await readerFrom(request);
    const { q, limit, type } = parseSearchParams(request.url, searchQuerySchema);
    return { results: await searchEntities(q, { limit, type }) };
  });
}
