/**
 * The one migrations list: every feature exports its own schema statements (constraints and indexes) and
 * this module, at the top of lib, runs them. lib/db below knows no feature.
 */
import "server-only";
import { USER_SCHEMA_STATEMENTS } from "./auth/schema";
import { CHANGE_SCHEMA_STATEMENTS } from "./editing/schema";
import { IDEMPOTENCY_SCHEMA_STATEMENTS } from "./idempotency-schema";
import { IMPORT_LOCK_SCHEMA_STATEMENTS } from "./import/lock-schema";
import { GRAPH_SCHEMA_STATEMENTS } from "./model/schema";
import { SAVED_QUERY_SCHEMA_STATEMENTS } from "./queries/schema";
import { RATE_LIMIT_SCHEMA_STATEMENTS } from "./rate-limit-schema";
import { INSTANCE_SETTINGS_SCHEMA_STATEMENTS } from "./settings/schema";
import { SNAPSHOT_SCHEMA_STATEMENTS } from "./snapshots/schema";
import { getConfig } from "./config";
import { runSchemaStatement } from "./db/session";

/**
 * The schema Redstring needs. Every statement is `IF NOT EXISTS`, so running the migration again (each
 * time a server starts) changes nothing.
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  ...GRAPH_SCHEMA_STATEMENTS,
  ...SAVED_QUERY_SCHEMA_STATEMENTS,
  ...SNAPSHOT_SCHEMA_STATEMENTS,
  ...USER_SCHEMA_STATEMENTS,
  ...CHANGE_SCHEMA_STATEMENTS,
  ...RATE_LIMIT_SCHEMA_STATEMENTS,
  ...IDEMPOTENCY_SCHEMA_STATEMENTS,
  ...INSTANCE_SETTINGS_SCHEMA_STATEMENTS,
  ...IMPORT_LOCK_SCHEMA_STATEMENTS,
];

/** Every statement, now, whatever ran before in this process (migrateSchema is the way in; tests check idempotence). */
export async function runMigrations(): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await runSchemaStatement(statement);
  // A new full-text index fills in the background; wait so the first search sees every entity.
  await runSchemaStatement("CALL db.awaitIndexes(300)");
}

const holder = globalThis as typeof globalThis & { __redstringMigrated?: Map<string, Promise<void>> };
const migrated = (holder.__redstringMigrated ??= new Map());

/**
 * Brings the database's schema up to date, once per process and database: the server's first request,
 * every Data-page import and the CLI all call it, and after the first success it costs nothing. A failure
 * (database down) is forgotten, so the next call tries again.
 */
export function migrateSchema(): Promise<void> {
  const { neo4jUri, neo4jDatabase } = getConfig();
  const key = `${neo4jUri} ${neo4jDatabase ?? ""}`;
  let done = migrated.get(key);
  if (!done) {
    done = runMigrations().catch((cause: unknown) => {
      migrated.delete(key);
      throw cause;
    });
    migrated.set(key, done);
  }
  return done;
}
