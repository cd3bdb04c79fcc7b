import "server-only";
/**
 * The one way Redstring writes validated entities and relationships in bulk, used by the seed loader
 * (graph-seed/load.ts) and the importers (lib/import/neo4j-store.ts): UNWIND a batch, MERGE on our own
 * ids, and set properties ON CREATE only, so loading the same data again creates and overwrites nothing.
 * Labels and relationship types are spliced in only after the registry vouched for them; values are
 * parameters. Each batch is one transaction: a killed run leaves whole batches.
 */
import { ENTITY_LABEL, type EntityInput, type EntityType, type RelationshipInput, type RelationshipType } from "../model/registry";
import { runWrite } from "./session";
import { entityPropertiesForNeo4j } from "./values";

interface BatchOptions {
  /** Big batches take longer than the app's default transaction timeout. */
  timeoutMs?: number;
}

/** The statement for one entity type; `$rows` holds entityRow()s. Exported for the benchmark's loader. */
export const entityMergeStatement = (type: EntityType) => `UNWIND $rows AS row
MERGE (n:${ENTITY_LABEL} {id: row.id})
ON CREATE SET n += row.properties, n:${type}, n.createdAt = datetime(), n.updatedAt = datetime()`;

/** The statement for one relationship type; `$rows` holds relationshipRow()s. */
export const relationshipMergeStatement = (type: RelationshipType) => `UNWIND $rows AS row
MATCH (a:${ENTITY_LABEL} {id: row.from})
MATCH (b:${ENTITY_LABEL} {id: row.to})
MERGE (a)-[r:${type} {id: row.id}]->(b)
ON CREATE SET r += row.properties, r.createdAt = datetime(), r.updatedAt = datetime()`;

export function entityRow(type: EntityType, entity: EntityInput) {
  return { id: entity.id, properties: entityPropertiesForNeo4j(type, entity) };
}

/** Provenance (sources, quote) is stored on the relationship with its own properties. */
export function relationshipRow(relationship: RelationshipInput) {
  return {
    id: relationship.id,
    from: relationship.from,
    to: relationship.to,
    properties: {
      ...relationship.properties,
      sources: relationship.sources,
      ...(relationship.quote ? { quote: relationship.quote } : {}),
    },
  };
}

/** Creates the entities of one type that do not exist yet; returns how many were created. */
export function writeEntityBatch(type: EntityType, entities: readonly EntityInput[], options: BatchOptions = {}): Promise<number> {
  const rows = entities.map((entity) => entityRow(type, entity));
  return runWrite(async (tx) => {
    const result = await tx.run(entityMergeStatement(type), { rows });
    return result.summary.counters.updates().nodesCreated;
  }, options);
}

/** Creates the relationships of one type that do not exist yet, between existing entities. */
export function writeRelationshipBatch(
  type: RelationshipType,
  relationships: readonly RelationshipInput[],
  options: BatchOptions = {},
): Promise<number> {
  const rows = relationships.map(relationshipRow);
  return runWrite(async (tx) => {
    const result = await tx.run(relationshipMergeStatement(type), { rows });
    return result.summary.counters.updates().relationshipsCreated;
  }, options);
}
