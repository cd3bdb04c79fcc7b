/**
 * Telling the structured cells of a result table (nodes, relationships, paths) from plain JSON values.
 * Browser-safe: only types come from lib/queries/result.ts.
 */
import type { NodeCell, PathCell, RelationshipCell, TableCell } from "./result";

export type StructuredCell = NodeCell | RelationshipCell | PathCell;

export function structuredCell(cell: TableCell): StructuredCell | null {
  if (cell === null || typeof cell !== "object" || Array.isArray(cell) || !("kind" in cell)) return null;
  const kind = cell.kind;
  return kind === "node" || kind === "relationship" || kind === "path" ? (cell as StructuredCell) : null;
}
