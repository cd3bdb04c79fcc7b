import "server-only";
/**
 * The one way Redstring writes validated entities and relationships in bulk, used by the seed loader
 * (graph-seed/load.ts) and the importers (lib/import/neo4j-store.ts): UNWIND a batch, MERGE on our own
 * ids, and set properties ON CREATE only, so loading the same data again creates and overwrites nothing.
 * The one exception is `datasets`, the list of data-set ids a record came from: an import's id is appended
 * to it on create and on match (once), so an entity two data sets share lists both, and a re-import of the
 * same data set writes nothing at all.
 * Labels and relationship types are spliced in only after the registry vouched for them; values are
 * parameters. Each batch is one transaction: a killed run leaves whole batches.
 */
import { ENTITY_LABEL, type EntityInput, type EntityType, type RelationshipInput, type RelationshipType } from "../model/registry";
import { runWrite } from "./session";
import { entityPropertiesForNeo4j, relationshipPropertiesForNeo4j } from "./values";

interface BatchOptions {
  /** Big batches take longer than the app's default transaction timeout. */
  timeoutMs?: number;
  /** The data set being imported: its id joins each record's `datasets`. */
  dataset?: string | null;
}

/**
 * Appends the row's data set to `datasets` of a record that existed before and does not list it yet. A
 * record this statement created already has it (in its row's properties, set ON CREATE), so it takes no
 * second write; a row without a data set (the benchmark's loader) and a record already listing it are left
 * untouched, so other properties are never rewritten.
 */
const appendDataset = (variable: string) => `WITH ${variable}, row WHERE row.dataset IS NOT NULL AND NOT row.dataset IN coalesce(${variable}.datasets, [])
SET ${variable}.datasets = coalesce(${variable}.datasets, []) + row.dataset`;

/** The statement for one entity type; `$rows` holds entityRow()s. Exported for the benchmark's loader. */
export const entityMergeStatement = (type: EntityType) => `UNWIND $rows AS row
MERGE (n:${ENTITY_LABEL} {id: row.id})
ON CREATE SET n += row.properties, n:${type}, n.createdAt = datetime(), n.updatedAt = datetime()
${appendDataset("n")}`;

/** The statement for one relationship type; `$rows` holds relationshipRow()s. */
export const relationshipMergeStatement = (type: RelationshipType) => `UNWIND $rows AS row
MATCH (a:${ENTITY_LABEL} {id: row.from})
MATCH (b:${ENTITY_LABEL} {id: row.to})
MERGE (a)-[r:${type} {id: row.id}]->(b)
ON CREATE SET r += row.properties, r.createdAt = datetime(), r.updatedAt = datetime()
${appendDataset("r")}`;

/** A new record's `datasets`, written with its other properties on create. */
const datasetsOnCreate = (dataset: string | null) => (dataset === null ? {} : { datasets: [dataset] });

export function entityRow(type: EntityType, entity: EntityInput, dataset: string | null = null) {
  return { id: entity.id, properties: { ...entityPropertiesForNeo4j(type, entity), ...datasetsOnCreate(dataset) }, dataset };
}

/** Provenance (sources, quote) is stored on the relationship with its own properties. */
export function relationshipRow(relationship: RelationshipInput, dataset: string | null = null) {
  return {
    id: relationship.id,
    dataset,
    from: relationship.from,
    to: relationship.to,
    properties: {
      ...relationshipPropertiesForNeo4j(relationship.type, relationship.properties),
      sources: relationship.sources,
      ...(relationship.quote ? { quote: relationship.quote } : {}),
      ...datasetsOnCreate(dataset),
    },
  };
}

/** Creates the entities of one type that do not exist yet; returns how many were created. */
export function writeEntityBatch(type: EntityType, entities: readonly EntityInput[], options: BatchOptions = {}): Promise<number> {
  const rows = entities.map((entity) => entityRow(type, entity, options.dataset ?? null));
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
  const rows = relationships.map((relationship) => relationshipRow(relationship, options.dataset ?? null));
  return runWrite(async (tx) => {
    const result = await tx.run(relationshipMergeStatement(type), { rows });
    return result.summary.counters.updates().relationshipsCreated;
  }, options);
}
