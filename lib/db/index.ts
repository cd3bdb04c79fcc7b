import "server-only";
import { ensureDatabaseReady } from "./ready";
import { runRead, runWrite, type Work } from "./session";

/**
 * What the data-access modules (lib/explore/search.ts, lib/explore/entities.ts, ...) use: a read transaction that first
 * makes sure the schema exists and the seed is loaded.
 */
export async function read<T>(work: Work<T>): Promise<T> {
  await ensureDatabaseReady();
  return runRead(work);
}

/** A write transaction, after the same readiness check. `work` may be retried: keep it idempotent. */
export async function write<T>(work: Work<T>): Promise<T> {
  await ensureDatabaseReady();
  return runWrite(work);
}

export type { Work };
