import type { NextRequest } from "next/server";
import { assertSameOrigin, respond } from "@/lib/http";
import { newUploadId } from "@/lib/import/jobs";

/** A fresh private folder for the files of one import. */
export async function POST(request: NextRequest) {
  return respond(
    async () => {
      assertSameOrigin(request);
      return { uploadId: newUploadId() };
    },
    { status: 201 },
  );
}
