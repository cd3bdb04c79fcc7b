import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { respond } from "@/lib/http";
import { snapshotIdFrom } from "@/lib/snapshots/params";
import { compareSnapshot } from "@/lib/snapshots/store";

/** What changed since the snapshot, for its own entities and the relationships among them only. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => compareSnapshot(await actorFrom(request), await snapshotIdFrom(context)));
}
