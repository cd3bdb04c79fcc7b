/**
 * The import store on Neo4j: lookups of existing ids, and the bulk writes every loader shares
 * (lib/db/graph-writes.ts: UNWIND a batch, MERGE on our ids, ON CREATE SET only, CREATE for ids known to
 * be new, one transaction each; the data set's id appended to `datasets` of new and existing records alike).
 */
import "server-only";
import { ENTITY_LABEL, entityTypeOf, type EntityInput, type EntityType, type RelationshipInput, type RelationshipType } from "../model/registry";
import { writeEntityBatch, writeRelationshipBatch } from "../db/graph-writes";
import { runRead } from "../db/session";
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

  writeEntities: (type: EntityType, entities: readonly EntityInput[], dataset?: string | null, fresh?: ReadonlySet<string>) =>
    writeEntityBatch(type, entities, { timeoutMs: BATCH_TIMEOUT_MS, dataset: dataset ?? null, fresh }),

  writeRelationships: (type: RelationshipType, relationships: readonly RelationshipInput[], dataset?: string | null, fresh?: ReadonlySet<string>) =>
    writeRelationshipBatch(type, relationships, { timeoutMs: BATCH_TIMEOUT_MS, dataset: dataset ?? null, fresh }),
};
