/**
 * Editing and the audit trail, as data. Every edit (create, update, delete, merge, revert) is written as a
 * list of operations, each holding one record's state before and after. The same list is what the audit
 * trail stores, what its History tab shows as a diff, and what a revert plays backwards. Pure and
 * client-safe: the browser renders these shapes, the server (lib/editing/*.ts) computes and applies them.
 */
import { z } from "zod";
import type { JsonValue } from "../json";
import {
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPE_SPECS,
  entitySchemas,
  entityIdSchema,
  relationshipTypeSchema,
  type EntityType,
  type RelationshipType,
} from "../model/registry";

/** An entity as stored, without id and bookkeeping (createdAt, updatedAt, the search copy of aliases). */
export interface EntityState {
  type: EntityType;
  properties: Record<string, JsonValue>;
  /** Kept so a revert of a delete brings the original creation time back; never compared. */
  createdAt?: string | null;
}

/** A relationship as stored: its ends, its fields and its provenance (`sources`, `quote`). */
export interface RelationshipState {
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, JsonValue>;
  createdAt?: string | null;
}

/** One record's change. `label` is how the record read when the change was made, for the History list. */
export type ChangeOp =
  | { kind: "entity"; id: string; label: string; before: EntityState | null; after: EntityState | null }
  | { kind: "relationship"; id: string; label: string; before: RelationshipState | null; after: RelationshipState | null };

