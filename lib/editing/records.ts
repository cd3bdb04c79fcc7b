import "server-only";
/**
 * Reading records as states and writing states back: the two primitives every edit, merge and revert is
 * built from. All Cypher of editing lives here and in lib/editing/changes.ts. Labels and relationship types
 * are spliced in only after the registry vouched for them; every value is a parameter.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { ConflictError, UnprocessableError } from "../errors";
import { withArticle } from "../text/article";
import { toInteger } from "../db/params";
import { entityPropertiesForNeo4j, propertiesFromNeo4j, relationshipPropertiesForNeo4j, toPlain } from "../db/values";
import { type JsonValue } from "../json";
import {
  ENTITY_LABEL,
  RELATIONSHIP_TYPES,
  entityTypeOf,
  isEntityType,
  isRelationshipType,
  type EntityType,
  type RelationshipType,
} from "../model/registry";
import { BOOKKEEPING_PROPERTIES, canonicalJson, sameState, typeHolds, type ChangeOp, type EntityState, type RelationshipState } from "./model";

/** A delete or merge moving more relationships than this is refused: its audit record would be huge. */
export const MAX_RELATIONSHIPS_PER_CHANGE = 2000;

/**
 * Setting and removing this property is how an edit takes a record's write lock before it reads it.
 * Neo4j reads the latest committed data without locking (read committed), so two edits that both read
 * first and write later would both pass their version check and both record the same "before": the
 * lock makes the second wait until the first commits, and then read what the first wrote.
 */
export const LOCK_PROPERTY = "_redstringLock";

/**
 * The write locks of these entities, taken in id order (two edits locking the same entities in the same
 * order cannot deadlock; when they still do, the driver retries the transaction). Absent ids are skipped.
 */
export async function lockEntities(tx: ManagedTransaction, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY_LABEL} {id: id})
     SET n.${LOCK_PROPERTY} = true
     REMOVE n.${LOCK_PROPERTY}`,
    { ids: sorted },
  );
}

/**
 * The write locks of relationships of known types (after their ends': see lockRelationshipAndEnds), one
 * statement per type, ids in order.
 */
async function lockRelationships(tx: ManagedTransaction, refs: readonly { id: string; type: RelationshipType }[]): Promise<void> {
  const byType = new Map<RelationshipType, Set<string>>();
  for (const ref of refs) byType.set(ref.type, (byType.get(ref.type) ?? new Set()).add(ref.id));
  for (const type of [...byType.keys()].sort()) {
    await tx.run(
      `UNWIND $ids AS id
       MATCH (:${ENTITY_LABEL})-[r:${relationshipType(type)} {id: id}]->(:${ENTITY_LABEL})
       SET r.${LOCK_PROPERTY} = true
       REMOVE r.${LOCK_PROPERTY}`,
      { ids: [...byType.get(type)!].sort() },
    );
  }
}

/**
 * Finds a relationship, locks its two ends and then itself, and reads it again under the locks: what an
 * update or a delete of it compares and records is then what it overwrites. Its ends are locked too, so
 * it serialises with a delete of an end (which takes the relationships with it) and with the creation of
 * a twin between the same ends.
 */
export async function lockRelationshipAndEnds(tx: ManagedTransaction, id: string): Promise<StoredRelationship | null> {
  const found = await readRelationshipById(tx, id);
  if (!found) return null;
  await lockEntities(tx, [found.state.from, found.state.to]);
  await lockRelationships(tx, [{ id, type: found.state.type }]);
  // Read again under the locks, by its now known type (one index seek, not one per type).
  return (await readRelationships(tx, [{ id, type: found.state.type }])).get(id) ?? null;
}

/**
 * The next version stamp of a record: the change's time (`$now`), but always a later millisecond than the
 * previous stamp. The stamp is the version an editor names (JSON keeps milliseconds), so two saves landing
 * within one millisecond must not leave the same stamp behind.
 */
const NEXT_UPDATED_AT = (variable: string) =>
  `CASE WHEN ${variable}.updatedAt IS :: ZONED DATETIME NOT NULL
     THEN CASE WHEN $now < ${variable}.updatedAt + duration({milliseconds: 1})
       THEN ${variable}.updatedAt + duration({milliseconds: 1}) ELSE $now END
     ELSE $now END`;

/**
 * The time of a change, read once the change holds its locks: the wall clock then, not the transaction's
 * start (Cypher's datetime()), so of two changes of one record the one that commits later is also
 * stamped later, and the trail read by time is the order the changes happened in.
 */
export async function changeTime(tx: ManagedTransaction): Promise<unknown> {
  const result = await tx.run("RETURN datetime.realtime() AS now");
  return result.records[0]!.get("now");
}

/** A record's content as typed JSON, as the editor and the audit trail hold it (bookkeeping left out). */
function contentOf(type: EntityType | RelationshipType, properties: Record<string, unknown>): Record<string, JsonValue> {
  return propertiesFromNeo4j(type, Object.fromEntries(Object.entries(properties).filter(([key]) => !BOOKKEEPING_PROPERTIES.has(key))));
}

function createdAtOf(properties: Record<string, unknown>): string | null {
  const value = toPlain(properties.createdAt);
  return typeof value === "string" ? value : null;
}

export interface StoredEntity {
  id: string;
  state: EntityState;
  /** For optimistic concurrency: the editor says which version it edited. */
  updatedAt: string | null;
}

/** The entities with these ids as they are now; absent ids are missing from the map. */
export async function readEntities(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, StoredEntity>> {
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN id, labels(n) AS labels, properties(n) AS properties`,
    { ids: [...new Set(ids)] },
  );
  const found = new Map<string, StoredEntity>();
  for (const record of result.records) {
    const type = entityTypeOf(record.get("labels") as string[]);
    if (!type) continue;
    const properties = record.get("properties") as Record<string, unknown>;
    const updatedAt = toPlain(properties.updatedAt);
    found.set(String(record.get("id")), {
      id: String(record.get("id")),
      state: { type, properties: contentOf(type, properties), createdAt: createdAtOf(properties) },
      updatedAt: typeof updatedAt === "string" ? updatedAt : null,
    });
  }
  return found;
}

