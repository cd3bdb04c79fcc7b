import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "../auth/roles";
import { GoneError, NotFoundError } from "../errors";
import { isSnapshotId, type Snapshot } from "./model";
import { getSnapshot } from "./store";

/**
 * The snapshot a page (/s/{id}, /embed/{id}) shows to this reader (a private note only for the team).
 * Unknown or malformed: the 404 page. Revoked: null (the proxy has normally answered 410 already; this
 * covers a revocation in between).
 */
export async function snapshotForPage(reader: Actor, id: string): Promise<Snapshot | null> {
  if (!isSnapshotId(id)) notFound();
  try {
    return await getSnapshot(reader, id);
  } catch (cause) {
    if (cause instanceof NotFoundError) notFound();
    if (cause instanceof GoneError) return null;
    throw cause;
  }
}
