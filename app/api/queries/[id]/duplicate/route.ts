import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { idempotent } from "@/lib/idempotency";
import { savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { duplicateQuery } from "@/lib/queries/store";

/** A new query (version 1) with the latest content of this one, titled "Copy of ...". */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const id = parseWith(savedQueryIdSchema, (await context.params).id, "saved query id");
    return idempotent(request, { actor, permission: "queries:write", route: `POST /api/queries/${id}/duplicate`, body: null }, async (tx) => ({
      status: 201,
      body: await duplicateQuery(actor, id, tx),
    }));
  });
}
