import "server-only";
/**
 * Creating, editing and deleting entities and relationships. Each function checks the actor may edit,
 * reads what it needs, works out the change as before/after ops, and hands them to commitChange, which
 * applies and records them in the same write transaction (lib/editing/changes.ts).
 *
 * Provenance is enforced here: a relationship cannot be created or kept without at least one source,
 * an existing Report or one created with it.
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import type { z } from "zod";
import { requirePermission } from "../auth/permissions";
import { type Actor, type SessionUser } from "../auth/roles";
import { read, write } from "../database";
import type { JsonValue } from "../json";
import { NotFoundError, UnprocessableError } from "../errors";
import { parseWith } from "../validation";
import {
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPE_SPECS,
  relationshipPropertySchemas,
  checkEndpoints,
  entitySchemas,
  isEntityType,
  type EntityType,
  type RelationshipType,
} from "../model/registry";
import { commitChange, staleVersionError } from "./changes";
import type { PropertyInput } from "./model";
import {
  editableEntityFields,
  unitedDatasets,
  sameState,
  type ChangeOp,
  type ChangeSummary,
  type CreateEntityBody,
  type CreateRelationshipBody,
  type DeletePreview,
  type EntityState,
  type NewLink,
  type NewSource,
  type RelationshipState,
  type UpdateRelationshipBody,
  updateEntityBodySchema,
} from "./model";
import {
  findTwinRelationship,
  lockEntities,
  lockRelationshipAndEnds,
  readEntities,
  readRelationshipsCiting,
  readRelationshipsOf,
  type StoredEntity,
  type StoredRelationship,
} from "./records";
import { isolate } from "../text/bidi";

/** The result of an edit: the recorded change (null when nothing differed) and the record's id. */
export interface EditResult {
  id: string;
  change: ChangeSummary | null;
  /**
   * A created relationship that already existed (same type, ends and fields): the new sources and quote
   * were added to it (`change` is then an update, or null when it already cited them all).
   */
  existing?: boolean;
}

/** A write transaction of the caller's (an idempotent request's, lib/idempotency.ts) or a new one. */
function inWrite<T>(tx: ManagedTransaction | undefined, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  return tx ? work(tx) : write(work);
}

function editor(actor: Actor): SessionUser {
  requirePermission(actor, "graph:edit");
  return actor.user!;
}