export interface StoredRelationship {
  id: string;
  state: RelationshipState;
  updatedAt: string | null;
}

const RELATIONSHIP_FIELDS = (variable: string) =>
  `${variable}.id AS id, type(${variable}) AS type, startNode(${variable}).id AS from, endNode(${variable}).id AS to, properties(${variable}) AS properties`;

function toStoredRelationship(record: { get(key: string): unknown }): StoredRelationship | null {
  const type = record.get("type");
  const id = record.get("id");
  if (!isRelationshipType(type) || typeof id !== "string") return null;
  const properties = record.get("properties") as Record<string, unknown>;
  const updatedAt = toPlain(properties.updatedAt);
  return {
    id,
    state: {
      type,
      from: String(record.get("from")),
      to: String(record.get("to")),
      properties: contentOf(type, properties),
      createdAt: createdAtOf(properties),
    },
    updatedAt: typeof updatedAt === "string" ? updatedAt : null,
  };
}

/**
 * A relationship by its id alone. Relationship ids are indexed per type, so this asks each type's index
 * in turn (a handful of index seeks) instead of scanning every relationship in the graph.
 */
export async function readRelationshipById(tx: ManagedTransaction, id: string): Promise<StoredRelationship | null> {
  const branches = RELATIONSHIP_TYPES.map(
    (type) => `MATCH (:${ENTITY_LABEL})-[r:${type} {id: $id}]->(:${ENTITY_LABEL}) RETURN r`,
  ).join("\n UNION ALL\n ");
  const result = await tx.run(`CALL () { ${branches} } RETURN ${RELATIONSHIP_FIELDS("r")} LIMIT 1`, { id });
  const record = result.records[0];
  return record ? toStoredRelationship(record) : null;
}

/** Provenance, which a twin may differ in: what joining twins combines. */
const PROVENANCE_PROPERTIES = new Set(["sources", "quote"]);

/**
 * A relationship identical to a new one but for its provenance: same type, same ends (same direction),
 * same fields. The caller holds both ends' locks (lockEntities), so none can appear meanwhile.
 */
