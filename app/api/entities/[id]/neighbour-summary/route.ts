import type { NextRequest } from "next/server";
import { readerFrom } from "@/lib/auth/request";
import { idParamSchema, neighbourSummaryQuerySchema } from "@/lib/api-schemas";
import { parseSearchParams, parseWith, respond } from "@/lib/http";
import { getNeighbourSummary } from "@/lib/neighbour-summary";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    await readerFrom(request);
    parseSearchParams(request.url, neighbourSummaryQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getNeighbourSummary(id);
  });
}
