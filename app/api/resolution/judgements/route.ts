import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { actorFrom } from "@/lib/auth/session";
import { parseJsonBody, respond } from "@/lib/http";
import { judgementBodySchema, judgementListQuerySchema } from "@/lib/resolution/model";
import { judgePair, listJudgements } from "@/lib/resolution/store";
import { parseSearchParams } from "@/lib/validation";

/** Every judgement, newest first. */
export async function GET(request: NextRequest) {
  return respond(request, async () => listJudgements(await actorFrom(request), parseSearchParams(request.url, judgementListQuerySchema)));
}

/** Judges a pair: "same" merges it (one recorded change), "different" keeps it apart for good, "unsure" parks it. */
export async function POST(request: NextRequest) {
  return respond(
    request,
    async () => {
      const actor = await writerFrom(request);
      return judgePair(actor, await parseJsonBody(request, judgementBodySchema));
    },
    { status: 201 },
  );
}
