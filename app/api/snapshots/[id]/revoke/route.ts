import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { revokeSnapshotSchema } from "@/lib/snapshots/model";
import { snapshotIdFrom } from "@/lib/snapshots/params";
import { revokeSnapshot } from "@/lib/snapshots/store";

/** Revokes the link for the holder of its revoke key, or an admin: page, embed and preview image then answer 410. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const id = await snapshotIdFrom(context);
    const { revokeKey } = await parseJsonBody(request, revokeSnapshotSchema);
    return revokeSnapshot(actor, id, revokeKey);
  });
}
