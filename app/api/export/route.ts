import type { NextRequest } from "next/server";
import { z } from "zod";
import { CONTENT_TYPES, WHOLE_GRAPH_FORMATS, toReadableStream, wholeGraphExport } from "@/lib/export/whole-graph";
import { inRequestContext, respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";
import { ensureDatabaseReady } from "@/lib/database";
import { actorFrom } from "@/lib/auth/session";

const exportSchema = z.object({ format: z.enum(WHOLE_GRAPH_FORMATS) }).strict();

/** The whole graph as a file (Redstring JSON, GraphML, GEXF, CSV), streamed page by page. */
export async function GET(request: NextRequest) {
  let format: (typeof WHOLE_GRAPH_FORMATS)[number];
  let chunks: AsyncGenerator<string>;
  try {
    const actor = await actorFrom(request);
    format = parseSearchParams(request.url, exportSchema).format;
    // Checks "graph:read" here, before the response starts; the pages are read as the download is pulled.
    chunks = wholeGraphExport(actor, format);
    await ensureDatabaseReady();
  } catch (cause) {
    return respond(request, () => Promise.reject(cause));
  }
  const day = new Date().toISOString().slice(0, 10);
  const extension = format === "json" ? "redstring.json" : format;
  return new Response(toReadableStream(inRequestContext(request, chunks)), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="redstring-graph-${day}.${extension}"`,
      "cache-control": "no-store",
    },
  });
}
