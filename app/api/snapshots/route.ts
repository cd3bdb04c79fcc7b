import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { idempotent } from "@/lib/idempotency";
import { BODY_LIMITS } from "@/lib/request-body";
import { createSnapshotSchema } from "@/lib/snapshots/model";
import { createSnapshot, listSnapshots } from "@/lib/snapshots/store";

/** Every snapshot made on this instance, newest first, with its state (revoked or not). */
export async function GET(request: NextRequest) {
  return respond(request, async () => ({ snapshots: await listSnapshots(await actorFrom(request)) }));
}

/** Freezes what is on screen: the server copies the entities' current data; positions come from the body. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    // A snapshot of a workspace holds up to 20,000 entities with positions: the big views' limit.
    const body = await parseJsonBody(request, createSnapshotSchema, BODY_LIMITS.largeView);
    // A replayed answer carries the same revoke key: the stored answer holds it for a day (see README).
    return idempotent(request, { actor, permission: "snapshots:create", route: "POST /api/snapshots", body }, async (tx) => ({
      status: 201,
      body: await createSnapshot(actor, body, tx),
    }));
  });
}
