import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { savedQueryIdSchema, versionNumberSchema } from "@/lib/queries/api-schemas";
import { getQueryVersion } from "@/lib/queries/store";

/** One version exactly as it was saved. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; version: string }> }) {
  return respond(request, async () => {
    const params = await context.params;
    const id = parseWith(savedQueryIdSchema, params.id, "saved query id");
    return getQueryVersion(await actorFrom(request), id, parseWith(versionNumberSchema, params.version, "version"));
  });
}
