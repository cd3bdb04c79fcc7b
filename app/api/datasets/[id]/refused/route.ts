import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { datasetIdSchema, REFUSED_TSV_HEADER } from "@/lib/datasets/model";
import { refusedRows } from "@/lib/datasets/store";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";

/**
 * Every refused row of a data set's last import as TSV (file, line, reason). The same rule as the graph
 * (graph:read): refused rows hold raw data from the files. Checked before the first byte.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  let found: Awaited<ReturnType<typeof refusedRows>>;
  try {
    const id = parseWith(datasetIdSchema, (await context.params).id, "data set id");
    found = await refusedRows(await actorFrom(request), id);
  } catch (cause) {
    return respond(request, () => Promise.reject(cause));
  }
  const body = found.stream ? (Readable.toWeb(Readable.from(found.stream)) as ReadableStream) : REFUSED_TSV_HEADER;
  return new Response(body, {
    headers: {
      "content-type": "text/tab-separated-values; charset=utf-8",
      "content-disposition": `attachment; filename="${found.dataset.id}-refused.tsv"`,
      "cache-control": "no-store",
    },
  });
}
