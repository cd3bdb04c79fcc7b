import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { datasetIdSchema } from "@/lib/datasets/model";
import { getDataset } from "@/lib/datasets/store";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";

/** One data set: its record, counts and refused-rows summary (graph:read). */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => getDataset(await actorFrom(request), parseWith(datasetIdSchema, (await context.params).id, "data set id")));
}
