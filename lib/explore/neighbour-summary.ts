import "server-only";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read } from "../database";
import { NotFoundError } from "../errors";
import { ENTITY_LABEL, ENTITY_TYPES, RELATIONSHIP_TYPES, entityTypeOf, type EntityType, type RelationshipType } from "../model/registry";

/** What a hub is made of, before anyone draws 100k nodes: how many neighbours of each kind, and how. */
export interface NeighbourSummary {
  id: string;
  /** Distinct neighbours (an entity joined by two relationships counts once). */
  total: number;
  /** Distinct neighbours per entity type; every registry type is present, 0 when none. */
  byType: Record<EntityType, number>;
  /** Relationships of each type touching the entity, either direction; every registry type is present. */
  byRelationship: Record<RelationshipType, number>;
}

/**
 * Per relationship type, `COUNT { (n)-[:TYPE]-() }` is planned as getDegree: Neo4j keeps per-type
 * counts on dense nodes, so this costs the same for 10 neighbours as for 100k. Types come from the
 * registry only (an importer adding one adds a column here).
 */
const RELATIONSHIP_COUNTS = `{${RELATIONSHIP_TYPES.map((type) => `${type}: COUNT { (n)-[:${type}]-() }`).join(", ")}}`;

/**
 * Counts for the explorer's "this entity has 12,408 neighbours: 9,000 companies, ..." view. Neighbours
 * per type have no stored count, so they take one pass over the relationships (with DISTINCT, since a
 * pair may be joined twice) reading each neighbour's labels once: about 0.1 s for 10k neighbours.
 * Needs "graph:read".
 */
export async function getNeighbourSummary(actor: Actor, id: string): Promise<NeighbourSummary> {
  requirePermission(actor, "graph:read");
  const row = await read(async (tx) => {
    const result = await tx.run(
      `MATCH (n:${ENTITY_LABEL} {id: $id})
       RETURN COLLECT {
           MATCH (n)--(m:${ENTITY_LABEL})
           WITH DISTINCT m
           WITH labels(m) AS labels, count(*) AS count
           RETURN {labels: labels, count: count}
         } AS byLabels,
         ${RELATIONSHIP_COUNTS} AS byRelationship`,
      { id },
    );
    return result.records[0];
  });
  if (!row) throw new NotFoundError(`No entity has the id "${id}".`);
  const byType = Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])) as Record<EntityType, number>;
  let total = 0;
  for (const group of row.get("byLabels") as { labels: string[]; count: unknown }[]) {
    const count = Number(group.count);
    total += count;
    const type = entityTypeOf(group.labels);
    if (type) byType[type] += count;
  }
  const counts = row.get("byRelationship") as Record<string, unknown>;
  const byRelationship = Object.fromEntries(
    RELATIONSHIP_TYPES.map((type) => [type, Number(counts[type] ?? 0)]),
  ) as Record<RelationshipType, number>;
  return { id, total, byType, byRelationship };
}