export const CHANGE_ACTIONS = [
  "create-entity",
  "update-entity",
  "delete-entity",
  "create-relationship",
  "update-relationship",
  "delete-relationship",
  "merge",
  "revert",
  /** `npm run migrate` typing values older versions stored as text (lib/editing/convert-values.ts). */
  "convert-values",
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** A recorded change as the History tab and the recent-changes page list it. */
export interface ChangeSummary {
  id: string;
  at: string;
  actor: { id: string; name: string };
  action: ChangeAction;
  summary: string;
  entityIds: string[];
  /** The change this one reverted, when it is a revert. */
  revertOf: string | null;
  /** The revert that undid this change, while that revert stands. */
  revertedBy: string | null;
}

export interface ChangeDetails extends ChangeSummary {
  ops: ChangeOp[];
}

export interface ChangePage {
  changes: ChangeSummary[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

/** Properties never part of a state: identity, and what the database keeps for itself. */
export const BOOKKEEPING_PROPERTIES = new Set(["id", "createdAt", "updatedAt", "aliasText"]);

/**
 * The data sets a record came from (the importers' `datasets`, lib/datasets): no form edits it, an edit
 * keeps it, and a merge keeps the data sets of both records. Empty when the record has none.
 */
export function datasetsOf(state: { properties: Record<string, JsonValue> }): string[] {
  const datasets = state.properties.datasets;
  return Array.isArray(datasets) ? datasets.filter((id): id is string => typeof id === "string") : [];
}

/** `datasets` as a property of both records joined (nothing when neither has any). */
export function unitedDatasets(...states: { properties: Record<string, JsonValue> }[]): { datasets?: string[] } {
  const united = [...new Set(states.flatMap(datasetsOf))];
  return united.length > 0 ? { datasets: united } : {};
}

/** The fields the entity form edits; anything else stored on the entity (an importer's extras) is kept as it is. */
export function editableEntityFields(type: EntityType): string[] {
  return ["name", "aliases", "description", ...ENTITY_TYPE_SPECS[type].fields.map((field) => field.name)];
}

/** The same value, the same JSON: keys sorted, so two states compare equal whatever order Neo4j returned. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== null && value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Whether a record is as a state says (null: absent). createdAt is history, not content: not compared. */
export function sameState(a: EntityState | RelationshipState | null, b: EntityState | RelationshipState | null): boolean {
  const strip = (state: EntityState | RelationshipState | null): JsonValue => {
    if (state === null) return null;
    return { ...state, createdAt: null } as unknown as JsonValue; // canonicalJson drops nulls
  };
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

/** The other way round: what a revert applies. */
export function invertOps(ops: readonly ChangeOp[]): ChangeOp[] {
  return [...ops].reverse().map((op) => ({ ...op, before: op.after, after: op.before }) as ChangeOp);
}

/** Every entity a change concerns: its own entity ops and both ends of its relationship ops. */
export function entityIdsOf(ops: readonly ChangeOp[]): string[] {
  const ids = new Set<string>();
  for (const op of ops) {
    if (op.kind === "entity") ids.add(op.id);
    else for (const state of [op.before, op.after]) if (state) ids.add(state.from).add(state.to);
  }
  return [...ids];
}

/* ---------------------------------------------------------------- request bodies */

const shortText = z.string().trim().min(1).max(300);

/** A new Report cited as a source while adding a relationship: "create one with title, URL, publisher, date". */
export const newSourceSchema = z
  .object({
    name: shortText,
    // The registry's own checks for a report's link (http(s) only) and date.
    url: entitySchemas.Report.shape.url as z.ZodOptional<z.ZodString>,
    publisher: shortText.optional(),
    publishedAt: entitySchemas.Report.shape.publishedAt as z.ZodOptional<z.ZodString>,
  })
  .strict();
export type NewSource = z.infer<typeof newSourceSchema>;

/** Provenance given with an edit: existing reports, and/or one new report; at least one in all (checked by the server). */
const provenanceInputShape = {
  sources: z.array(entityIdSchema).max(50).default([]),
  newSource: newSourceSchema.optional(),
  quote: z.string().trim().max(500).optional(),
};

/**
 * A relationship's own properties as a client sends them: text, numbers and booleans. Which keys a type
 * has and what each value must be is the registry's (checked when the change is built).
 */
const propertiesInputSchema = z.record(z.string(), z.union([z.string().max(300), z.number(), z.boolean()])).default({});
export type PropertyInput = string | number | boolean;

/** A link made together with a new entity (an event's participants): the other end and the direction. */
export const newLinkSchema = z
  .object({
    type: relationshipTypeSchema,
    other: entityIdSchema,
    /** "out": new entity -> other; "in": other -> new entity. */
    direction: z.enum(["out", "in"]),
    properties: propertiesInputSchema,
  })
  .strict();
export type NewLink = z.infer<typeof newLinkSchema>;

/** POST /api/entities: the entity's fields (checked against its type's schema by the server) and optional links. */
export const createEntityBodySchema = z
  .object({
    entity: z.record(z.string(), z.unknown()),
    links: z.array(newLinkSchema).max(20).default([]),
    ...provenanceInputShape,
  })
  .strict();
export type CreateEntityBody = z.infer<typeof createEntityBodySchema>;

/** PATCH /api/entities/{id}: the new fields, and the updatedAt the editor loaded (a newer save is a conflict). */
export const updateEntityBodySchema = z
  .object({
    entity: z.record(z.string(), z.unknown()),
    updatedAt: z.string().max(64).nullable().optional(),
  })
  .strict();

export const createRelationshipBodySchema = z
  .object({
    type: relationshipTypeSchema,
    from: entityIdSchema,
    to: entityIdSchema,
    properties: propertiesInputSchema,
    ...provenanceInputShape,
  })
  .strict();
export type CreateRelationshipBody = z.infer<typeof createRelationshipBodySchema>;

export const updateRelationshipBodySchema = z
  .object({
    properties: propertiesInputSchema,
    ...provenanceInputShape,
    updatedAt: z.string().max(64).nullable().optional(),
  })
  .strict();
export type UpdateRelationshipBody = z.infer<typeof updateRelationshipBodySchema>;

export const mergeBodySchema = z.object({ survivor: entityIdSchema, duplicate: entityIdSchema }).strict();

export const changeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, "is not a change id");

export const changeListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    before: changeIdSchema.optional(),
  })
  .strict();

/** Fields of a relationship type other than provenance, for forms. */
export function relationshipFieldNames(type: RelationshipType): string[] {
  return RELATIONSHIP_TYPE_SPECS[type].fields.map((field) => field.name);
}

/** What deleting an entity takes with it, shown before the reader confirms. */
export interface DeletePreview {
  entity: { id: string; type: EntityType; name: string };
  /** Relationships to or from the entity, deleted with it. */
  relationships: { id: string; type: RelationshipType; otherId: string; otherName: string; outgoing: boolean }[];
  /** When the entity is a report: relationships citing it, which lose the citation... */
  citing: number;
  /** ...and those of them left without any source, which are deleted too. */
  uncited: { id: string; type: RelationshipType; label: string }[];
}

export type { EntityType, RelationshipType };

/** Whether an entity of this type may stand at its ends of the relationship (the registry's from/to). */
export function typeHolds(type: EntityType, entityId: string, rel: RelationshipState): boolean {
  const spec = RELATIONSHIP_TYPE_SPECS[rel.type];
  return (rel.from !== entityId || spec.from.includes(type)) && (rel.to !== entityId || spec.to.includes(type));
}
