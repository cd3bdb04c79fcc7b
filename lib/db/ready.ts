import "server-only";
import { getConfig } from "../config";
import { ensureInitialAdmin } from "../auth/initial-admin";
import { loadSeedStory, loadStarterQueries } from "../../graph-seed/load";
import { countEntities } from "./counts";
import { migrateSchema } from "./schema";
import { runRead } from "./session";

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
