import type { NextRequest } from "next/server";
import { z } from "zod";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { IMPORT_FORMATS, listImportJobs, startImport, uploadIdPattern, uploadNamePattern } from "@/lib/import/jobs";

const startSchema = z
  .object({
    uploadId: z.string().regex(uploadIdPattern, "uploadId is not valid"),
    format: z.enum(IMPORT_FORMATS),
    file: z.string().regex(uploadNamePattern, "file must name an uploaded file"),
    sourceName: z.string().trim().max(200).optional(),
    skipInvalid: z.boolean().default(false),
  })
  .strict();

/** The imports this server ran since it started, newest first. */
export async function GET() {
  return respond(async () => ({ imports: listImportJobs() }));
}

/** Starts importing uploaded files; answers the job at once (202) for the page to poll. */
export async function POST(request: NextRequest) {
  return respond(
    async () => {
      assertSameOrigin(request);
      return startImport(await parseJsonBody(request, startSchema));
    },
    { status: 202 },
  );
}
