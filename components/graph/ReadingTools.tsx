"use client";

import { useId } from "react";
import { Button } from "@/components/ui/Button";
import { groupNodeId } from "@/lib/graph/groups";
import { COLOR_FIELDS, SIZE_FIELDS } from "@/lib/graph/reading";
import type { Reading } from "./useReading";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

function Choice(props: { label: string; value: string; options: readonly { value: string; label: string }[]; onChange: (value: string) => void }) {
  return (
    <Field label={props.label} className="flex items-center gap-1 text-xs text-gray-700" labelClassName="">
      {(control) => (
        <select {...control} value={props.value} onChange={(event) => props.onChange(event.target.value)} className="rounded border border-gray-300 px-1 py-0.5 text-xs">
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

const SIZE_OPTIONS = [{ value: "uniform", label: "all the same" }, { value: "degree", label: "by connections" }, ...SIZE_FIELDS.map((item) => ({ value: item.key, label: item.label }))];
const COLOR_OPTIONS = [{ value: "type", label: "by type" }, { value: "community", label: "by community" }, ...COLOR_FIELDS.map((item) => ({ value: item.key, label: item.label }))];

/**
 * The row of tools for reading a dense graph: node size and colour (with the colours' legend), the
 * communities (collapse one into a group node and back), "find in graph" (Enter goes to the next match),
 * and the lasso. Every tool is a labelled control, so all of it works from the keyboard.
 */
export function ReadingTools({ reading }: { reading: Reading }) {
  const findId = useId();
  const collapsed = new Set(reading.groups.map((group) => group.id));
  return (
    <div role="toolbar" aria-label="Reading tools" className="flex flex-wrap items-center gap-1.5 border-b border-gray-200 bg-white px-3 py-1 text-xs">
      <Choice label="Size" value={reading.sizeMode} options={SIZE_OPTIONS} onChange={reading.setSizeMode} />
      <Choice label="Colour" value={reading.colorMode} options={COLOR_OPTIONS} onChange={reading.setColorMode} />
      <span className="flex items-center gap-1">
        <label htmlFor={findId} className="text-gray-700">
          Find in graph
        </label>
        <input
          id={findId}
          type="search"
          value={reading.findText}
          onChange={(event) => reading.find(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              reading.nextMatch(event.shiftKey ? -1 : 1);
            }
          }}
          className="w-28 rounded border border-gray-300 px-1 py-0.5 text-xs sm:w-40"
        />
        {/* Always mounted (empty while nothing is sought), so each new count is announced as it is typed. */}
        <Alert as="span" tone="info" plain size="xs" className="min-w-16">
          {reading.findText.trim() ? (reading.matches.length > 0 ? `${reading.focusIndex + 1} of ${reading.matches.length}` : "no match") : ""}
        </Alert>
        {reading.matches.length > 0 && (
          <Button size="xs" onClick={() => reading.select(reading.matches)}>
            Select matches
          </Button>
        )}
      </span>
      <Button size="xs" aria-pressed={reading.lasso} onClick={() => reading.setLasso(!reading.lasso)}>
        Lasso
      </Button>
      {reading.communityList.length > 0 && (
        <details className="relative">
          <summary className="cursor-pointer rounded border border-gray-300 px-1.5 py-0.5 text-gray-700">Communities ({reading.communityList.length})</summary>
          <ul aria-label="Communities" className="absolute left-0 z-20 mt-1 max-h-72 w-72 max-w-[90vw] overflow-auto rounded border border-gray-200 bg-white p-1 shadow">
            {reading.communityList.map((group) => (
              <li key={group.id} className="flex items-center justify-between gap-2 px-1 py-0.5">
                <span className="truncate" title={group.label}>
                  {group.label}
                </span>
                <span className="flex shrink-0 gap-1">
                  <Button size="xs" onClick={() => reading.select([...group.members])} aria-label={`Select ${group.label}`}>
                    Select
                  </Button>
                  {collapsed.has(group.id) ? (
                    <Button size="xs" onClick={() => reading.expandGroup(groupNodeId(group))} aria-label={`Expand ${group.label}`}>
                      Expand
                    </Button>
                  ) : (
                    <Button size="xs" onClick={() => reading.collapse(group)} aria-label={`Collapse ${group.label}`}>
                      Collapse
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {reading.legend && (
        <ul aria-label="Colours" className="flex w-full flex-wrap gap-x-3 gap-y-0.5">
          {reading.legend.map((entry) => (
            <li key={entry.label} className="flex items-center gap-1 text-gray-700">
              <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border border-gray-500" style={{ backgroundColor: entry.color }} />
              {entry.label} <span className="text-gray-500">({entry.count})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
