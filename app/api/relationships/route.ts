import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { createRelationship } from "@/lib/editing/edits";
import { createRelationshipBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";
import { idempotent } from "@/lib/idempotency";

/**
 * Creates a relationship between two entities; it must cite at least one source. An identical one (same
 * type, ends and fields) is not made twice: the new sources and quote are added to it (200, `existing`).
 */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const body = await parseJsonBody(request, createRelationshipBodySchema);
    return idempotent(request, { actor, permission: "graph:edit", route: "POST /api/relationships", body }, async (tx) => {
      const result = await createRelationship(actor, body, tx);
      return { status: result.existing ? 200 : 201, body: result };
    });
  });
}
