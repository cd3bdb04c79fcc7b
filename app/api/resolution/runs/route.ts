import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { runBodySchema } from "@/lib/resolution/model";
import { runCrossReference } from "@/lib/resolution/cross-reference";

/** Re-runs cross-referencing, for one data set or the whole graph; answers when the candidates are stored. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const body = await parseJsonBody(request, runBodySchema);
    return runCrossReference(actor, body.dataset ?? null);
  });
}