export async function findTwinRelationship(
  tx: ManagedTransaction,
  wanted: { type: RelationshipType; from: string; to: string; properties: Record<string, JsonValue> },
): Promise<StoredRelationship | null> {
  const result = await tx.run(
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${relationshipType(wanted.type)}]->(:${ENTITY_LABEL} {id: $to})
     RETURN ${RELATIONSHIP_FIELDS("r")}
     ORDER BY r.createdAt, r.id`,
    { from: wanted.from, to: wanted.to },
  );
  const fieldsOf = (properties: Record<string, JsonValue>) =>
    canonicalJson(Object.fromEntries(Object.entries(properties).filter(([key]) => !PROVENANCE_PROPERTIES.has(key))));
  const wantedFields = fieldsOf(wanted.properties);
  for (const record of result.records) {
    const stored = toStoredRelationship(record);
    if (stored && fieldsOf(stored.state.properties) === wantedFields) return stored;
  }
  return null;
}

/** Relationships of known types by id (what an audit record names), as they are now. */
export async function readRelationships(
  tx: ManagedTransaction,
  refs: readonly { id: string; type: RelationshipType }[],
): Promise<Map<string, StoredRelationship>> {
  const found = new Map<string, StoredRelationship>();
  const byType = new Map<RelationshipType, string[]>();
  for (const ref of refs) byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref.id]);
  for (const [type, ids] of byType) {
    if (!isRelationshipType(type)) continue;
    const result = await tx.run(
      `UNWIND $ids AS id
       MATCH (:${ENTITY_LABEL})-[r:${type} {id: id}]->(:${ENTITY_LABEL})
       RETURN ${RELATIONSHIP_FIELDS("r")}`,
      { ids },
    );
    for (const record of result.records) {
      const stored = toStoredRelationship(record);
      if (stored) found.set(stored.id, stored);
    }
  }
  return found;
}

/** Every relationship to or from an entity, refused above the per-change cap. */
export async function readRelationshipsOf(tx: ManagedTransaction, entityId: string): Promise<StoredRelationship[]> {
  const result = await tx.run(
    `MATCH (:${ENTITY_LABEL} {id: $id})-[r]-(:${ENTITY_LABEL})
     WITH DISTINCT r LIMIT $cap
     RETURN ${RELATIONSHIP_FIELDS("r")}`,
    { id: entityId, cap: toInteger(MAX_RELATIONSHIPS_PER_CHANGE + 1) },
  );
  const relationships = result.records.map(toStoredRelationship).filter((item): item is StoredRelationship => item !== null);
  if (relationships.length > MAX_RELATIONSHIPS_PER_CHANGE) {
    throw new UnprocessableError(
      `This entity has more than ${MAX_RELATIONSHIPS_PER_CHANGE} relationships; change it in smaller steps or with an import.`,
    );
  }
  return relationships;
}

/**
 * Relationships citing a report among their sources. Neo4j has no index on list membership, so this reads
 * every relationship (as a report's claims list does); it runs only when a report is deleted or merged.
 */
export async function readRelationshipsCiting(tx: ManagedTransaction, reportId: string): Promise<StoredRelationship[]> {
  const result = await tx.run(
    `MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL}) WHERE $id IN r.sources
     WITH r LIMIT $cap
     RETURN ${RELATIONSHIP_FIELDS("r")}`,
    { id: reportId, cap: toInteger(MAX_RELATIONSHIPS_PER_CHANGE + 1) },
  );
  const relationships = result.records.map(toStoredRelationship).filter((item): item is StoredRelationship => item !== null);
  if (relationships.length > MAX_RELATIONSHIPS_PER_CHANGE) {
    throw new UnprocessableError(`More than ${MAX_RELATIONSHIPS_PER_CHANGE} relationships cite this report; it cannot be changed here.`);
  }
  return relationships;
}

/**
 * The records of `ops` as they are now, compared with each op's `before`: a difference is a conflict.
 * `why` says what the conflict means to the reader: a revert meets a later change, a save meets a save.
 */
export async function assertUnchangedSince(
  tx: ManagedTransaction,
  ops: readonly ChangeOp[],
  why: "revert" | "save" = "revert",
): Promise<void> {
  const entities = await readEntities(
    tx,
    ops.filter((op) => op.kind === "entity").map((op) => op.id),
  );
  const relationshipRefs = ops.flatMap((op) => {
    if (op.kind !== "relationship") return [];
    const type = (op.before ?? op.after)?.type;
    return type ? [{ id: op.id, type }] : [];
  });
  const relationships = await readRelationships(tx, relationshipRefs);
  for (const op of ops) {
    const now = op.kind === "entity" ? (entities.get(op.id)?.state ?? null) : (relationships.get(op.id)?.state ?? null);
    if (!sameState(now, op.before)) {
      throw new ConflictError(
        why === "revert"
          ? `“${op.label}” has changed since this change was made. Revert the later changes first (see its History), then try again.`
          : `“${op.label}” was changed by someone else while this was being saved. Reload it and try again.`,
      );
    }
  }
  await assertNoLaterRelationships(tx, ops);
}

/**
 * What commitChange does before it writes: the write locks of every record the ops touch (entities, the
 * ends of relationships, and existing relationships), then the check that each record is still exactly
 * its op's `before`. So the audit trail's "before" of a record is always the "after" of the record's
 * previous change, whatever the edit function read earlier, and nothing is overwritten unrecorded.
 */
export async function lockAndVerify(tx: ManagedTransaction, ops: readonly ChangeOp[], why: "revert" | "save"): Promise<void> {
  const entityIds = ops.flatMap((op) =>
    op.kind === "entity" ? [op.id] : [op.before, op.after].flatMap((state) => (state ? [state.from, state.to] : [])),
  );
  await lockEntities(tx, entityIds);
  await lockRelationships(
    tx,
    ops.flatMap((op) => (op.kind === "relationship" && op.before ? [{ id: op.id, type: op.before.type }] : [])),
  );
  await assertUnchangedSince(tx, ops, why);
  await assertTypesHoldTheirRelationships(tx, ops);
}

/**
 * An entity whose type the ops change (a merge of a Person into a Legislator, or its revert) must be able
 * to hold every relationship it will have: a Legislator's SPONSORED added after the merge would be left on
 * a Person by reverting it. The relationships as the ops leave them are checked; any other refuses (409).
 */
async function assertTypesHoldTheirRelationships(tx: ManagedTransaction, ops: readonly ChangeOp[]): Promise<void> {
  const retyped = ops.filter((op) => op.kind === "entity" && op.before && op.after && op.before.type !== op.after.type);
  if (retyped.length === 0) return;
  const afterOps = new Map(ops.filter((op) => op.kind === "relationship").map((op) => [op.id, op.after as RelationshipState | null]));
  for (const op of retyped) {
    const type = (op.after as EntityState).type;
    // Its relationships now, as the ops leave them, and those the ops bring to it.
    const existing = await readRelationshipsOf(tx, op.id);
    const final = new Map<string, RelationshipState | null>(existing.map((rel) => [rel.id, afterOps.has(rel.id) ? afterOps.get(rel.id)! : rel.state]));
    for (const [id, state] of afterOps) if (!final.has(id)) final.set(id, state);
    const misfit = [...final.values()].find((rel) => rel !== null && (rel.from === op.id || rel.to === op.id) && !typeHolds(type, op.id, rel));
    if (misfit) {
      throw new ConflictError(
        `“${op.label}” cannot become ${withArticle(type)} again: it has a ${misfit.type} relationship, added since, that ${withArticle(type)} cannot have. Delete that relationship first, then try again.`,
      );
    }
  }
}

/**
 * An entity the ops delete must have no relationship the ops do not also remove: reverting the creation of
 * an entity that has since been linked would otherwise delete those later links unrecorded.
 */
async function assertNoLaterRelationships(tx: ManagedTransaction, ops: readonly ChangeOp[]): Promise<void> {
  const deleted = ops.filter((op) => op.kind === "entity" && op.after === null).map((op) => op.id);
  if (deleted.length === 0) return;
  const removed = new Set(ops.filter(isDeleteOrMove).map((op) => op.id));
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY_LABEL} {id: id})-[r]-(:${ENTITY_LABEL})
     RETURN n.name AS name, collect(DISTINCT r.id) AS relationships`,
    { ids: deleted },
  );
  for (const record of result.records) {
    const later = (record.get("relationships") as unknown[]).filter((id) => !removed.has(String(id)));
    if (later.length > 0) {
      throw new ConflictError(
        `“${String(record.get("name"))}” has ${later.length === 1 ? "a relationship" : `${later.length} relationships`} added since this change was made. Revert or delete ${later.length === 1 ? "it" : "them"} first, then try again.`,
      );
    }
  }
}

