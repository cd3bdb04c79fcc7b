import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { respond } from "@/lib/http";
import { candidateQuerySchema } from "@/lib/resolution/model";
import { listCandidates } from "@/lib/resolution/store";
import { parseSearchParams } from "@/lib/validation";

/** Candidate pairs, best first, filtered by type and data set; judged pairs only with judged=include. */
export async function GET(request: NextRequest) {
  return respond(request, async () => listCandidates(await actorFrom(request), parseSearchParams(request.url, candidateQuerySchema)));
}
