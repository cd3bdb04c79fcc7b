import type { NextRequest } from "next/server";
import { assertSameOrigin, parseJsonBody, parseWith, respond } from "@/lib/http";
import { runSavedQuerySchema, savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { runQuery } from "@/lib/queries/execute";
import { getQuery, getQueryVersion } from "@/lib/queries/store";

/**
 * Runs a saved query (its latest version, or the one named) with the given values. A POST because the
 * values can be long, though it never changes data: the query runs in a read transaction after checks.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    assertSameOrigin(request);
    const id = parseWith(savedQueryIdSchema, (await context.params).id, "saved query id");
    const { version, values } = await parseJsonBody(request, runSavedQuerySchema);
    const saved = version === undefined ? await getQuery(id) : await getQueryVersion(id, version);
    const result = await runQuery({ cypher: saved.cypher, parameters: saved.parameters, values });
    return { query: { id, version: saved.version, title: saved.title }, result };
  });
}
