/**
 * A query result's table as CSV (RFC 4180), for the "Download CSV" button. Nodes and relationships are
 * written as their ids, paths as their node ids joined by " > ", other lists and maps as JSON.
 */
import { structuredCell } from "./cells";
import type { QueryRunResult, TableCell } from "./execute";

function cellText(cell: TableCell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  const structured = structuredCell(cell);
  if (structured?.kind === "node" || structured?.kind === "relationship") return structured.id ?? "";
  if (structured?.kind === "path") return structured.nodes.join(" > ");
  return JSON.stringify(cell);
}

/**
 * Quotes when needed, and defuses spreadsheet formulas: a cell starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe, so opening the file in a spreadsheet never runs a name as a formula.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function resultToCsv(result: Pick<QueryRunResult, "columns" | "rows">): string {
  const lines = [result.columns.map(csvField).join(",")];
  for (const row of result.rows) lines.push(row.map((cell) => csvField(cellText(cell))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
