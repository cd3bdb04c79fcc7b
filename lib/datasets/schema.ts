/**
 * The data-set record's label and schema, run by lib/migrations.ts. A `Dataset` is one of the app's own
 * records, not graph data: it has no `Entity` label, so neither the explorer nor a saved query reaches it
 * as a node (entities and relationships name it by id, in their `datasets` list).
 */
export const DATASET_LABEL = "Dataset";

export const DATASET_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT dataset_id_unique IF NOT EXISTS FOR (d:${DATASET_LABEL}) REQUIRE d.id IS UNIQUE`,
];
