/** The ImportLock label and its schema, run by lib/migrations.ts (no imports: no cycle). */
export const IMPORT_LOCK_LABEL = "ImportLock";

export const IMPORT_LOCK_SCHEMA_STATEMENTS: readonly string[] = [
  // One lock per data set: two imports starting together MERGE the same node, and the second waits on it.
  `CREATE CONSTRAINT import_lock_dataset_unique IF NOT EXISTS FOR (l:${IMPORT_LOCK_LABEL}) REQUIRE l.dataset IS UNIQUE`,
];
