import type { NextRequest } from "next/server";
import { idParamSchema, neighbourSummaryQuerySchema } from "@/lib/api-schemas";
import { parseSearchParams, parseWith, respond } from "@/lib/http";
import { getNeighbourSummary } from "@/lib/neighbour-summary";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    parseSearchParams(request.url, neighbourSummaryQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getNeighbourSummary(id);
  });
}
