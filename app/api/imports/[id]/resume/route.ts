import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { respond } from "@/lib/http";
import { resumeImport } from "@/lib/import/jobs";

/** Runs an interrupted import again from its upload: answers the new job (202) for the page to poll. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => resumeImport(await writerFrom(request), (await context.params).id), { status: 202 });
}
