import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { respond } from "@/lib/http";
import { judgementIdSchema } from "@/lib/resolution/model";
import { undoJudgement } from "@/lib/resolution/store";
import { parseWith } from "@/lib/validation";

/** Undoes a judgement (a "same" by reverting its merge); the pair is proposed again. */
export async function DELETE(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return undoJudgement(actor, parseWith(judgementIdSchema, (await context.params).id, "judgement id"));
  });
}
