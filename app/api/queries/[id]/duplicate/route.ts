import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { parseWith, respond } from "@/lib/http";
import { savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { duplicateQuery } from "@/lib/queries/store";

/** A new query (version 1) with the latest content of this one, titled "Copy of ...". */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(
    async () => {
      const actor = await writerFrom(request);
      return duplicateQuery(actor, parseWith(savedQueryIdSchema, (await context.params).id, "saved query id"));
    },
    { status: 201 },
  );
}
