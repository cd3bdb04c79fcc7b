import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { mergeEntities } from "@/lib/editing/merge";
import { mergeBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";
import { idempotent } from "@/lib/idempotency";

/** Merges a duplicate into the entity that survives; one recorded change, undone by reverting it. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const body = await parseJsonBody(request, mergeBodySchema);
    return idempotent(request, { actor, permission: "graph:edit", route: "POST /api/merges", body }, async (tx) => ({
      status: 200,
      body: await mergeEntities(actor, body.survivor, body.duplicate, tx),
    }));
  });
}
