/**
 * Typed CSV columns: a mapping says what a column holds ("type": "boolean", "number", "integer", "date")
 * and this module turns the file's text into that value, or says why it cannot. Nothing is guessed: a
 * boolean column names the file's own words for true and false (without them the mapping is refused, so
 * "yes", "1" or "True" never become true by accident), and a date column names its format. The value
 * that comes out is what the registry's schema for the field takes (lib/model/registry.ts fieldSchema).
 */
import { isCalendarDate, type FieldKind } from "../model/registry";

export const COLUMN_TYPES = ["text", "number", "integer", "boolean", "date"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** The registry kinds a column of each type may fill: a typed column on a field of another kind is refused. */
export const KINDS_FOR_COLUMN_TYPE: Readonly<Record<ColumnType, readonly FieldKind[]>> = {
  text: ["text", "longText", "url", "choice"],
  number: ["number"],
  integer: ["integer"],
  boolean: ["boolean"],
  date: ["date"],
};

export interface TypedColumn {
  type?: ColumnType;
  true?: string[];
  false?: string[];
  format?: string;
}

export type TypedValue = string | number | boolean;

/** The parsed value, or why the text is not one. */
export type Parsed = { value: TypedValue } | { invalid: string };

/** The parts a date format may name; anything else in it must appear in the value as written. */
const DATE_PARTS = /YYYY|MM|DD/g;

/** Why a date format cannot be used, or null: it needs the year, and a day needs its month. */
export function dateFormatProblem(format: string): string | null {
  const parts: string[] = format.match(DATE_PARTS) ?? [];
  if (!parts.includes("YYYY")) return `the date format "${format}" has no YYYY`;
  if (new Set(parts).size !== parts.length) return `the date format "${format}" names a part twice`;
  if (parts.includes("DD") && !parts.includes("MM")) return `the date format "${format}" has DD without MM`;
  return null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface DateParser {
  pattern: RegExp;
  parts: string[];
}

/** Formats compiled once; the regular expression is built from fixed pieces only (no user regex). */
const dateParsers = new Map<string, DateParser>();
function dateParser(format: string): DateParser {
  let parser = dateParsers.get(format);
  if (!parser) {
    const parts: string[] = [];
    let source = "";
    let last = 0;
    for (const match of format.matchAll(DATE_PARTS)) {
      source += escape(format.slice(last, match.index));
      source += match[0] === "YYYY" ? "(\\d{4})" : "(\\d{1,2})";
      parts.push(match[0]);
      last = match.index + match[0].length;
    }
    source += escape(format.slice(last));
    parser = { pattern: new RegExp(`^${source}$`), parts };
    dateParsers.set(format, parser);
  }
  return parser;
}

/** A date as the file writes it -> `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (as much as the format knows). */
export function parseDate(text: string, format: string): string | null {
  const { pattern, parts } = dateParser(format);
  const match = pattern.exec(text);
  if (!match) return null;
  const value = (part: string) => match[parts.indexOf(part) + 1];
  const year = value("YYYY") ?? "";
  const month = parts.includes("MM") ? (value("MM") ?? "").padStart(2, "0") : undefined;
  const day = parts.includes("DD") ? (value("DD") ?? "").padStart(2, "0") : undefined;
  const date = [year, month, day].filter((part) => part !== undefined).join("-");
  return isCalendarDate(date) ? date : null;
}

/** Plain decimal numbers only: a thousands separator, a currency sign or a word is refused, not guessed. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The text of a non-empty cell as the column's type, or why it is not one. */
export function parseColumnValue(text: string, spec: TypedColumn & { column: string }): Parsed {
  const shown = `column "${spec.column}": ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`;
  switch (spec.type ?? "text") {
    case "text":
      return { value: text };
    case "number":
    case "integer": {
      const number = NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
      if (!Number.isFinite(number)) return { invalid: `${shown} is not a number` };
      if (spec.type === "integer" && !Number.isSafeInteger(number)) return { invalid: `${shown} is not a whole number` };
      return { value: number };
    }
    case "boolean":
      if (spec.true?.includes(text)) return { value: true };
      if (spec.false?.includes(text)) return { value: false };
      return {
        invalid: `${shown} is neither a true word (${(spec.true ?? []).map((w) => JSON.stringify(w)).join(", ")}) nor a false word (${(spec.false ?? []).map((w) => JSON.stringify(w)).join(", ")})`,
      };
    case "date": {
      const date = parseDate(text, spec.format ?? "YYYY-MM-DD");
      return date === null ? { invalid: `${shown} is not a date written ${spec.format ?? "YYYY-MM-DD"}` } : { value: date };
    }
  }
}
