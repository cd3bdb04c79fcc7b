import type { NextRequest } from "next/server";
import { z } from "zod";
import { actorFrom } from "@/lib/auth/session";
import { listDatasets } from "@/lib/datasets/store";
import { respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";

/** Every data set with its counts per entity and relationship type (graph:read). */
export async function GET(request: NextRequest) {
  return respond(request, async () => {
    parseSearchParams(request.url, z.object({}).strict());
    return { datasets: await listDatasets(await actorFrom(request)) };
  });
}
