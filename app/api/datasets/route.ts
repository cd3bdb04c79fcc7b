import type { NextRequest } from "next/server";
import { z } from "zod";
import { actorFrom } from "@/lib/auth/session";
import { listDatasetNames, listDatasets } from "@/lib/datasets/store";
import { respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";

const listQuerySchema = z.object({ fields: z.enum(["names"], { error: "fields must be names" }).optional() }).strict();

/**
 * Every data set with its counts per entity and relationship type (graph:read); `?fields=names`, ids and
 * names only (a filter's labels: the counts read every record the graph holds).
 */
export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const { fields } = parseSearchParams(request.url, listQuerySchema);
    const actor = await actorFrom(request);
    return { datasets: fields === "names" ? await listDatasetNames(actor) : await listDatasets(actor) };
  });
}
