import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { idempotent } from "@/lib/idempotency";
import { restoreVersionSchema, savedQueryIdSchema, versionNumberSchema } from "@/lib/queries/api-schemas";
import { restoreVersion } from "@/lib/queries/store";

/** Saves an old version's content as the newest version (history itself is never rewritten). */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string; version: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const params = await context.params;
    const id = parseWith(savedQueryIdSchema, params.id, "saved query id");
    const version = parseWith(versionNumberSchema, params.version, "version");
    const body = await parseJsonBody(request, restoreVersionSchema);
    const route = `POST /api/queries/${id}/versions/${version}/restore`;
    return idempotent(request, { actor, permission: "queries:write", route, body }, async (tx) => ({
      status: 200,
      body: await restoreVersion(actor, id, version, body.baseVersion, tx),
    }));
  });
}