/** A readable, unique id: "thermo-fisher-k3x9q2". Our own ids, never Neo4j's elementIds. */
export function newEntityId(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "entity"}-${randomBytes(4).toString("hex")}`;
}

function newRelationshipId(): string {
  return `rel-${randomBytes(8).toString("hex")}`;
}

/** A user string quoted in the app's words (summaries, labels, errors), isolated so RTL text cannot reorder them. */
const quoted = (text: string) => `“${isolate(text)}”`;

/** The entity's fields checked against its type's schema; empty form fields mean "not set". */
function validEntityProperties(type: EntityType, id: string, fields: Record<string, unknown>): Record<string, JsonValue> {
  const cleaned = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => key !== "id" && key !== "type" && value !== "" && value !== null && value !== undefined),
  );
  const parsed = parseWith(entitySchemas[type], { ...cleaned, id, type }, "entity") as Record<string, unknown>;
  const properties: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "id" || key === "type" || value === undefined) continue;
    properties[key] = value as JsonValue;
  }
  return properties;
}

function relationshipLabel(type: RelationshipType, fromName: string, toName: string): string {
  return `${isolate(fromName)} ${RELATIONSHIP_TYPE_SPECS[type].verb} ${isolate(toName)}`;
}

/**
 * A relationship's own fields: only those its type declares, only non-empty ones, each typed as its
 * field declares (an amount "12.5" from a form is the number 12.5; "twelve" is a 422 naming the field).
 */
function validRelationshipFields(type: RelationshipType, fields: Record<string, PropertyInput>): Record<string, JsonValue> {
  const allowed = new Set(RELATIONSHIP_TYPE_SPECS[type].fields.map((field) => field.name));
  const given: Record<string, PropertyInput> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!allowed.has(key)) throw new UnprocessableError(`${type} has no field "${key}".`);
    const trimmed = typeof value === "string" ? value.trim() : value;
    if (trimmed !== "") given[key] = trimmed;
  }
  const parsed = parseWith(relationshipPropertySchemas[type], given, `${type} properties`) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined));
}

interface Provenance {
  sources: string[];
  newSource?: NewSource;
  quote?: string;
}

/**
 * The sources a relationship will cite: the existing reports named (each must be a Report) and, when one
 * is described, a new Report created in the same change. At least one in all.
 */
async function resolveSources(tx: ManagedTransaction, provenance: Provenance): Promise<{ sources: string[]; reportOp: ChangeOp | null }> {
  const named = [...new Set(provenance.sources)];
  const found = await readEntities(tx, named);
  for (const id of named) {
    const report = found.get(id);
    if (!report) throw new UnprocessableError(`The source “${id}” does not exist.`);
    if (report.state.type !== "Report") throw new UnprocessableError(`The source ${quoted(String(report.state.properties.name ?? id))} is not a report.`);
  }
  let reportOp: ChangeOp | null = null;
  if (provenance.newSource) {
    const id = newEntityId(provenance.newSource.name);
    const properties = validEntityProperties("Report", id, { ...provenance.newSource, aliases: [] });
    reportOp = { kind: "entity", id, label: provenance.newSource.name, before: null, after: { type: "Report", properties } };
    named.push(id);
  }
  if (named.length === 0) throw new UnprocessableError("A relationship needs at least one source: pick a report or describe a new one.");
  return { sources: named, reportOp };
}

function provenanceProperties(sources: string[], quote: string | undefined): Record<string, JsonValue> {
  return { sources, ...(quote && quote.trim() !== "" ? { quote: quote.trim() } : {}) };
}

async function requireEntity(tx: ManagedTransaction, id: string): Promise<StoredEntity> {
  const entity = (await readEntities(tx, [id])).get(id);
  if (!entity) throw new NotFoundError(`No entity has the id "${id}".`);
  return entity;
}

const nameOf = (entity: StoredEntity) => String(entity.state.properties.name ?? entity.id);

/* ---------------------------------------------------------------- entities */

/** Creates an entity of any registry type, with optional links (an event's participants) citing sources. */
export async function createEntity(actor: Actor, body: CreateEntityBody, outer?: ManagedTransaction): Promise<EditResult> {
  const user = editor(actor);
  const type = body.entity.type;
  if (!isEntityType(type)) throw new UnprocessableError(`Choose a type of entity: “${String(type)}” is not one.`);
  const name = typeof body.entity.name === "string" ? body.entity.name : "";
  const id = newEntityId(name);
  const properties = validEntityProperties(type, id, body.entity);
  const label = String(properties.name);
  return inWrite(outer, async (tx) => {
    const ops: ChangeOp[] = [];
    let linkCount = 0;
    if (body.links.length > 0) {
      const { sources, reportOp } = await resolveSources(tx, body);
      if (reportOp) ops.push(reportOp);
      ops.push({ kind: "entity", id, label, before: null, after: { type, properties } });
      ops.push(...(await linkOps(tx, { id, type, name: label }, body.links, provenanceProperties(sources, body.quote))));
      linkCount = body.links.length;
    } else {
      ops.push({ kind: "entity", id, label, before: null, after: { type, properties } });
    }
    const links = linkCount === 0 ? "" : linkCount === 1 ? " with 1 link" : ` with ${linkCount} links`;
    const change = await commitChange(tx, user, {
      action: "create-entity",
      summary: `Created ${ENTITY_TYPE_SPECS[type].label.toLowerCase()} ${quoted(label)}${links}`,
      ops,
    });
    return { id, change };
  });
}

async function linkOps(
  tx: ManagedTransaction,
  created: { id: string; type: EntityType; name: string },
  links: readonly NewLink[],
  provenance: Record<string, JsonValue>,
): Promise<ChangeOp[]> {
  const others = await readEntities(tx, links.map((link) => link.other));
  return links.map((link) => {
    const other = others.get(link.other);
    if (!other) throw new UnprocessableError(`The entity “${link.other}” to link to does not exist.`);
    const [from, to] = link.direction === "out" ? [created, { id: other.id, type: other.state.type, name: nameOf(other) }] : [{ id: other.id, type: other.state.type, name: nameOf(other) }, created];
    const problem = checkEndpoints(link.type, from.type, to.type);
    if (problem) throw new UnprocessableError(`${quoted(from.name)} → ${quoted(to.name)}: ${problem}.`);
    const properties = { ...validRelationshipFields(link.type, link.properties), ...provenance };
    return {
      kind: "relationship",
      id: newRelationshipId(),
      label: relationshipLabel(link.type, from.name, to.name),
      before: null,
      after: { type: link.type, from: from.id, to: to.id, properties },
    } satisfies ChangeOp;
  });
}

/**
 * Replaces the editable fields of an entity; properties the form does not edit (an importer's extras)
 * stay. `updatedAt` is the version the editor loaded: if someone saved since, the save is refused.
 */
export async function updateEntity(actor: Actor, id: string, body: z.infer<typeof updateEntityBodySchema>): Promise<EditResult> {
  const user = editor(actor);
  return write(async (tx) => {
    // The lock before the read: the version compared is the one this save overwrites (records.ts).
    await lockEntities(tx, [id]);
    const current = await requireEntity(tx, id);
    if (body.updatedAt && body.updatedAt !== current.updatedAt) {
      throw await staleVersionError(tx, { id, entityId: id, label: nameOf(current) }, body.updatedAt);
    }
    const type = current.state.type;
    if (body.entity.type !== undefined && body.entity.type !== type) {
      throw new UnprocessableError("An entity's type cannot be changed; create a new entity and merge it instead.");
    }
    const editable = new Set(editableEntityFields(type));
    const kept = Object.fromEntries(Object.entries(current.state.properties).filter(([key]) => !editable.has(key)));
    const after: EntityState = { type, properties: { ...kept, ...validEntityProperties(type, id, body.entity) } };
    if (sameState(current.state, after)) return { id, change: null };
    const changed = [...editable].filter((key) => JSON.stringify(current.state.properties[key] ?? null) !== JSON.stringify(after.properties[key] ?? null));
    const change = await commitChange(tx, user, {
      action: "update-entity",
      summary: `Edited ${quoted(String(after.properties.name))}: ${changed.join(", ")}`,
      ops: [{ kind: "entity", id, label: String(after.properties.name), before: current.state, after: { ...after, createdAt: current.state.createdAt ?? null } }],
    });
    return { id, change };
  });
}

/** What deleting an entity takes with it: its relationships, and for a report the claims citing it. */
async function deletionOps(tx: ManagedTransaction, entity: StoredEntity): Promise<{ ops: ChangeOp[]; preview: DeletePreview }> {
  const relationships = await readRelationshipsOf(tx, entity.id);
  const otherIds = relationships.map((rel) => (rel.state.from === entity.id ? rel.state.to : rel.state.from));
  const others = await readEntities(tx, otherIds);
  const name = nameOf(entity);
  const otherName = (otherId: string) => (others.get(otherId) ? nameOf(others.get(otherId)!) : otherId);
  const labelOf = (rel: StoredRelationship) =>
    relationshipLabel(rel.state.type, rel.state.from === entity.id ? name : otherName(rel.state.from), rel.state.to === entity.id ? name : otherName(rel.state.to));
  const ops: ChangeOp[] = relationships.map((rel) => ({ kind: "relationship", id: rel.id, label: labelOf(rel), before: rel.state, after: null }));
  const preview: DeletePreview = {
    entity: { id: entity.id, type: entity.state.type, name },
    relationships: relationships.map((rel) => {
      const outgoing = rel.state.from === entity.id;
      const otherId = outgoing ? rel.state.to : rel.state.from;
      return { id: rel.id, type: rel.state.type, otherId, otherName: otherName(otherId), outgoing };
    }),
    citing: 0,
    uncited: [],
  };
  if (entity.state.type === "Report") {
    const own = new Set(relationships.map((rel) => rel.id));
    const citing = (await readRelationshipsCiting(tx, entity.id)).filter((rel) => !own.has(rel.id));
    const ends = await readEntities(tx, citing.flatMap((rel) => [rel.state.from, rel.state.to]));
    const endName = (id: string) => (ends.get(id) ? nameOf(ends.get(id)!) : id);
    preview.citing = citing.length;
    for (const rel of citing) {
      const sources = sourcesOf(rel.state).filter((source) => source !== entity.id);
      const label = relationshipLabel(rel.state.type, endName(rel.state.from), endName(rel.state.to));
      if (sources.length === 0) preview.uncited.push({ id: rel.id, type: rel.state.type, label });
      const after: RelationshipState | null = sources.length === 0 ? null : { ...rel.state, properties: { ...rel.state.properties, sources } };
      ops.push({ kind: "relationship", id: rel.id, label, before: rel.state, after });
    }
  }
  ops.push({ kind: "entity", id: entity.id, label: name, before: entity.state, after: null });
  return { ops, preview };
}

export function sourcesOf(state: RelationshipState): string[] {
  const sources = state.properties.sources;
  return Array.isArray(sources) ? sources.map(String) : [];
}

export async function previewEntityDeletion(actor: Actor, id: string): Promise<DeletePreview> {
  editor(actor);
  return read(async (tx) => (await deletionOps(tx, await requireEntity(tx, id))).preview);
}

export async function deleteEntity(actor: Actor, id: string): Promise<EditResult> {
  const user = editor(actor);
  return write(async (tx) => {
    // Locked before its relationships are listed: a relationship created meanwhile (which locks its ends)
    // waits, and cannot be deleted unrecorded with it.
    await lockEntities(tx, [id]);
    const entity = await requireEntity(tx, id);
    const { ops, preview } = await deletionOps(tx, entity);
    const count = preview.relationships.length + preview.uncited.length;
    const extra = count === 0 ? "" : count === 1 ? " and 1 relationship" : ` and ${count} relationships`;
    const change = await commitChange(tx, user, { action: "delete-entity", summary: `Deleted ${quoted(preview.entity.name)}${extra}`, ops });
    return { id, change };
  });
}

/* ---------------------------------------------------------------- relationships */

/**
 * Creates a relationship, or, when an identical one exists (same type, same ends, same fields), adds the
 * new sources and quote to it instead: a double submit or two colleagues recording the same fact leave
 * one claim with every source. Both ends are locked first (in id order), so two identical creations
 * racing cannot both miss each other's relationship: the second waits, then finds the first.
 */
export async function createRelationship(actor: Actor, body: CreateRelationshipBody, outer?: ManagedTransaction): Promise<EditResult> {
  const user = editor(actor);
  return inWrite(outer, async (tx) => {
    await lockEntities(tx, [body.from, body.to]);
    const ends = await readEntities(tx, [body.from, body.to]);
    const from = ends.get(body.from);
    const to = ends.get(body.to);
    if (!from) throw new UnprocessableError(`The entity “${body.from}” does not exist.`);
    if (!to) throw new UnprocessableError(`The entity “${body.to}” does not exist.`);
    if (from.id === to.id) throw new UnprocessableError("A relationship joins two different entities.");
    const problem = checkEndpoints(body.type, from.state.type, to.state.type);
    if (problem) throw new UnprocessableError(`${problem}.`);
    const fields = validRelationshipFields(body.type, body.properties);
    const { sources, reportOp } = await resolveSources(tx, body);
    const label = relationshipLabel(body.type, nameOf(from), nameOf(to));
    const twin = await findTwinRelationship(tx, { type: body.type, from: from.id, to: to.id, properties: fields });
    if (twin) {
      const after = withAddedProvenance(twin.state, sources, body.quote);
      if (!reportOp && sameState(twin.state, after)) return { id: twin.id, change: null, existing: true };
      const ops: ChangeOp[] = [...(reportOp ? [reportOp] : []), { kind: "relationship", id: twin.id, label, before: twin.state, after }];
      const change = await commitChange(tx, user, { action: "update-relationship", summary: `Added sources to: ${label}`, ops });
      return { id: twin.id, change, existing: true };
    }
    const id = newRelationshipId();
    const after: RelationshipState = { type: body.type, from: from.id, to: to.id, properties: { ...fields, ...provenanceProperties(sources, body.quote) } };
    const ops: ChangeOp[] = [...(reportOp ? [reportOp] : []), { kind: "relationship", id, label, before: null, after }];
    const change = await commitChange(tx, user, { action: "create-relationship", summary: `Linked: ${label}`, ops });
    return { id, change };
  });
}

/**
 * An existing relationship given more provenance: its sources followed by the new ones (each once), and
 * the new quote added after its own unless it already holds it.
 */
export function withAddedProvenance(state: RelationshipState, sources: readonly string[], quote: string | undefined): RelationshipState {
  const properties: Record<string, JsonValue> = { ...state.properties, sources: [...new Set([...sourcesOf(state), ...sources])] };
  const added = quote?.trim() ?? "";
  const own = typeof state.properties.quote === "string" ? state.properties.quote : "";
  if (added !== "" && !own.includes(added)) properties.quote = own === "" ? added : `${own} … ${added}`;
  return { ...state, properties };
}

/** The relationship, read under its own and its ends' write locks (records.ts), and how to name it. */
async function requireRelationship(tx: ManagedTransaction, id: string): Promise<{ stored: StoredRelationship; label: string }> {
  const stored = await lockRelationshipAndEnds(tx, id);
  if (!stored) throw new NotFoundError(`No relationship has the id "${id}".`);
  const ends = await readEntities(tx, [stored.state.from, stored.state.to]);
  const name = (endId: string) => (ends.get(endId) ? nameOf(ends.get(endId)!) : endId);
  return { stored, label: relationshipLabel(stored.state.type, name(stored.state.from), name(stored.state.to)) };
}

/** Replaces a relationship's fields and provenance; it must keep at least one source. */
export async function updateRelationship(actor: Actor, id: string, body: UpdateRelationshipBody): Promise<EditResult> {
  const user = editor(actor);
  return write(async (tx) => {
    const { stored, label } = await requireRelationship(tx, id);
    if (body.updatedAt && body.updatedAt !== stored.updatedAt) {
      throw await staleVersionError(tx, { id, entityId: stored.state.from, label }, body.updatedAt);
    }
    const { sources, reportOp } = await resolveSources(tx, body);
    const type: RelationshipType = stored.state.type;
    const after: RelationshipState = {
      ...stored.state,
      // The form edits fields and provenance; the data sets the relationship came from are kept.
      properties: { ...unitedDatasets(stored.state), ...validRelationshipFields(type, body.properties), ...provenanceProperties(sources, body.quote) },
    };
    if (!reportOp && sameState(stored.state, after)) return { id, change: null };
    const ops: ChangeOp[] = [...(reportOp ? [reportOp] : []), { kind: "relationship", id, label, before: stored.state, after }];
    const change = await commitChange(tx, user, { action: "update-relationship", summary: `Edited: ${label}`, ops });
    return { id, change };
  });
}

export async function deleteRelationship(actor: Actor, id: string): Promise<EditResult> {
  const user = editor(actor);
  return write(async (tx) => {
    const { stored, label } = await requireRelationship(tx, id);
    const change = await commitChange(tx, user, {
      action: "delete-relationship",
      summary: `Deleted: ${label}`,
      ops: [{ kind: "relationship", id, label, before: stored.state, after: null }],
    });
    return { id, change };
  });
}
