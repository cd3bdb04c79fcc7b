/**
 * Where the pipeline reads and writes: Neo4j in real runs (neo4j-store.ts), an in-memory map in unit
 * tests. Writes must be idempotent (MERGE on our ids, properties only on create) so a re-run after a
 * kill completes the import and a re-import changes nothing.
 */
import type { EntityInput, EntityType, RelationshipInput, RelationshipType } from "../model/registry";

export interface ImportStore {
  /** The type of each of these ids that exists (ids not in the result do not exist). */
  entityTypes(ids: readonly string[]): Promise<Map<string, EntityType | null>>;
  /**
   * Writes one batch of validated entities of one type in one transaction; returns how many were new.
   * `dataset`: the id of the data set being imported, added to each one's `datasets` (new or not).
   * `fresh`: ids of the batch the database did not have when looked up (a store may create them without
   * looking first, but must still never duplicate one that appeared since).
   */
  writeEntities(type: EntityType, entities: readonly EntityInput[], dataset?: string | null, fresh?: ReadonlySet<string>): Promise<number>;
  /**
   * Writes one batch of validated relationships of one type in one transaction; returns how many were new.
   * `fresh`: ids of relationships between two entities this import created, which cannot exist yet.
   */
  writeRelationships(
    type: RelationshipType,
    relationships: readonly RelationshipInput[],
    dataset?: string | null,
    fresh?: ReadonlySet<string>,
  ): Promise<number>;
}
