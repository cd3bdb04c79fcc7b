/**
 * The deploy steps that prepare a database, as functions (the command lines in this folder, `npm start`,
 * the test runner and the bench call them; a server never does, it only checks the schema):
 *
 *   migrate: the schema (lib/migrations.ts), the first admin from the environment, values older versions
 *            stored as text typed (lib/editing/convert-values.ts), the starter saved queries (while
 *            REDSTRING_AUTO_SEED is on, as before). Safe to run in several processes at once.
 *   seed:    the demo story, as data through the import pipeline (load.ts), and the starter queries.
 *
 * Above lib on purpose: the story and the starter library are data, and lib never imports graph-seed.
 */
import "server-only";
import { ensureInitialAdmin } from "../lib/auth/initial-admin";
import { getConfig } from "../lib/config";
import { countEntities } from "../lib/db/counts";
import { convertLegacyValues, type ConversionOutcome } from "../lib/editing/convert-values";
import { runRead } from "../lib/db/session";
import { checkSchemaCurrent, migrateSchema } from "../lib/migrations";
import { loadSeedStory, loadStarterQueries, type LoadResult } from "./load";

export interface MigrateOutcome {
  startersCreated: number;
  /** Values older versions stored as text, now typed (recorded in the audit trail). */
  conversion: ConversionOutcome;
}

export async function migrateDatabase(): Promise<MigrateOutcome> {
  await migrateSchema();
  await ensureInitialAdmin();
  const conversion = await convertLegacyValues();
  const startersCreated = getConfig().autoSeed ? await loadStarterQueries() : 0;
  return { startersCreated, conversion };
}

export type SeedOutcome =
  | { seeded: true; story: LoadResult; startersCreated: number }
  | { seeded: false; reason: "auto seed is off" | "the database holds entities" };

/**
 * The demo story and the starter queries. `onlyIfEmpty` is what `npm start` asks for: nothing while
 * REDSTRING_AUTO_SEED is off or once the database holds any entity (someone's own data, or the story).
 * Refuses, with the 503 that says to run `npm run migrate`, on a database whose schema is not current.
 */
export async function seedDatabase({ onlyIfEmpty = false }: { onlyIfEmpty?: boolean } = {}): Promise<SeedOutcome> {
  await checkSchemaCurrent();
  if (onlyIfEmpty) {
    if (!getConfig().autoSeed) return { seeded: false, reason: "auto seed is off" };
    if ((await runRead(countEntities)) > 0) return { seeded: false, reason: "the database holds entities" };
  }
  const story = await loadSeedStory();
  const startersCreated = await loadStarterQueries();
  return { seeded: true, story, startersCreated };
}
