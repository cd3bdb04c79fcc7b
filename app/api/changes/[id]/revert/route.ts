import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { revertChange } from "@/lib/editing/changes";
import { changeIdSchema } from "@/lib/editing/model";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { idempotent } from "@/lib/idempotency";

/** Undoes a recorded change (refused if what it touched changed since); the revert is recorded too. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const id = parseWith(changeIdSchema, (await context.params).id, "change id");
    return idempotent(request, { actor, permission: "graph:edit", route: `POST /api/changes/${id}/revert`, body: null }, async (tx) => ({
      status: 201,
      body: await revertChange(actor, id, tx),
    }));
  });
}
