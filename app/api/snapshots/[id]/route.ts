import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { respond } from "@/lib/http";
import { snapshotIdFrom } from "@/lib/snapshots/params";
import { getSnapshot } from "@/lib/snapshots/store";

/** The snapshot as shared, its note only for the team unless it is the public caption (404 unknown, 410 revoked). */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => getSnapshot(await actorFrom(request), await snapshotIdFrom(context)));
}