const isDeleteOrMove = (op: ChangeOp) =>
  op.kind === "relationship" &&
  op.before !== null &&
  (op.after === null || op.after.type !== op.before.type || op.after.from !== op.before.from || op.after.to !== op.before.to);

/**
 * Makes every record what its op's `after` says, in an order that never leaves a relationship without an
 * end: relationships going away or changing ends first, then entities created or updated, then
 * relationships created or updated, then entities deleted.
 */
export async function applyOps(tx: ManagedTransaction, ops: readonly ChangeOp[], now: unknown): Promise<void> {
  for (const op of ops) if (op.kind === "relationship" && isDeleteOrMove(op) && op.before) await deleteRelationship(tx, op.id, op.before.type);
  for (const op of ops) if (op.kind === "entity" && op.after) await writeEntity(tx, op.id, op.after, op.before, now);
  for (const op of ops) {
    if (op.kind !== "relationship" || !op.after) continue;
    if (op.before === null || isDeleteOrMove(op)) await createRelationship(tx, op.id, op.after, now);
    else await updateRelationship(tx, op.id, op.after, now);
  }
  for (const op of ops) if (op.kind === "entity" && !op.after) await deleteEntity(tx, op.id);
}

function typeLabel(type: string): string {
  if (!isEntityType(type)) throw new Error(`not an entity type: ${type}`);
  return type;
}

