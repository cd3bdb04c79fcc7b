"use client";

import { TypeSwatch } from "@/components/graph/Legend";
import type { EntityType } from "@/lib/model/registry";
import { isNumericCell, shownScalar, structuredCell } from "@/lib/queries/cells";
import type { TableCell } from "@/lib/queries/execute";
import { UserText } from "@/components/ui/UserText";

/**
 * A table cell for people: nodes by name, relationships by type, paths by length; numbers grouped,
 * booleans yes/no, dates and instants written out (in a <time> with the raw value). Text is user text.
 */
function Cell({ cell, onSelect }: { cell: TableCell; onSelect: (id: string) => void }) {
  if (cell === null) return <span className="text-gray-400">null</span>;
  if (typeof cell === "string") return <UserText>{cell}</UserText>;
  const scalar = shownScalar(cell);
  if (scalar) return scalar.dateTime ? <time dateTime={scalar.dateTime}>{scalar.text}</time> : <span>{scalar.text}</span>;
  const structured = structuredCell(cell);
  if (structured?.kind === "node") {
    if (structured.id === null) return <span className="text-gray-500">(internal record)</span>;
    const id = structured.id;
    return (
      <button type="button" onClick={() => onSelect(id)} className="inline-flex items-center gap-1 text-left text-red-900 hover:underline">
        {structured.type && <TypeSwatch type={structured.type as EntityType} />}
        <UserText>{structured.name ?? structured.id}</UserText>
      </button>
    );
  }
  if (structured?.kind === "relationship") {
    if (structured.id === null) return <span className="text-gray-500">(internal link)</span>;
    const id = structured.id;
    return (
      <button type="button" onClick={() => onSelect(id)} className="font-mono text-xs text-red-900 hover:underline">
        <UserText>{structured.type}</UserText>
      </button>
    );
  }
  if (structured?.kind === "path") return <span>path of {structured.nodes.length} nodes</span>;
  return (
    <code className="text-xs">
      <UserText>{JSON.stringify(cell)}</UserText>
    </code>
  );
}

/** A column of numbers (and nulls) only: right-aligned, so digits line up and magnitudes compare at a glance. */
function numericColumns(columns: readonly string[], rows: readonly (readonly TableCell[])[]): boolean[] {
  return columns.map((_, index) => {
    const cells = rows.map((row) => row[index] ?? null).filter((cell) => cell !== null);
    return cells.length > 0 && cells.every(isNumericCell);
  });
}

interface ResultTableProps {
  columns: readonly string[];
  rows: readonly (readonly TableCell[])[];
  onSelect: (id: string) => void;
}

/** A run's rows as a table: one column per returned name, lists as their items separated by dots. */
export function ResultTable({ columns, rows, onSelect }: ResultTableProps) {
  const numeric = numericColumns(columns, rows);
  const align = (index: number) => (numeric[index] ? "text-right tabular-nums" : "");
  return (
    <table className="min-w-full text-left text-sm">
      <thead className="bg-gray-50">
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={`border-b border-gray-200 px-3 py-2 font-semibold ${align(index)}`}>
              <UserText>{column}</UserText>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex} className="odd:bg-white even:bg-gray-50">
            {row.map((cell, cellIndex) => (
              <td key={cellIndex} className={`border-b border-gray-100 px-3 py-1.5 align-top ${align(cellIndex)}`}>
                {Array.isArray(cell) ? (
                  <span>
                    {cell.map((item, itemIndex) => (
                      <span key={itemIndex}>
                        {itemIndex > 0 && <span className="text-gray-500"> · </span>}
                        <Cell cell={item as TableCell} onSelect={onSelect} />
                      </span>
                    ))}
                  </span>
                ) : (
                  <Cell cell={cell} onSelect={onSelect} />
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
