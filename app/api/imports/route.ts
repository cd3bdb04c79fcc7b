import type { NextRequest } from "next/server";
import { z } from "zod";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
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

/** The caller's imports (on any replica), newest first. */
export async function GET(request: NextRequest) {
  return respond(request, async () => ({ imports: await listImportJobs(await actorFrom(request)) }));
}

/** Starts importing uploaded files; answers the job at once (202) for the page to poll. */
export async function POST(request: NextRequest) {
  return respond(
    request,
    async () => {
      const actor = await writerFrom(request);
      return startImport(actor, await parseJsonBody(request, startSchema));
    },
    { status: 202 },
  );
}
