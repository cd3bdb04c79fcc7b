import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { createSnapshotSchema } from "@/lib/snapshots/model";
import { createSnapshot, listSnapshots } from "@/lib/snapshots/store";

/** Every snapshot made on this instance, newest first, with its state (revoked or not). */
export async function GET(request: NextRequest) {
  return respond(async () => ({ snapshots: await listSnapshots(await actorFrom(request)) }));
}

/** Freezes what is on screen: the server copies the entities' current data; positions come from the body. */
export async function POST(request: NextRequest) {
  return respond(
    async () => {
      const actor = await writerFrom(request);
      return createSnapshot(actor, await parseJsonBody(request, createSnapshotSchema));
    },
    { status: 201 },
  );
}
