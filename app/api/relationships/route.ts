import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { createRelationship } from "@/lib/editing/edits";
import { createRelationshipBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";

/** Creates a relationship between two entities; it must cite at least one source. */
export async function POST(request: NextRequest) {
  return respond(
    async () => {
      const actor = await writerFrom(request);
      return createRelationship(actor, await parseJsonBody(request, createRelationshipBodySchema));
    },
    { status: 201 },
  );
}
