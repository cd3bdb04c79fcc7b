import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SIGNED_OUT, type Actor } from "../auth/roles";
import { GoneError, NotFoundError } from "../errors";
import { isSnapshotId, type Snapshot } from "./model";
import { SNAPSHOT_HANDOFF_HEADER, takeHandedOff } from "./handoff";
import { readStoredSnapshot, snapshotFor, type StoredSnapshot } from "./store";

/**
 * The snapshot's record, once per request: the one the proxy read for this request (it answers 410 for a
 * revoked link, so it reads first: lib/snapshots/handoff.ts), else read here. React's cache() shares it
 * between everything that renders one page (generateMetadata, the page, the embed), so /s/{id} reads the
 * database once in all, not once per part. Outside a render cache() keeps nothing. Keyed by id only; each
 * caller shapes the record for its own reader (snapshotFor).
 */
const storedSnapshotOfRequest = cache(async (id: string): Promise<StoredSnapshot | null> => {
  const handed = takeHandedOff((await headers()).get(SNAPSHOT_HANDOFF_HEADER), id);
  return handed ? handed.record : readStoredSnapshot(id);
});

/**
 * The snapshot a page (/s/{id}, /embed/{id}) shows to this reader (a private note only for the team).
 * Unknown or malformed: the 404 page. Revoked: null (the proxy has normally answered 410 already; this
 * covers a page the proxy did not read for, e.g. a prefetch).
 */
export async function snapshotForPage(reader: Actor, id: string): Promise<Snapshot | null> {
  if (!isSnapshotId(id)) notFound();
  try {
    return snapshotFor(reader, id, await storedSnapshotOfRequest(id));
  } catch (cause) {
    if (cause instanceof NotFoundError) notFound();
    if (cause instanceof GoneError) return null;
    throw cause;
  }
}

/**
 * What a link preview shows (title, public caption, counts): the snapshot as a signed-out visitor reads
 * it, whoever asks, since a preview is shown to everyone. Null when there is nothing to preview (unknown,
 * malformed, revoked, or the database did not answer: the page itself then says why).
 */
export async function snapshotForPreview(id: string): Promise<Snapshot | null> {
  if (!isSnapshotId(id)) return null;
  try {
    return snapshotFor(SIGNED_OUT, id, await storedSnapshotOfRequest(id));
  } catch {
    return null;
  }
}
