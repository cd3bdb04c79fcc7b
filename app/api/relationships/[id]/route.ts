import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { idParamSchema } from "@/lib/api-schemas";
import { deleteRelationship, updateRelationship } from "@/lib/editing/edits";
import { updateRelationshipBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

const relationshipId = async (context: Context) => parseWith(idParamSchema, (await context.params).id, "relationship id");

/** Replaces the relationship's fields, sources and quote; it must keep at least one source. */
export async function PATCH(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return updateRelationship(actor, await relationshipId(context), await parseJsonBody(request, updateRelationshipBodySchema));
  });
}

export async function DELETE(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return deleteRelationship(actor, await relationshipId(context));
  });
}
