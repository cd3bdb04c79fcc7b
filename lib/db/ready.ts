import "server-only";
import { getConfig } from "../config";
import { ENTITY_LABEL } from "../model/registry";
import { loadSeedStory } from "../../graph-seed/load";
import { migrateSchema } from "./schema";
import { runRead } from "./session";

let readiness: Promise<void> | undefined;

async function prepareDatabase(): Promise<void> {
  await migrateSchema();
  if (!getConfig().autoSeed) return;
  const entityCount = await runRead(async (tx) => {
    const result = await tx.run(`MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS count`);
    return result.records[0]?.get("count").toNumber() ?? 0;
  });
  if (entityCount === 0) {
    const loaded = await loadSeedStory();
    console.info(`[redstring] empty database: seeded ${loaded.entitiesCreated} entities, ${loaded.relationshipsCreated} relationships`);
  }
}

/**
 * Schema migration, then the seed story if the database is empty: once per process, before the first
 * query. A failure (database down) is not cached, so the next request tries again.
 */
export function ensureDatabaseReady(): Promise<void> {
  readiness ??= prepareDatabase().catch((cause: unknown) => {
    readiness = undefined;
    throw cause;
  });
  return readiness;
}
