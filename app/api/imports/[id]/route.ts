import type { NextRequest } from "next/server";
import { respond } from "@/lib/http";
import { getImportJob } from "@/lib/import/jobs";

/** An import's progress and, once done, its counts and refused rows. */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => getImportJob((await context.params).id));
}
