/** The SavedQuery and SavedQueryVersion labels and their constraints, run by lib/migrations.ts. */
export const SAVED_QUERY_LABEL = "SavedQuery";
export const SAVED_QUERY_VERSION_LABEL = "SavedQueryVersion";

export const SAVED_QUERY_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT saved_query_id_unique IF NOT EXISTS FOR (q:${SAVED_QUERY_LABEL}) REQUIRE q.id IS UNIQUE`,
  // Two saves racing from the same base version would both claim the next number: one of them fails here.
  `CREATE CONSTRAINT saved_query_version_unique IF NOT EXISTS
   FOR (v:${SAVED_QUERY_VERSION_LABEL}) REQUIRE (v.queryId, v.version) IS UNIQUE`,
];
