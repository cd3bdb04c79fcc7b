/** The ChangeRecord label and its schema, run by lib/migrations.ts. */
export const CHANGE_LABEL = "ChangeRecord";

export const CHANGE_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT change_id_unique IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.id IS UNIQUE`,
  // The recent-changes page reads newest first.
  `CREATE INDEX change_at IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.at)`,
];
