/**
 * The data-access modules' way into the database: read() and write() run after the one-time preparation
 * (migrations, the first admin, the seed story on an empty database). It sits above lib/db, which knows
 * no feature: the preparation names features, the driver layer does not.
 */
import "server-only";
import { getConfig } from "./config";
import { ensureInitialAdmin } from "./auth/initial-admin";
// The one import of graph-seed from lib, left to be replaced by an explicit bootstrap step (see docs/ARCHITECTURE.md).
import { loadSeedStory, loadStarterQueries } from "../graph-seed/load";
import { countEntities } from "./db/counts";
import { migrateSchema } from "./migrations";
import { runRead, runWrite, type Work } from "./db/session";

let readiness: Promise<void> | undefined;

async function prepareDatabase(): Promise<void> {
  await migrateSchema();
  await ensureInitialAdmin();
  if (!getConfig().autoSeed) return;
  if ((await runRead(countEntities)) === 0) {
    const loaded = await loadSeedStory();
    console.info(`[redstring] empty database: seeded ${loaded.entitiesCreated} entities, ${loaded.relationshipsCreated} relationships`);
  }
  const starters = await loadStarterQueries();
  if (starters > 0) console.info(`[redstring] added ${starters} starter saved queries`);
}

/**
 * Schema migration, the first admin (from the environment), the seed story if the database is empty and any missing starter saved query: once per process, before the first
 * query. A failure (database down) is not cached, so the next request tries again.
 */
export function ensureDatabaseReady(): Promise<void> {
  readiness ??= prepareDatabase().catch((cause: unknown) => {
    readiness = undefined;
    throw cause;
  });
  return readiness;
}

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
