/**
 * Telling the structured cells of a result table (nodes, relationships, paths) and its typed values (dates,
 * date-times, integers past 2^53) from plain JSON values. Browser-safe: only types come from lib/queries/result.ts.
 */
import { formatBoolean, formatDate, formatDateTime, formatIntegerText, formatLocalDateTime, formatNumber } from "../format/values";
import type { NodeCell, PathCell, RelationshipCell, TableCell, TypedValueCell } from "./result";

export type StructuredCell = NodeCell | RelationshipCell | PathCell;

export function structuredCell(cell: TableCell): StructuredCell | null {
  if (cell === null || typeof cell !== "object" || Array.isArray(cell) || !("kind" in cell)) return null;
  const kind = cell.kind;
  return kind === "node" || kind === "relationship" || kind === "path" ? (cell as StructuredCell) : null;
}

const TYPED_KINDS: ReadonlySet<unknown> = new Set<TypedValueCell["kind"]>(["date", "datetime", "localdatetime", "integer"]);

/** A tagged value: exactly `{kind, value}` with a known kind and text, so a map a query builds rarely passes for one. */
export function typedCell(cell: TableCell): TypedValueCell | null {
  if (cell === null || typeof cell !== "object" || Array.isArray(cell)) return null;
  const keys = Object.keys(cell);
  if (keys.length !== 2 || !("kind" in cell) || !("value" in cell)) return null;
  return TYPED_KINDS.has(cell.kind) && typeof cell.value === "string" ? (cell as TypedValueCell) : null;
}

/** Whether a cell holds a number (plain or an oversized integer): tables right-align such columns. */
export function isNumericCell(cell: TableCell): boolean {
  return typeof cell === "number" || typedCell(cell)?.kind === "integer";
}

export interface ShownScalar {
  text: string;
  /** The machine-readable form of a date or an instant, for a <time dateTime> element. */
  dateTime?: string;
}

/**
 * A plain or typed value as people read it in the table: numbers grouped ("1,234,567.5"), booleans yes/no,
 * dates in full ("29 December 2011"), instants with their zone. Null for nodes, relationships, paths, lists
 * and maps, which the table draws itself. Text is shown as written.
 */
export function shownScalar(cell: TableCell): ShownScalar | null {
  if (typeof cell === "string") return { text: cell };
  if (typeof cell === "number") return { text: formatNumber(cell) };
  if (typeof cell === "boolean") return { text: formatBoolean(cell) };
  const typed = typedCell(cell);
  if (!typed) return null;
  switch (typed.kind) {
    case "integer":
      return { text: formatIntegerText(typed.value) };
    case "date":
      return { text: formatDate(typed.value, "day") ?? typed.value, dateTime: typed.value };
    case "datetime":
      return { text: formatDateTime(typed.value) ?? typed.value, dateTime: typed.value };
    case "localdatetime":
      return { text: formatLocalDateTime(typed.value) ?? typed.value, dateTime: typed.value };
  }
}
