/** The Snapshot label and its constraint, run by lib/migrations.ts. */
export const SNAPSHOT_LABEL = "Snapshot";

export const SNAPSHOT_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT snapshot_id_unique IF NOT EXISTS FOR (s:${SNAPSHOT_LABEL}) REQUIRE s.id IS UNIQUE`,
];
