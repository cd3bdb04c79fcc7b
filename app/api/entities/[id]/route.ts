import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { actorFrom } from "@/lib/auth/session";
import { entityQuerySchema, idParamSchema } from "@/lib/api-schemas";
import { deleteEntity, updateEntity } from "@/lib/editing/edits";
import { updateEntityBodySchema } from "@/lib/editing/model";
import { getEntity } from "@/lib/explore/entities";
import { parseJsonBody, respond } from "@/lib/http";
import { parseSearchParams, parseWith } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

const entityId = async (context: Context) => parseWith(idParamSchema, (await context.params).id, "entity id");

export async function GET(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    parseSearchParams(request.url, entityQuerySchema);
    return getEntity(actor, await entityId(context));
  });
}

/** Replaces the entity's editable fields; recorded in the audit trail. */
export async function PATCH(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return updateEntity(actor, await entityId(context), await parseJsonBody(request, updateEntityBodySchema));
  });
}

/** Deletes the entity and what goes with it (GET ./deletion lists that first); recorded and revertible. */
export async function DELETE(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return deleteEntity(actor, await entityId(context));
  });
}
