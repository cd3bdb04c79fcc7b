import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { createEntity } from "@/lib/editing/edits";
import { createEntityBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";

/** Creates an entity of any registry type, optionally linked (with sources) to existing entities. */
export async function POST(request: NextRequest) {
  return respond(
    async () => {
      const actor = await writerFrom(request);
      return createEntity(actor, await parseJsonBody(request, createEntityBodySchema));
    },
    { status: 201 },
  );
}
