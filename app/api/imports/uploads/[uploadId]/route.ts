import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { respond } from "@/lib/http";
import { saveUpload } from "@/lib/import/jobs";

/**
 * One file of an import, as the raw request body (`?name=` is its file name), streamed to disk and counted
 * on the stream (2 GB per file, the uploader's quota in all: 413 past either). Someone else's upload is 404.
 */
export async function PUT(request: NextRequest, context: { params: Promise<{ uploadId: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const { uploadId } = await context.params;
    const name = new URL(request.url).searchParams.get("name") ?? "";
    const bytes = await saveUpload(actor, uploadId, name, request);
    return { name, bytes };
  });
}
