/**
 * A record's stored values as people read them, by what the registry says they are: an amount with the
 * currency its `currencyField` names, a date at its precision, a boolean as yes/no. The entity and
 * relationship panels, the change history and the list view show values through here, so the same value
 * reads the same everywhere. Pure: lib/format/values.ts does the writing; this module only knows fields.
 */
import {
  formatAmount,
  formatBoolean,
  formatDate,
  formatDateTime,
  formatNumber,
} from "../format/values";
import type { JsonValue } from "../json";
import { precisionFieldOf, type FieldSpec } from "../model/registry";

export interface ShownValue {
  text: string;
  /** A number (an amount too): tables right-align it. */
  numeric: boolean;
}

type Record_ = Readonly<Record<string, JsonValue | undefined>>;

/**
 * A value the registry does not describe, by its JSON type: booleans yes/no, lists joined. A number is shown
 * as stored, ungrouped: undeclared, it may as well be a year or a code as a quantity.
 */
export function showUntyped(value: JsonValue | undefined): ShownValue {
  if (value === undefined || value === null) return { text: "", numeric: false };
  if (typeof value === "number") return { text: String(value), numeric: true };
  if (typeof value === "boolean") return { text: formatBoolean(value), numeric: false };
  if (typeof value === "string") return { text: value, numeric: false };
  if (Array.isArray(value)) return { text: value.map((item) => showUntyped(item).text).join(", "), numeric: false };
  return { text: JSON.stringify(value), numeric: false };
}

/**
 * One field's value within its record (the record holds the currency of an amount and the precision of a
 * date). A value of another type than the field declares (an old record, a hand-written one) is shown
 * by its own type rather than dropped.
 */
export function showField(field: FieldSpec, value: JsonValue | undefined, record: Record_ = {}): ShownValue {
  if (value === undefined || value === null) return { text: "", numeric: false };
  switch (field.kind) {
    case "number":
    case "integer": {
      if (typeof value !== "number") break;
      const currency = field.currencyField ? record[field.currencyField] : undefined;
      return { text: field.currencyField ? formatAmount(value, typeof currency === "string" ? currency : null) : formatNumber(value), numeric: true };
    }
    case "date":
      if (typeof value === "string") {
        return { text: formatDate(value, record[precisionFieldOf(field.name)]) ?? value, numeric: false };
      }
      break;
    case "datetime":
      if (typeof value === "string") return { text: formatDateTime(value) ?? value, numeric: false };
      break;
    default:
      break;
  }
  return showUntyped(value);
}

/** The fields whose value another field already shows: an amount's currency, which reads "€100,000.00". */
export function foldedFields(fields: readonly FieldSpec[], record: Record_): Set<string> {
  const folded = new Set<string>();
  for (const field of fields) {
    const value = record[field.name];
    if (field.currencyField && typeof value === "number") folded.add(field.currencyField);
  }
  return folded;
}

export interface ShownProperty {
  key: string;
  label: string;
  field: FieldSpec | null;
  value: JsonValue;
  shown: ShownValue;
}

/**
 * A record's properties for a panel: the registry's fields first, in its order and with its labels, then
 * anything else stored, by key. Empty values, the `hidden` keys and folded currencies are left out.
 */
export function shownProperties(fields: readonly FieldSpec[], record: Record_, hidden: ReadonlySet<string> = new Set()): ShownProperty[] {
  const folded = foldedFields(fields, record);
  const known = new Set(fields.map((field) => field.name));
  const empty = (value: JsonValue | undefined) => value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  const rows: ShownProperty[] = [];
  for (const field of fields) {
    const value = record[field.name];
    if (empty(value) || hidden.has(field.name) || folded.has(field.name)) continue;
    rows.push({ key: field.name, label: field.label, field, value: value as JsonValue, shown: showField(field, value, record) });
  }
  for (const [key, value] of Object.entries(record)) {
    if (known.has(key) || hidden.has(key) || empty(value)) continue;
    rows.push({ key, label: key, field: null, value: value as JsonValue, shown: showUntyped(value) });
  }
  return rows;
}

/**
 * What a connection line says of a relationship besides its verb: its amounts and dates ("€5,000.00",
 * "29 December 2011"), in registry order; nothing for relationships that have neither.
 */
export function relationshipHighlights(fields: readonly FieldSpec[], record: Record_): string[] {
  return fields
    .filter((field) => (field.kind === "number" && field.currencyField) || field.kind === "date")
    .map((field) => showField(field, record[field.name], record).text)
    .filter((text) => text !== "");
}
