import type { NextRequest } from "next/server";
import { respond } from "@/lib/http";
import { snapshotIdFrom } from "@/lib/snapshots/params";
import { getSnapshot } from "@/lib/snapshots/store";

/** The snapshot as shared (404 for an unknown or malformed id, 410 once revoked). */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => getSnapshot(await snapshotIdFrom(context)));
}
