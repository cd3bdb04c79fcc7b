import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { createEntity } from "@/lib/editing/edits";
import { createEntityBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";
import { idempotent } from "@/lib/idempotency";

/** Creates an entity of any registry type, optionally linked (with sources) to existing entities. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const body = await parseJsonBody(request, createEntityBodySchema);
    return idempotent(request, { actor, permission: "graph:edit", route: "POST /api/entities", body }, async (tx) => ({
      status: 201,
      body: await createEntity(actor, body, tx),
    }));
  });
}
