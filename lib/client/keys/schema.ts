/** Cache keys of the schema (TanStack Query): one read serves the /schema page and the Cypher editor's completion. */
export const schemaKeys = {
  all: ["schema"] as const,
  graph: () => ["schema", "graph"] as const,
};
