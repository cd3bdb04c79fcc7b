import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { restoreQuery } from "@/lib/queries/store";

/** Takes a query out of the bin: the library's "Undo" after a delete. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return restoreQuery(actor, parseWith(savedQueryIdSchema, (await context.params).id, "saved query id"));
  });
}
