import type { NextRequest } from "next/server";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { createSnapshotSchema } from "@/lib/snapshots/model";
import { createSnapshot, listSnapshots } from "@/lib/snapshots/store";

/** Every snapshot made on this instance, newest first, with its state (revoked or not). */
export async function GET() {
  return respond(async () => ({ snapshots: await listSnapshots() }));
}

/** Freezes what is on screen: the server copies the entities' current data; positions come from the body. */
export async function POST(request: NextRequest) {
  return respond(
    async () => {
      assertSameOrigin(request);
      return createSnapshot(await parseJsonBody(request, createSnapshotSchema));
    },
    { status: 201 },
  );
}
