import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { idempotent } from "@/lib/idempotency";
import { BODY_LIMITS } from "@/lib/request-body";
import { createWorkspaceSchema } from "@/lib/workspaces/model";
import { createWorkspace, listWorkspaces } from "@/lib/workspaces/store";

/** The signed-in user's workspaces, the most recently changed first. */
export async function GET(request: NextRequest) {
  return respond(request, async () => ({ workspaces: await listWorkspaces(await actorFrom(request)) }));
}

/** A view kept on the server: 201 `{id, path}`. Up to 20,000 ids with positions: this route's own body limit. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const body = await parseJsonBody(request, createWorkspaceSchema, BODY_LIMITS.largeView);
    return idempotent(request, { actor, permission: "workspaces:own", route: "POST /api/workspaces", body }, async (tx) => ({
      status: 201,
      body: await createWorkspace(actor, body, tx),
    }));
  });
}
