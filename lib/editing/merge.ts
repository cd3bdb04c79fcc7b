import "server-only";
/**
 * Merging a duplicate into the entity that survives. Everything the duplicate had moves to the survivor:
 * its relationships (joined with the survivor's own when both had the same link to the same entity, their
 * sources combined), its citations when it is a report, its name and aliases (kept as aliases), any
 * field the survivor lacks, and the data sets it came from (`datasets`: both lists, joined). The duplicate is then deleted. It is one recorded change, so one revert puts
 * both entities and every relationship back exactly as they were.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { write } from "../database";
import type { JsonValue } from "../json";
import { UnprocessableError } from "../errors";
import { NARROWER_TYPE, RELATIONSHIP_TYPE_SPECS, sameKind, type EntityType } from "../model/registry";
import { commitChange } from "./changes";
import type { EditResult } from "./edits";
import { sourcesOf } from "./edits";
import { editableEntityFields, typeHolds, unitedDatasets, type ChangeOp, type EntityState, type RelationshipState } from "./model";
import { MAX_RELATIONSHIPS_PER_CHANGE, lockEntities, readEntities, readRelationshipsCiting, readRelationshipsOf, type StoredRelationship } from "./records";
import { isolate } from "../text/bidi";
import { capitalise, withArticle } from "../text/article";

const unique = <T,>(values: readonly T[]) => [...new Set(values)];

/**
 * The survivor's fields, completed by the duplicate's: names become aliases, gaps are filled (from the
 * fields of both types, when they differ, so a Person's occupation survives becoming a Legislator).
 * `type` is the merged entity's type: the survivor's unless mergedType chose the duplicate's.
 */
export function mergedEntityState(survivor: EntityState, duplicate: EntityState, type: EntityType = survivor.type): EntityState {
  const properties: Record<string, JsonValue> = { ...survivor.properties };
  const survivorName = String(survivor.properties.name ?? "");
  const aliasesOf = (state: EntityState) => (Array.isArray(state.properties.aliases) ? state.properties.aliases.map(String) : []);
  properties.aliases = unique([...aliasesOf(survivor), String(duplicate.properties.name ?? ""), ...aliasesOf(duplicate)]).filter(
    (alias) => alias !== "" && alias !== survivorName,
  );
  for (const field of new Set([...editableEntityFields(type), ...editableEntityFields(duplicate.type)])) {
    const mine = properties[field];
    const theirs = duplicate.properties[field];
    if ((mine === undefined || mine === null || mine === "") && theirs !== undefined && theirs !== null) properties[field] = theirs;
  }
  return { ...survivor, type, properties: { ...properties, ...unitedDatasets(survivor, duplicate) } };
}

function assertSameKind(a: EntityType, b: EntityType): void {
  if (!sameKind(a, b)) throw new UnprocessableError(`${capitalise(withArticle(a))} and ${withArticle(b)} are different kinds of thing and cannot be merged.`);
}

/**
 * The merged entity's type. Entities of one kind only (a Legislator and a Person, a Company and an
 * Agency): the narrower type when it can hold every relationship the merged entity will have, else the
 * survivor's, else the duplicate's; refused, with the relationship that fits neither, when none can.
 */
export function mergedType(survivor: EntityState, duplicate: EntityState, survivorId: string, relationships: readonly RelationshipState[], nameOf: (id: string) => string): EntityType {
  if (survivor.type === duplicate.type) return survivor.type;
  assertSameKind(survivor.type, duplicate.type);
  const preferred = NARROWER_TYPE[survivor.type] === duplicate.type ? duplicate.type : survivor.type;
  const order = unique([preferred, survivor.type, duplicate.type]);
  const chosen = order.find((type) => relationships.every((rel) => typeHolds(type, survivorId, rel)));
  if (chosen) return chosen;
  const misfit = relationships.find((rel) => !typeHolds(survivor.type, survivorId, rel)) ?? relationships[0]!;
  throw new UnprocessableError(
    `Neither ${withArticle(survivor.type)} nor ${withArticle(duplicate.type)} can hold every relationship of both: “${nameOf(misfit.from)} ${RELATIONSHIP_TYPE_SPECS[misfit.type].verb} ${nameOf(misfit.to)}” needs another type. Change one entity's type first.`,
  );
}

/** Two relationships become one: the survivor's fields win, the sources of both are kept, in order. */
function combined(kept: RelationshipState, moved: RelationshipState): RelationshipState {
  const properties: Record<string, JsonValue> = { ...moved.properties, ...kept.properties };
  properties.sources = unique([...sourcesOf(kept), ...sourcesOf(moved)]);
  return { ...kept, properties: { ...properties, ...unitedDatasets(kept, moved) } };
}

