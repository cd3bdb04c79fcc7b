import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { assertSameOrigin, parseJsonBody, parseWith, respond } from "@/lib/http";
import { runSavedQuerySchema, savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { runSavedQuery } from "@/lib/queries/store";

/**
 * Runs a saved query (its latest version, or the one named) with the given values. A POST because the
 * values can be long, though it never changes data: the query runs in a read transaction after checks.
 * So it is a read (anyone who may read the graph) and not rate-limited as a write.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    assertSameOrigin(request);
    const id = parseWith(savedQueryIdSchema, (await context.params).id, "saved query id");
    const { version, values } = await parseJsonBody(request, runSavedQuerySchema);
    return runSavedQuery(await actorFrom(request), id, version, values);
  });
}
