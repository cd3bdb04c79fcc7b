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
 *
 * Rows the caller knows to be new (`fresh`: ids the database did not have when the import looked them up)
 * are written with CREATE instead: no read before each write, which makes a bulk load into new ids about
 * a third faster (docs/BENCHMARKS.md). The unique constraint on entity ids still guards them: if another
 * writer created one of those ids in the meantime, the CREATE fails and the batch is written again with
 * MERGE, as if nothing had been known.
 */
import { ENTITY_LABEL, type EntityInput, type EntityType, type RelationshipInput, type RelationshipType } from "../model/registry";
import { isConstraintViolation } from "./errors";
import { runWrite } from "./session";
import { entityPropertiesForNeo4j, relationshipPropertiesForNeo4j } from "./values";

interface BatchOptions {
  /** Big batches take longer than the app's default transaction timeout. */
  timeoutMs?: number;
  /** The data set being imported: its id joins each record's `datasets`. */
  dataset?: string | null;
  /** Ids of this batch known not to exist yet (entities), or to join only entities this import created (relationships). */
  fresh?: ReadonlySet<string>;
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

/** The statement for entities of one type that do not exist yet: no MERGE, so no read before the write. */
export const entityCreateStatement = (type: EntityType) => `UNWIND $rows AS row
CREATE (n:${ENTITY_LABEL}:${type} {id: row.id})
SET n += row.properties, n.createdAt = datetime(), n.updatedAt = datetime()`;

/**
 * The statement for new relationships of one type: between entities this import created, so no
 * relationship with their id can exist yet.
 */
export const relationshipCreateStatement = (type: RelationshipType) => `UNWIND $rows AS row
MATCH (a:${ENTITY_LABEL} {id: row.from})
MATCH (b:${ENTITY_LABEL} {id: row.to})
CREATE (a)-[r:${type} {id: row.id}]->(b)
SET r += row.properties, r.createdAt = datetime(), r.updatedAt = datetime()`;

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

/**
 * One batch in one transaction: the fresh rows with `create`, the rest with `merge`; returns how many
 * records it created. A fresh row that someone else created meanwhile fails the CREATE on the unique
 * constraint; the batch then runs once more with MERGE for every row (the failed transaction wrote nothing).
 */
async function writeBatch<Row extends { id: string }>(
  rows: readonly Row[],
  fresh: ReadonlySet<string> | undefined,
  statements: { create: string; merge: string },
  created: (counters: { nodesCreated: number; relationshipsCreated: number }) => number,
  options: BatchOptions,
): Promise<number> {
  const run = (createRows: readonly Row[], mergeRows: readonly Row[]) =>
    runWrite(async (tx) => {
      let count = 0;
      for (const [statement, batch] of [[statements.create, createRows], [statements.merge, mergeRows]] as const) {
        if (batch.length === 0) continue;
        const result = await tx.run(statement, { rows: batch });
        count += created(result.summary.counters.updates());
      }
      return count;
    }, options);
  if (!fresh || fresh.size === 0) return run([], rows);
  const createRows = rows.filter((row) => fresh.has(row.id));
  const mergeRows = rows.filter((row) => !fresh.has(row.id));
  try {
    return await run(createRows, mergeRows);
  } catch (cause) {
    if (!isConstraintViolation(cause)) throw cause;
    return run([], rows);
  }
}

/** Creates the entities of one type that do not exist yet; returns how many were created. */
export function writeEntityBatch(type: EntityType, entities: readonly EntityInput[], options: BatchOptions = {}): Promise<number> {
  const rows = entities.map((entity) => entityRow(type, entity, options.dataset ?? null));
  const statements = { create: entityCreateStatement(type), merge: entityMergeStatement(type) };
  return writeBatch(rows, options.fresh, statements, (counters) => counters.nodesCreated, options);
}

/** Creates the relationships of one type that do not exist yet, between existing entities. */
export function writeRelationshipBatch(
  type: RelationshipType,
  relationships: readonly RelationshipInput[],
  options: BatchOptions = {},
): Promise<number> {
  const rows = relationships.map((relationship) => relationshipRow(relationship, options.dataset ?? null));
  const statements = { create: relationshipCreateStatement(type), merge: relationshipMergeStatement(type) };
  return writeBatch(rows, options.fresh, statements, (counters) => counters.relationshipsCreated, options);
}
