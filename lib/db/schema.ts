import "server-only";
import { USER_SCHEMA_STATEMENTS } from "../auth/schema";
import { CHANGE_SCHEMA_STATEMENTS } from "../editing/schema";
import { IDEMPOTENCY_SCHEMA_STATEMENTS } from "../idempotency-schema";
import { IMPORT_LOCK_SCHEMA_STATEMENTS } from "../import/lock-schema";
import { ENTITY_LABEL, ENTITY_SEARCH_INDEX, RELATIONSHIP_TYPES } from "../model/registry";
import { SAVED_QUERY_SCHEMA_STATEMENTS } from "../queries/records";
import { RATE_LIMIT_SCHEMA_STATEMENTS } from "../rate-limit-schema";
import { INSTANCE_SETTINGS_SCHEMA_STATEMENTS } from "../settings/schema";
import { SNAPSHOT_SCHEMA_STATEMENTS } from "../snapshots/schema";
import { runSchemaStatement } from "./session";

/**
 * The schema Redstring needs. Every statement is `IF NOT EXISTS`, so running the migration again (each
 * time a server starts) changes nothing. Labels and relationship types come from the registry.
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE FULLTEXT INDEX ${ENTITY_SEARCH_INDEX} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON EACH [n.name, n.aliasText, n.description]`,
  "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
  // Relationships carry our own ids too; an index per type makes MERGE on them cheap.
  ...RELATIONSHIP_TYPES.map(
    (type) => `CREATE INDEX rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`,
  ),
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
