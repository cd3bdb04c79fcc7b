import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { runDraftSchema } from "@/lib/queries/api-schemas";
import { runQuery } from "@/lib/queries/execute";

/** Runs the editor's unsaved text, with the same checks and limits as a saved query. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return { result: await runQuery(actor, await parseJsonBody(request, runDraftSchema)) };
  });
}
