"use client";

import Link from "next/link";
import type { JsonValue } from "@/lib/json";
import {
  BOOKKEEPING_PROPERTIES,
  canonicalJson,
  sameState,
  type ChangeDetails,
  type ChangeOp,
  type EntityState,
  type RelationshipState,
} from "@/lib/editing/model";
import { showField, showUntyped } from "@/lib/graph/display";
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS, type FieldSpec } from "@/lib/model/registry";
import { serializeViewState } from "@/lib/explore/view-state";
import { UserText } from "@/components/ui/UserText";

/**
 * One recorded change as a diff: every record it touched, whether it was created, deleted or changed,
 * and the fields that differ (before → after). Everything shown comes from the change record, so it is
 * rendered as text only: labels, values and ids are never markup or links built from data.
 */

interface ChangeDiffProps {
  change: Pick<ChangeDetails, "ops">;
  /** Shows an entity in the explorer; without it, entity ids are links to the explorer. */
  onShowEntity?: (id: string) => void;
}

/** The explorer's address showing one entity, selected: `/?nodes=<id>&selected=<id>`. */
export function explorerHref(id: string): string {
  return `/?${serializeViewState({ nodes: [id], selected: id })}`;
}

/** An entity named by its id (or a label): a button when the page can show it, else a link to the explorer. */
export function EntityRef({ id, label, onShowEntity, active = true }: { id: string; label?: string; onShowEntity?: (id: string) => void; active?: boolean }) {
  const text = label ?? id;
  if (!active) return <UserText className="break-all">{text}</UserText>;
  if (onShowEntity) {
    return (
      <button type="button" onClick={() => onShowEntity(id)} className="break-all text-left text-red-900 underline hover:text-red-700">
        <UserText>{text}</UserText>
      </button>
    );
  }
  return (
    <Link href={explorerHref(id)} className="break-all text-red-900 underline hover:text-red-700">
      <UserText>{text}</UserText>
    </Link>
  );
}

/** The registry's spec of a recorded type, or null for a type this build does not know. */
function entitySpec(type: unknown) {
  return typeof type === "string" && Object.hasOwn(ENTITY_TYPE_SPECS, type) ? ENTITY_TYPE_SPECS[type as keyof typeof ENTITY_TYPE_SPECS] : null;
}
function relationshipSpec(type: unknown) {
  return typeof type === "string" && Object.hasOwn(RELATIONSHIP_TYPE_SPECS, type) ? RELATIONSHIP_TYPE_SPECS[type as keyof typeof RELATIONSHIP_TYPE_SPECS] : null;
}

type OpStatus = "created" | "deleted" | "changed" | "unchanged";

function statusOf(op: ChangeOp): OpStatus {
  if (op.before === null && op.after !== null) return "created";
  if (op.before !== null && op.after === null) return "deleted";
  return sameState(op.before, op.after) ? "unchanged" : "changed";
}

const STATUS_STYLE: Record<OpStatus, string> = {
  created: "bg-green-50 text-green-900 border-green-200",
  deleted: "bg-red-50 text-red-900 border-red-200",
  changed: "bg-amber-50 text-amber-900 border-amber-200",
  unchanged: "bg-gray-50 text-gray-700 border-gray-200",
};

/**
 * A recorded value as people read it: a registry field by its kind, within its record (an amount with its
 * currency, a date at its precision), anything else by its JSON type; nothing as a dash.
 */
export function valueText(value: JsonValue | undefined, field?: FieldSpec, record: Record<string, JsonValue> = {}): string {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value) && value.length === 0) return "—";
  return (field ? showField(field, value, record) : showUntyped(value)).text;
}

/** An empty list, an empty string and no value at all read the same: "—", and compare equal. */
function comparable(value: JsonValue | undefined): string {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return "null";
  return canonicalJson(value);
}

interface FieldRow {
  name: string;
  label: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
  /** The value is an entity id (a link's end). */
  entity?: boolean;
  /** The registry's field, when the value has a declared kind. */
  field?: FieldSpec;
}

const ENTITY_BASE_FIELDS: readonly Pick<FieldSpec, "name" | "label">[] = [
  { name: "name", label: "Name" },
  { name: "aliases", label: "Aliases" },
  { name: "description", label: "Description" },
];

const RELATIONSHIP_PROVENANCE: readonly Pick<FieldSpec, "name" | "label">[] = [
  { name: "sources", label: "Sources" },
  { name: "quote", label: "Quote" },
];

function propertiesOf(state: EntityState | RelationshipState | null): Record<string, JsonValue> {
  const properties = state?.properties;
  return properties !== null && typeof properties === "object" && !Array.isArray(properties) ? properties : {};
}

