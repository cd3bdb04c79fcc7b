/**
 * The import store on Neo4j. The Cypher is graph-seed/load.ts's: UNWIND a batch, MERGE on our ids,
 * ON CREATE SET only. Labels and relationship types are spliced in only after the registry vouched for
 * them; values are parameters. Each batch is one transaction, so a killed run leaves whole batches.
 */
import { ENTITY_LABEL, entityTypeOf, type EntityInput, type EntityType, type RelationshipInput, type RelationshipType } from "../model/registry";
import { runRead, runWrite } from "../db/session";
import { entityPropertiesForNeo4j } from "../db/values";
import type { ImportStore } from "./store";

/** Thousands of rows per transaction take seconds on a small machine: well past the app's 15 s default is fine here. */
const BATCH_TIMEOUT_MS = 300_000;

export const neo4jImportStore: ImportStore = {
  async entityTypes(ids) {
    return runRead(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n.id AS id, labels(n) AS labels`,
        { ids },
      );
      return new Map(result.records.map((record) => [record.get("id") as string, entityTypeOf(record.get("labels") as string[])]));
    }, { timeoutMs: BATCH_TIMEOUT_MS });
  },

  async writeEntities(type: EntityType, entities: readonly EntityInput[]) {
    const rows = entities.map((entity) => ({ id: entity.id, properties: entityPropertiesForNeo4j(type, entity) }));
    return runWrite(async (tx) => {
      const result = await tx.run(
        `UNWIND $rows AS row
         MERGE (n:${ENTITY_LABEL} {id: row.id})
         ON CREATE SET n += row.properties, n:${type}, n.createdAt = datetime(), n.updatedAt = datetime()`,
        { rows },
      );
      return result.summary.counters.updates().nodesCreated;
    }, { timeoutMs: BATCH_TIMEOUT_MS });
  },

  async writeRelationships(type: RelationshipType, relationships: readonly RelationshipInput[]) {
    const rows = relationships.map((relationship) => ({
      id: relationship.id,
      from: relationship.from,
      to: relationship.to,
      properties: {
        ...relationship.properties,
        sources: relationship.sources,
        ...(relationship.quote ? { quote: relationship.quote } : {}),
      },
    }));
    return runWrite(async (tx) => {
      const result = await tx.run(
        `UNWIND $rows AS row
         MATCH (a:${ENTITY_LABEL} {id: row.from})
         MATCH (b:${ENTITY_LABEL} {id: row.to})
         MERGE (a)-[r:${type} {id: row.id}]->(b)
         ON CREATE SET r += row.properties, r.createdAt = datetime(), r.updatedAt = datetime()`,
        { rows },
      );
      return result.summary.counters.updates().relationshipsCreated;
    }, { timeoutMs: BATCH_TIMEOUT_MS });
  },
};
