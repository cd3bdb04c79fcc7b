import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { idParamSchema, neighbourSummaryQuerySchema } from "@/lib/api-schemas";
import { respond } from "@/lib/http";
import { parseSearchParams, parseWith } from "@/lib/validation";
import { getNeighbourSummary } from "@/lib/explore/neighbour-summary";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    parseSearchParams(request.url, neighbourSummaryQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getNeighbourSummary(actor, id);
  });
}