function relationshipType(type: string): string {
  if (!isRelationshipType(type)) throw new Error(`not a relationship type: ${type}`);
  return type;
}

async function writeEntity(tx: ManagedTransaction, id: string, state: EntityState, before: EntityState | null, now: unknown): Promise<void> {
  const type = typeLabel(state.type);
  const stale = before && before.type !== state.type ? `REMOVE n:${typeLabel(before.type)}` : "";
  // MATCH an entity that exists (its lock is held): a MERGE would also want the exclusive lock of the id's
  // unique-index entry, which other saves of the same entity share-lock while they queue for the node's
  // lock. That cycle is a deadlock Neo4j detects, and under load the retries ran out (a 500).
  const find = before ? `MATCH (n:${ENTITY_LABEL} {id: $id})` : `MERGE (n:${ENTITY_LABEL} {id: $id})`;
  await tx.run(
    `${find}
     ${stale}
     WITH n, coalesce(n.createdAt, CASE WHEN $createdAt IS NULL THEN $now ELSE datetime($createdAt) END) AS createdAt
     WITH n, createdAt, ${NEXT_UPDATED_AT("n")} AS updatedAt
     SET n = $properties
     SET n:${type}, n.id = $id, n.createdAt = createdAt, n.updatedAt = updatedAt`,
    { id, properties: entityPropertiesForNeo4j(state.type, state.properties), createdAt: state.createdAt ?? null, now },
  );
}

async function deleteEntity(tx: ManagedTransaction, id: string): Promise<void> {
  await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DETACH DELETE n`, { id });
}

async function deleteRelationship(tx: ManagedTransaction, id: string, type: RelationshipType): Promise<void> {
  await tx.run(`MATCH (:${ENTITY_LABEL})-[r:${relationshipType(type)} {id: $id}]->(:${ENTITY_LABEL}) DELETE r`, { id });
}

async function createRelationship(tx: ManagedTransaction, id: string, state: RelationshipState, now: unknown): Promise<void> {
  const result = await tx.run(
    `MATCH (a:${ENTITY_LABEL} {id: $from})
     MATCH (b:${ENTITY_LABEL} {id: $to})
     CREATE (a)-[r:${relationshipType(state.type)}]->(b)
     SET r = $properties
     SET r.id = $id, r.createdAt = CASE WHEN $createdAt IS NULL THEN $now ELSE datetime($createdAt) END, r.updatedAt = $now
     RETURN count(r) AS created`,
    { id, from: state.from, to: state.to, properties: relationshipPropertiesForNeo4j(state.type, state.properties), createdAt: state.createdAt ?? null, now },
  );
  if (Number(result.records[0]?.get("created") ?? 0) !== 1) {
    throw new ConflictError(`An end of this relationship (“${state.from}” or “${state.to}”) no longer exists.`);
  }
}

async function updateRelationship(tx: ManagedTransaction, id: string, state: RelationshipState, now: unknown): Promise<void> {
  await tx.run(
    `MATCH (:${ENTITY_LABEL})-[r:${relationshipType(state.type)} {id: $id}]->(:${ENTITY_LABEL})
     WITH r, r.createdAt AS createdAt, ${NEXT_UPDATED_AT("r")} AS updatedAt
     SET r = $properties
     SET r.id = $id, r.createdAt = createdAt, r.updatedAt = updatedAt`,
    { id, properties: relationshipPropertiesForNeo4j(state.type, state.properties), now },
  );
}
