/**
 * The graph's own schema, run by lib/migrations.ts: entity ids unique, the full-text index of search, event
 * dates, and an id index per relationship type. Labels and relationship types come from the registry.
 */
import { ENTITY_LABEL, ENTITY_SEARCH_INDEX, RELATIONSHIP_TYPES } from "./registry";

export const GRAPH_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE FULLTEXT INDEX ${ENTITY_SEARCH_INDEX} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON EACH [n.name, n.aliasText, n.description]`,
  "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
  // Relationships carry our own ids too; an index per type makes MERGE on them cheap.
  ...RELATIONSHIP_TYPES.map(
    (type) => `CREATE INDEX rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`,
  ),
];
