import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";
import { idempotent } from "@/lib/idempotency";
import { createQuerySchema, listQueriesSchema } from "@/lib/queries/api-schemas";
import { createQuery, listQueries } from "@/lib/queries/store";

/** The library (or, with bin=true, the bin), optionally filtered by text in titles, descriptions and tags. */
export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const { q, bin } = parseSearchParams(request.url, listQueriesSchema);
    return { queries: await listQueries(await actorFrom(request), { text: q, deleted: bin }) };
  });
}

/** Saves a new query at version 1, after checking that it parses and only reads. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const body = await parseJsonBody(request, createQuerySchema);
    return idempotent(request, { actor, permission: "queries:write", route: "POST /api/queries", body }, async (tx) => ({
      status: 201,
      body: await createQuery(actor, body, null, tx),
    }));
  });
}
