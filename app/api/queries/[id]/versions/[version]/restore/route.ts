import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, parseWith, respond } from "@/lib/http";
import { restoreVersionSchema, savedQueryIdSchema, versionNumberSchema } from "@/lib/queries/api-schemas";
import { restoreVersion } from "@/lib/queries/store";

/** Saves an old version's content as the newest version (history itself is never rewritten). */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string; version: string }> }) {
  return respond(async () => {
    const actor = await writerFrom(request);
    const params = await context.params;
    const id = parseWith(savedQueryIdSchema, params.id, "saved query id");
    const version = parseWith(versionNumberSchema, params.version, "version");
    const { baseVersion } = await parseJsonBody(request, restoreVersionSchema);
    return restoreVersion(actor, id, version, baseVersion);
  });
}
