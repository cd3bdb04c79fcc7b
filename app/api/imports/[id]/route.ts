import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { respond } from "@/lib/http";
import { getImportJob } from "@/lib/import/jobs";

/** An import's progress and, once done, its counts and refused rows. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => getImportJob(await actorFrom(request), (await context.params).id));
}
