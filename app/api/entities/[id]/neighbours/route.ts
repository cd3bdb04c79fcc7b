import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { idParamSchema, neighbourQuerySchema } from "@/lib/api-schemas";
import { getNeighbours } from "@/lib/explore/entities";
import { respond } from "@/lib/http";
import { parseSearchParams, parseWith } from "@/lib/validation";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const options = parseSearchParams(request.url, neighbourQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getNeighbours(actor, id, options);
  });
}
