import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { clientAddress } from "@/lib/client-address";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { runSavedQuerySchema, savedQueryIdSchema } from "@/lib/queries/api-schemas";
import { runSavedQuery } from "@/lib/queries/store";
import { SIGNED_OUT_RUN_LIMIT, takeToken } from "@/lib/rate-limit";

/**
 * Runs a saved query (its latest version, or the one named) with the given values. A POST because the
 * values can be long, though it never changes data: the query runs in a read transaction after checks.
 * So it is a read (anyone who may read the graph) and not rate-limited as a write; signed-out runs have a
 * limit of their own per address, since anyone on the internet can send them when public reading is on.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    assertSameOrigin(request);
    const id = parseWith(savedQueryIdSchema, (await context.params).id, "saved query id");
    const { version, values } = await parseJsonBody(request, runSavedQuerySchema);
    const actor = await actorFrom(request);
    if (!actor.user) await takeToken(SIGNED_OUT_RUN_LIMIT, clientAddress(request));
    return runSavedQuery(actor, id, version, values);
  });
}
