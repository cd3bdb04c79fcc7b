/**
 * Values that older Redstring versions stored as text, read as the types the registry now declares: the
 * one-off conversion `npm run migrate` runs (lib/editing/convert-values.ts) and nothing else uses this.
 * Pure. Only what earlier importers and forms actually wrote is read ("yes"/"no" for Bill flags, the
 * source's decimal text for amounts, partial dates); anything else is left alone and reported.
 */
import { isCalendarDate, PARTIAL_DATE, type FieldSpec } from "./registry";

export type Converted = { value: string | number | boolean } | { unconvertible: string };

const TRUE_WORDS = new Set(["yes", "true", "1"]);
const FALSE_WORDS = new Set(["no", "false", "0"]);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A stored text value of a typed field as its typed value, or why it cannot be one; null when the kind is text. */
export function convertLegacyValue(field: FieldSpec, text: string): Converted | null {
  const value = text.trim();
  switch (field.kind) {
    case "boolean": {
      const word = value.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { unconvertible: `"${text}" is not yes/no or true/false` };
    }
    case "integer":
      return /^[+-]?\d+$/.test(value) && Number.isSafeInteger(Number(value))
        ? { value: Number(value) }
        : { unconvertible: `"${text}" is not a whole number` };
    case "number":
      return DECIMAL.test(value) && Number.isFinite(Number(value)) ? { value: Number(value) } : { unconvertible: `"${text}" is not a number` };
    case "date": {
      // Earlier versions could keep a date-time's text in a date field: the day is what the field means.
      const day = /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
      return PARTIAL_DATE.test(day) && isCalendarDate(day) ? { value: day } : { unconvertible: `"${text}" is not a date` };
    }
    case "datetime":
      return !Number.isNaN(Date.parse(value)) && /T/.test(value)
        ? { value: new Date(value).toISOString() }
        : { unconvertible: `"${text}" is not a date and time` };
    default:
      return null;
  }
}

/** The fields of a kind that is not stored as text: the ones a text value may need converting in. */
export const typedFields = (fields: readonly FieldSpec[]) =>
  fields.filter((field) => ["boolean", "integer", "number", "date", "datetime"].includes(field.kind));
