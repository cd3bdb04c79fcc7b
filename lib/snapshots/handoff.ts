import "server-only";
/**
 * A permalink request (/s/{id}, /embed/{id}) reads its snapshot once. The proxy must read it (a revoked
 * link answers 410 before anything renders: a page cannot choose its status code), so the proxy's read
 * is the request's read: it leaves the record here under a fresh token, puts the token in a request
 * header, and the page takes the record back instead of reading again (lib/snapshots/page-data.ts).
 *
 * The proxy runs in the server process that renders the page, but not in the page's module graph: the
 * records are kept on globalThis, like the driver. A page that finds no record under its token (a proxy
 * elsewhere, an entry gone stale) reads for itself, so the hand-off only ever saves a read. A record is
 * taken once, and one nobody takes (a request that ended before it rendered) is dropped after
 * HANDOFF_TTL_MS; at most MAX_WAITING wait at once, so the map stays small whatever the traffic.
 */
import { randomBytes } from "node:crypto";
import type { StoredSnapshot } from "./store";

/** The request header that carries the token from the proxy to the page (never the browser's own). */
export const SNAPSHOT_HANDOFF_HEADER = "x-redstring-snapshot-read";

/** A page renders straight after its proxy: a record waits seconds at most, unless nobody comes. */
export const HANDOFF_TTL_MS = 10_000;
export const MAX_WAITING = 32;

interface Waiting {
  id: string;
  /** null: no snapshot has this id (the page answers 404 without asking again). */
  record: StoredSnapshot | null;
  expiresAt: number;
}

const holder = globalThis as typeof globalThis & { __redstringSnapshotHandoff?: Map<string, Waiting> };
const waiting = (holder.__redstringSnapshotHandoff ??= new Map<string, Waiting>());

/** Leaves the proxy's read of snapshot `id` for the page; the token goes in SNAPSHOT_HANDOFF_HEADER. */
export function handOff(id: string, record: StoredSnapshot | null, now = Date.now()): string {
  for (const [token, entry] of waiting) if (entry.expiresAt <= now) waiting.delete(token);
  // Oldest first (a Map keeps insertion order): a page that lost its record reads for itself.
  for (const token of waiting.keys()) {
    if (waiting.size < MAX_WAITING) break;
    waiting.delete(token);
  }
  const token = randomBytes(16).toString("base64url");
  waiting.set(token, { id, record, expiresAt: now + HANDOFF_TTL_MS });
  return token;
}

/**
 * The record the proxy read for this request, once: `{ record }` (null: no such snapshot), or undefined
 * when there is none for this token and id, and the caller reads the database itself.
 */
export function takeHandedOff(token: string | null | undefined, id: string, now = Date.now()): { record: StoredSnapshot | null } | undefined {
  if (!token) return undefined;
  const entry = waiting.get(token);
  if (!entry) return undefined;
  waiting.delete(token);
  if (entry.id !== id || entry.expiresAt <= now) return undefined;
  return { record: entry.record };
}

/** How many records wait (tests). */
export function waitingHandoffs(): number {
  return waiting.size;
}
