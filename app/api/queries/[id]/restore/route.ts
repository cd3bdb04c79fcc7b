import type { NextRequest } from "next/server";
import { assertSameOrigin, parseWith, respond } from "@/lib/http";
import { savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { restoreQuery } from "@/lib/queries/store";

/** Takes a query out of the bin: the library's "Undo" after a delete. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    assertSameOrigin(request);
    return restoreQuery(parseWith(savedQueryIdSchema, (await context.params).id, "saved query id"));
  });
}
