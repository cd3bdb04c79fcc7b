import type { NextRequest } from "next/server";
import { assertSameOrigin, parseWith, respond } from "@/lib/http";
import { savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { duplicateQuery } from "@/lib/queries/store";

/** A new query (version 1) with the latest content of this one, titled "Copy of ...". */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(
    async () => {
      assertSameOrigin(request);
      return duplicateQuery(parseWith(savedQueryIdSchema, (await context.params).id, "saved query id"));
    },
    { status: 201 },
  );
}
