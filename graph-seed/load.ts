import "server-only";
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from "../lib/model/registry";
import { writeEntityBatch, writeRelationshipBatch } from "../lib/db/graph-writes";
import { runWrite } from "../lib/db/session";
import { findSavedQuery, insertSavedQuery } from "../lib/queries/records";
import { savedQueryInputSchema } from "../lib/queries/model";
import { parseGraphInput } from "./validate";
import { type GraphInput } from "../lib/model/registry";
import { seedEntities, seedRelationships } from "./seed-story";
import { starterQueries } from "./starter-queries";

const BATCH_SIZE = 1_000;

export interface LoadResult {
  entitiesCreated: number;
  relationshipsCreated: number;
}

function batches<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH_SIZE) result.push(rows.slice(start, start + BATCH_SIZE));
  return result;
}

/**
 * Writes a validated graph idempotently: MERGE on our own ids, properties set only when an element is
 * created. Loading the same graph again creates nothing and overwrites nothing, so edits made in the app
 * since the last load survive a re-seed. Labels and relationship types are spliced into Cypher only
 * after the registry allowlist has vouched for them; every value travels as a parameter.
 */
export async function loadGraph(input: GraphInput): Promise<LoadResult> {
  const graph = parseGraphInput(input);
  let entitiesCreated = 0;
  let relationshipsCreated = 0;

  for (const type of ENTITY_TYPES) {
    for (const batch of batches(graph.entities.filter((entity) => entity.type === type))) {
      entitiesCreated += await writeEntityBatch(type, batch);
    }
  }
  for (const type of RELATIONSHIP_TYPES) {
    for (const batch of batches(graph.relationships.filter((relationship) => relationship.type === type))) {
      relationshipsCreated += await writeRelationshipBatch(type, batch);
    }
  }
  return { entitiesCreated, relationshipsCreated };
}

export function loadSeedStory(): Promise<LoadResult> {
  return loadGraph({ entities: seedEntities, relationships: seedRelationships });
}

/**
 * The starter library: each query is created once under its fixed id. One that exists (edited, or in the
 * bin) is left alone, so loading again changes nothing. Returns how many were created.
 */
export async function loadStarterQueries(): Promise<number> {
  let created = 0;
  for (const { id, ...content } of starterQueries) {
    const valid = savedQueryInputSchema.parse(content);
    created += await runWrite(async (tx) => {
      if (await findSavedQuery(tx, id)) return 0;
      await insertSavedQuery(tx, id, valid, "starter library");
      return 1;
    });
  }
  return created;
}