/** The fields that differ between before and after: the registry's fields first, in its order, then the rest by name. */
function changedFields(op: ChangeOp): FieldRow[] {
  const before = propertiesOf(op.before);
  const after = propertiesOf(op.after);
  const known: (Pick<FieldSpec, "name" | "label"> & Partial<FieldSpec>)[] = [];
  const rows: FieldRow[] = [];
  if (op.kind === "entity") {
    const type = op.after?.type ?? op.before?.type;
    known.push(...ENTITY_BASE_FIELDS, ...(entitySpec(type)?.fields ?? []));
    if (op.before && op.after && op.before.type !== op.after.type) {
      rows.push({ name: "type", label: "Type", before: op.before.type, after: op.after.type });
    }
  } else {
    const type = op.after?.type ?? op.before?.type;
    rows.push(
      { name: "from", label: "From", before: op.before?.from, after: op.after?.from, entity: true },
      { name: "to", label: "To", before: op.before?.to, after: op.after?.to, entity: true },
    );
    if (op.before && op.after && op.before.type !== op.after.type) {
      rows.push({ name: "type", label: "Type", before: op.before.type, after: op.after.type });
    }
    known.push(...(relationshipSpec(type)?.fields ?? []), ...RELATIONSHIP_PROVENANCE);
  }
  const seen = new Set(known.map((field) => field.name));
  const others = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((name) => !seen.has(name) && !BOOKKEEPING_PROPERTIES.has(name))
    .sort()
    .map((name) => ({ name, label: name }));
  for (const field of [...known, ...others]) {
    const typed = "kind" in field && field.kind ? (field as FieldSpec) : undefined;
    rows.push({ name: field.name, label: field.label, before: before[field.name], after: after[field.name], field: typed });
  }
  return rows.filter((row) => comparable(row.before) !== comparable(row.after));
}

function kindText(op: ChangeOp): string {
  const type = op.after?.type ?? op.before?.type;
  if (op.kind === "entity") return entitySpec(type)?.label ?? "Entity";
  const verb = relationshipSpec(type)?.verb;
  return verb ? `Link (${verb})` : "Link";
}

/** A link's ends; they can be shown when the link stood after the change (so its ends did too). */
function Ends({ state, active, onShowEntity }: { state: RelationshipState; active: boolean; onShowEntity?: (id: string) => void }) {
  return (
    <p className="mt-1 text-xs text-gray-700">
      From <EntityRef id={String(state.from)} active={active} onShowEntity={onShowEntity} /> to{" "}
      <EntityRef id={String(state.to)} active={active} onShowEntity={onShowEntity} />
    </p>
  );
}

interface ValueProps {
  value: JsonValue | undefined;
  entity?: boolean;
  field?: FieldSpec;
  /** The record the value belongs to (before or after), which holds an amount's currency, a date's precision. */
  record: Record<string, JsonValue>;
  active: boolean;
  onShowEntity?: (id: string) => void;
}

function Value({ value, entity, field, record, active, onShowEntity }: ValueProps) {
  const text = valueText(value, field, record);
  if (text === "—") return <span className="text-gray-400">—</span>;
  if (entity && typeof value === "string") return <EntityRef id={value} active={active} onShowEntity={onShowEntity} />;
  return <UserText>{text}</UserText>;
}

function OpDiff({ op, onShowEntity }: { op: ChangeOp; onShowEntity?: (id: string) => void }) {
  const status = statusOf(op);
  // A link that appeared or went shows its ends above the table; the table names them when they moved.
  const rows = changedFields(op).filter((row) => status === "changed" || !row.entity);
  const label = String(op.label ?? op.id);
  // Only an entity that still existed after this change can be shown; a deleted one is plain text.
  const showable = op.kind === "entity" && op.after !== null;
  return (
    <li className="rounded border border-gray-200 bg-white p-2">
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        <span className="text-xs uppercase tracking-wide text-gray-600">{kindText(op)}</span>
        <span className="font-medium">{showable ? <EntityRef id={op.id} label={label} onShowEntity={onShowEntity} /> : <UserText>{label}</UserText>}</span>
        <span className={`rounded border px-1.5 text-xs ${STATUS_STYLE[status]}`}>{status}</span>
      </p>
      {op.kind === "relationship" && (op.after ?? op.before) && <Ends state={(op.after ?? op.before)!} active={op.after !== null} onShowEntity={onShowEntity} />}
      {rows.length > 0 && (
        <table className="mt-2 w-full table-fixed border-collapse text-left text-xs">
          <caption className="sr-only">Fields of <UserText>{label}</UserText>: before and after</caption>
          <thead>
            <tr className="text-gray-600">
              <th scope="col" className="w-1/5 px-1 py-0.5 font-medium">Field</th>
              <th scope="col" className="px-1 py-0.5 font-medium">Before</th>
              <th scope="col" className="px-1 py-0.5 font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} className="border-t border-gray-100 align-top">
                <th scope="row" className="px-1 py-0.5 font-medium text-gray-700">
                  <UserText>{row.label}</UserText>
                </th>
                <td className="whitespace-pre-wrap break-words px-1 py-0.5 text-red-900">
                  <Value value={row.before} entity={row.entity} field={row.field} record={propertiesOf(op.before)} active={false} />
                </td>
                <td className="whitespace-pre-wrap break-words px-1 py-0.5 text-green-900">
                  <Value value={row.after} entity={row.entity} field={row.field} record={propertiesOf(op.after)} active={op.after !== null} onShowEntity={onShowEntity} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** The ops of a change, in the order they were applied. */
export function ChangeDiff({ change, onShowEntity }: ChangeDiffProps) {
  const ops = Array.isArray(change.ops) ? change.ops : [];
  if (ops.length === 0) return <p className="text-xs text-gray-600">This change recorded no records.</p>;
  return (
    <ul className="space-y-2" aria-label="What changed">
      {ops.map((op, index) => (
        <OpDiff key={`${op.kind}-${op.id}-${index}`} op={op} onShowEntity={onShowEntity} />
      ))}
    </ul>
  );
}
