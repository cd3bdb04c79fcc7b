import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { respond } from "@/lib/http";
import { newUploadId } from "@/lib/import/jobs";

/** A fresh private folder for the files of one import. */
export async function POST(request: NextRequest) {
  return respond(
    request,
    async () => {
      const actor = await writerFrom(request);
      return { uploadId: await newUploadId(actor) };
    },
    { status: 201 },
  );
}