export async function mergeEntities(actor: Actor, survivorId: string, duplicateId: string, outer?: ManagedTransaction): Promise<EditResult> {
  requirePermission(actor, "graph:edit");
  const user = actor.user!;
  if (survivorId === duplicateId) throw new UnprocessableError("Pick two different entities to merge.");
  const work = async (tx: ManagedTransaction): Promise<EditResult> => {
    // Both locked before anything is read: a relationship created or edited meanwhile at either end waits
    // for the merge, and an edit of either entity cannot slip between this read and the write.
    await lockEntities(tx, [survivorId, duplicateId]);
    const found = await readEntities(tx, [survivorId, duplicateId]);
    const survivor = found.get(survivorId);
    const duplicate = found.get(duplicateId);
    if (!survivor) throw new UnprocessableError(`The entity “${survivorId}” does not exist.`);
    if (!duplicate) throw new UnprocessableError(`The entity “${duplicateId}” does not exist.`);
    assertSameKind(survivor.state.type, duplicate.state.type);
    const survivorName = String(survivor.state.properties.name ?? survivorId);
    const duplicateName = String(duplicate.state.properties.name ?? duplicateId);

    // Every relationship touched, by id: its state before, and its state after as it is worked out.
    const touched = new Map<string, { before: RelationshipState; after: RelationshipState | null; label: string }>();
    const touch = (rel: StoredRelationship, label: string) => {
      if (!touched.has(rel.id)) touched.set(rel.id, { before: rel.state, after: rel.state, label });
      return touched.get(rel.id)!;
    };
    const survivorRelationships = await readRelationshipsOf(tx, survivorId);
    const duplicateRelationships = await readRelationshipsOf(tx, duplicateId);
    if (survivorRelationships.length + duplicateRelationships.length > MAX_RELATIONSHIPS_PER_CHANGE) {
      throw new UnprocessableError(`These entities have more than ${MAX_RELATIONSHIPS_PER_CHANGE} relationships together; merge them with an import.`);
    }
    // Names of every entity at the other end, so the History reads "Acme supplied CECC", not ids.
    const others = await readEntities(tx, [...survivorRelationships, ...duplicateRelationships].flatMap((rel) => [rel.state.from, rel.state.to]));
    const nameOf = (id: string) => String(others.get(id)?.state.properties.name ?? id);
    const labelOf = (state: RelationshipState) => `${nameOf(state.from)} ${RELATIONSHIP_TYPE_SPECS[state.type].verb} ${nameOf(state.to)}`;
    const endpointKey = (state: RelationshipState) => `${state.type}|${state.from}|${state.to}`;
    const survivorByEnds = new Map(survivorRelationships.map((rel) => [endpointKey(rel.state), rel]));

    for (const rel of duplicateRelationships) {
      const entry = touch(rel, labelOf(rel.state));
      const moved: RelationshipState = {
        ...rel.state,
        from: rel.state.from === duplicateId ? survivorId : rel.state.from,
        to: rel.state.to === duplicateId ? survivorId : rel.state.to,
      };
      if (moved.from === moved.to) {
        entry.after = null; // a link between the two duplicates means nothing once they are one
        continue;
      }
      const twin = survivorByEnds.get(endpointKey(moved));
      if (twin) {
        const twinEntry = touch(twin, labelOf(twin.state));
        twinEntry.after = combined(twinEntry.after ?? twin.state, moved);
        entry.after = null;
      } else {
        entry.after = moved;
      }
    }

    // A report's citations move with it.
    if (duplicate.state.type === "Report") {
      for (const rel of await readRelationshipsCiting(tx, duplicateId)) {
        const entry = touch(rel, `${RELATIONSHIP_TYPE_SPECS[rel.state.type].verb} (citing ${duplicateName})`);
        if (!entry.after) continue;
        const sources = unique(sourcesOf(entry.after).map((source) => (source === duplicateId ? survivorId : source)));
        entry.after = { ...entry.after, properties: { ...entry.after.properties, sources } };
      }
    }

    // What the merged entity will be linked by: its own relationships as they end up, and the moved ones.
    const kept = survivorRelationships.map((rel) => (touched.has(rel.id) ? touched.get(rel.id)!.after : rel.state));
    const movedStates = duplicateRelationships.map((rel) => touched.get(rel.id)!.after);
    const linkedBy = [...kept, ...movedStates].filter((state): state is RelationshipState => state !== null);
    const type = mergedType(survivor.state, duplicate.state, survivorId, linkedBy, nameOf);

    const ops: ChangeOp[] = [
      { kind: "entity", id: survivorId, label: survivorName, before: survivor.state, after: mergedEntityState(survivor.state, duplicate.state, type) },
      ...[...touched].map(([id, entry]): ChangeOp => ({ kind: "relationship", id, label: entry.label, before: entry.before, after: entry.after })),
      { kind: "entity", id: duplicateId, label: duplicateName, before: duplicate.state, after: null },
    ];
    const moved = duplicateRelationships.length;
    const change = await commitChange(tx, user, {
      action: "merge",
      summary: `Merged “${isolate(duplicateName)}” into “${isolate(survivorName)}” (${moved} relationship${moved === 1 ? "" : "s"} moved${type === survivor.state.type ? "" : `; now ${withArticle(type)}`})`,
      ops,
    });
    return { id: survivorId, change };
  };
  return outer ? work(outer) : write(work);
}
