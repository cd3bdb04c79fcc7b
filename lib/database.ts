/**
 * The data-access modules' way into the database: read() and write() run once the schema is known to be
 * current. Preparing the database (migrations, the first admin, the seed story) is a deploy step
 * (`npm run migrate`, `npm run seed`: graph-seed/), never a request's side effect; a server on a database
 * that was not migrated answers 503 "run npm run migrate" (lib/migrations.ts checkSchemaCurrent).
 */
import "server-only";
import { checkSchemaCurrent } from "./migrations";
import { runRead, runWrite, type Work } from "./db/session";

/**
 * That the database holds the schema this code needs: one read, once per process (while it succeeds),
 * before the first query. A failure (database down, schema not current) is not cached.
 */
export function ensureDatabaseReady(): Promise<void> {
  return checkSchemaCurrent();
}

/**
 * What the data-access modules (lib/explore/search.ts, lib/explore/entities.ts, ...) use: a read transaction that first
 * makes sure the schema is current.
 */
export async function read<T>(work: Work<T>, options?: Parameters<typeof runRead>[1]): Promise<T> {
  await ensureDatabaseReady();
  return runRead(work, options);
}

/** A write transaction, after the same readiness check. `work` may be retried: keep it idempotent. */
export async function write<T>(work: Work<T>): Promise<T> {
  await ensureDatabaseReady();
  return runWrite(work);
}

export type { Work };
