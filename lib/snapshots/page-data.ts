import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SIGNED_OUT, type Actor } from "../auth/roles";
import { GoneError, NotFoundError } from "../errors";
import { isSnapshotId, type Snapshot } from "./model";
import { readStoredSnapshot, snapshotFor } from "./store";

/**
 * The snapshot's record, read once per request: React's cache() shares it between everything that renders
 * one page (generateMetadata, the page, the embed), so /s/{id} reads the database once for its content,
 * not once per part. Outside a render (route handlers, tests) cache() keeps nothing: each call reads.
 * Keyed by id only; each caller shapes the record for its own reader (snapshotFor).
 */
const storedSnapshotOfRequest = cache(readStoredSnapshot);

/**
 * The snapshot a page (/s/{id}, /embed/{id}) shows to this reader (a private note only for the team).
 * Unknown or malformed: the 404 page. Revoked: null (the proxy has normally answered 410 already; this
 * covers a revocation in between).
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
