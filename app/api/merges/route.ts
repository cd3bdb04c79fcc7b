import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { mergeEntities } from "@/lib/editing/merge";
import { mergeBodySchema } from "@/lib/editing/model";
import { parseJsonBody, respond } from "@/lib/http";

/** Merges a duplicate into the entity that survives; one recorded change, undone by reverting it. */
export async function POST(request: NextRequest) {
  return respond(async () => {
    const actor = await writerFrom(request);
    const { survivor, duplicate } = await parseJsonBody(request, mergeBodySchema);
    return mergeEntities(actor, survivor, duplicate);
  });
}
