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

export async function migrateSchema(): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await runSchemaStatement(statement);
  // A new full-text index fills in the background; wait so the first search sees every entity.
  await runSchemaStatement("CALL db.awaitIndexes(300)");
}
