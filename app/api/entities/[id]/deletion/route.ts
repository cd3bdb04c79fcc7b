import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { idParamSchema } from "@/lib/api-schemas";
import { previewEntityDeletion } from "@/lib/editing/edits";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";

/** What deleting this entity would take with it, for the confirmation dialog. Changes nothing. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    return previewEntityDeletion(actor, parseWith(idParamSchema, (await context.params).id, "entity id"));
  });
}
