/**
 * One import at a time per data set, whoever starts it (`npm run import` on any machine, or the Data page
 * of any replica): the lock is a node in Neo4j, not a file or a variable of one process.
 *
 * A holder writes a heartbeat while it runs and deletes the lock when it ends. A holder that died without
 * deleting it (kill -9, a lost machine) stops beating, and its lock is taken over once the heartbeat is
 * STALE_AFTER_MS old; on the holder's own machine a dead process id frees it at once.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { runWrite } from "../db/session";
import { mapToPlain } from "../db/values";
import { ConflictError } from "../errors";
import { IMPORT_LOCK_LABEL } from "./lock-schema";
import { slugify } from "./mapping";

export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 60_000;

export interface ImportLockHolder {
  /** Who runs it, as the refusal others get names it: "npm run import on db-host-2", "Ada Lovelace on the Data page". */
  by: string;
}

export interface ImportLock {
  dataset: string;
  /** Ends the heartbeat and deletes the lock (if it is still ours). Safe to call twice; after a failure, tries again. */
  release(): Promise<void>;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

interface Current {
  token: string;
  by: string;
  host: string;
  pid: number;
  startedAt: number;
  heartbeatAt: number;
}

function heldByTheDead(current: Current, now: number): boolean {
  if (now - current.heartbeatAt > STALE_AFTER_MS) return true;
  return current.host === os.hostname() && current.pid !== process.pid && !processIsAlive(current.pid);
}

function describeHolder(current: Current, now: number): string {
  const minutes = Math.max(0, Math.round((now - current.startedAt) / 60_000));
  const since = minutes < 1 ? "less than a minute ago" : `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  return `started ${since} by ${current.by}`;
}

export class ImportRunningError extends ConflictError {}

/**
 * Takes the data set's lock or refuses with ImportRunningError (409) naming the import that holds it.
 * `dataset` is the data set's stable key (its slug).
 */
export async function acquireImportLock(dataset: string, holder: ImportLockHolder, now = () => Date.now()): Promise<ImportLock> {
  const token = randomBytes(12).toString("base64url");
  const taken = await runWrite(async (tx) => {
    // MERGE takes the node's write lock: a second acquirer waits here until the first commits, then sees it.
    const result = await tx.run(
      `MERGE (l:${IMPORT_LOCK_LABEL} {dataset: $dataset})
       ON CREATE SET l.token = $token, l.by = $by, l.host = $host, l.pid = $pid, l.startedAt = $now, l.heartbeatAt = $now
       RETURN l.token AS token, l.by AS by, l.host AS host, l.pid AS pid, l.startedAt AS startedAt, l.heartbeatAt AS heartbeatAt`,
      { dataset, token, by: holder.by, host: os.hostname(), pid: process.pid, now: now() },
    );
    const current = mapToPlain(result.records[0]!.toObject()) as unknown as Current;
    if (current.token === token) return { ok: true as const };
    if (!heldByTheDead(current, now())) return { ok: false as const, current };
    await tx.run(
      `MATCH (l:${IMPORT_LOCK_LABEL} {dataset: $dataset})
       SET l.token = $token, l.by = $by, l.host = $host, l.pid = $pid, l.startedAt = $now, l.heartbeatAt = $now`,
      { dataset, token, by: holder.by, host: os.hostname(), pid: process.pid, now: now() },
    );
    console.warn(`[redstring] took over the import lock of "${dataset}" from a holder that stopped (${describeHolder(current, now())})`);
    return { ok: true as const };
  });
  if (!taken.ok) {
    throw new ImportRunningError(
      `An import of this data set is already running (${describeHolder(taken.current, now())}). Wait for it to finish, then run this one: it will add only what is missing.`,
    );
  }

  const heartbeat = setInterval(() => {
    runWrite((tx) => tx.run(`MATCH (l:${IMPORT_LOCK_LABEL} {dataset: $dataset, token: $token}) SET l.heartbeatAt = $now`, { dataset, token, now: now() })).catch(
      // A missed beat is retried at the next one; only STALE_AFTER_MS of them in a row lose the lock.
      () => undefined,
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let released: Promise<void> | undefined;
  return {
    dataset,
    release() {
      clearInterval(heartbeat);
      released ??= runWrite((tx) => tx.run(`MATCH (l:${IMPORT_LOCK_LABEL} {dataset: $dataset, token: $token}) DELETE l`, { dataset, token })).then(
        () => undefined,
        (error: unknown) => {
          // Not given back: a later call tries again.
          released = undefined;
          throw error;
        },
      );
      return released;
    },
  };
}

/** The lock's key for a data set: its source name as a slug, so "Legis Graph" and "legis-graph" are one. */
export const datasetKey = (sourceName: string) => slugify(sourceName) || "data";
