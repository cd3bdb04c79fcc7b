import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { BODY_LIMITS } from "@/lib/request-body";
import { updateWorkspaceSchema } from "@/lib/workspaces/model";
import { workspaceIdFrom } from "@/lib/workspaces/params";
import { deleteWorkspace, getWorkspace, updateWorkspace } from "@/lib/workspaces/store";

type Context = { params: Promise<{ id: string }> };

/** The whole workspace (nodes, positions, filters, viewport), for its owner and anyone signed in with the link. */
export async function GET(request: NextRequest, context: Context) {
  return respond(request, async () => getWorkspace(await actorFrom(request), await workspaceIdFrom(context)));
}

/** A change from a version (409 when it is stale); only the owner (403 otherwise). */
export async function PATCH(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const id = await workspaceIdFrom(context);
    const change = await parseJsonBody(request, updateWorkspaceSchema, BODY_LIMITS.largeView);
    return updateWorkspace(actor, id, change);
  });
}

export async function DELETE(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return deleteWorkspace(actor, await workspaceIdFrom(context));
  });
}
