/**
 * A query result's table as CSV (RFC 4180), for the "Download CSV" button. Nodes and relationships are
 * written as their ids, paths as their node ids joined by " > ", other lists and maps as JSON. Values keep
 * their raw form, for a spreadsheet or a script to read: 1234.5, true, 2011-12-29 (never "€1,234.50", "yes").
 */
import { csvRecord } from "../format/csv";
import { structuredCell, typedCell } from "./cells";
import type { QueryRunResult, TableCell } from "./execute";

function cellText(cell: TableCell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  const typed = typedCell(cell);
  if (typed) return typed.value;
  const structured = structuredCell(cell);
  if (structured?.kind === "node" || structured?.kind === "relationship") return structured.id ?? "";
  if (structured?.kind === "path") return structured.nodes.join(" > ");
  return JSON.stringify(cell);
}

export function resultToCsv(result: Pick<QueryRunResult, "columns" | "rows">): string {
  return [result.columns, ...result.rows.map((row) => row.map(cellText))].map(csvRecord).join("");
}
