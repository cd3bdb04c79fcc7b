import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { idParamSchema } from "@/lib/api-schemas";
import { listChanges } from "@/lib/editing/changes";
import { changeListQuerySchema } from "@/lib/editing/model";
import { respond } from "@/lib/http";
import { parseSearchParams, parseWith } from "@/lib/validation";

/** The recorded changes touching this entity, newest first (its History tab). */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const entityId = parseWith(idParamSchema, (await context.params).id, "entity id");
    return listChanges(actor, { ...parseSearchParams(request.url, changeListQuerySchema), entityId });
  });
}
