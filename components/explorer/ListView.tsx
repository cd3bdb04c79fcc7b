"use client";

import { useMemo, useState } from "react";
import { TypeSwatch } from "@/components/graph/Legend";
import { relationshipHighlights } from "@/lib/graph/display";
import { formatEventDate } from "@/lib/graph/elements";
import type { GraphData } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { UserText } from "@/components/ui/UserText";

interface ListViewProps {
  graph: GraphData;
  hidden: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

type NodeSort = "name" | "type" | "links" | "date";
type EdgeSort = "from" | "relationship" | "to" | "sources";

/** A sorted copy: numbers by value, text in locale order, ascending or not; ties by `tie`, always ascending. */
function sortedBy<T>(items: readonly T[], value: (item: T) => string | number, up: boolean, tie: (a: T, b: T) => number): T[] {
  return [...items].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return (up ? order : -order) || tie(a, b);
  });
}

/** Arrow keys move between the rows' buttons; Home and End jump to the ends. */
function moveFocus(event: React.KeyboardEvent<HTMLTableSectionElement>) {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-row]")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    event.key === "Home" ? 0 : event.key === "End" ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
  buttons[next]?.focus();
  event.preventDefault();
}

function SortHeader<K extends string>({ label, column, sort, onSort }: { label: string; column: K; sort: { key: K; up: boolean }; onSort: (key: K) => void }) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.up ? "ascending" : "descending") : "none"} className="px-2 py-1">
      <button type="button" onClick={() => onSort(column)} className="font-semibold hover:underline">
        {label}
        <span aria-hidden="true">{active ? (sort.up ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );
}

/**
 * The view as tables of entities and relationships: sortable, keyboard-navigable, and in step with the
 * graph (selecting a row selects it in the graph and the other way round). Hidden elements stay listed.
 */
export function ListView({ graph, hidden, selectedId, onSelect }: ListViewProps) {
  const [tab, setTab] = useState<"nodes" | "edges">("nodes");
  const [nodeSort, setNodeSort] = useState<{ key: NodeSort; up: boolean }>({ key: "name", up: true });
  const [edgeSort, setEdgeSort] = useState<{ key: EdgeSort; up: boolean }>({ key: "from", up: true });
  const names = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node.name])), [graph]);
  const degree = useMemo(() => {
    const counts = new Map<string, number>();
    for (const edge of graph.edges) {
      counts.set(edge.source, (counts.get(edge.source) ?? 0) + 1);
      counts.set(edge.target, (counts.get(edge.target) ?? 0) + 1);
    }
    return counts;
  }, [graph]);

  const nodes = useMemo(() => {
    const value = (node: GraphData["nodes"][number]): string | number => {
      if (nodeSort.key === "links") return degree.get(node.id) ?? 0;
      if (nodeSort.key === "type") return ENTITY_TYPE_SPECS[node.type].label;
      if (nodeSort.key === "date") return typeof node.properties.date === "string" ? node.properties.date : "";
      return node.name;
    };
    return sortedBy(graph.nodes, value, nodeSort.up, (a, b) => a.name.localeCompare(b.name));
  }, [graph, nodeSort, degree]);

  const edges = useMemo(() => {
    const value = (edge: GraphData["edges"][number]): string | number => {
      if (edgeSort.key === "sources") return edge.sources.length;
      if (edgeSort.key === "relationship") return RELATIONSHIP_TYPE_SPECS[edge.type].verb;
      return names.get(edgeSort.key === "from" ? edge.source : edge.target) ?? "";
    };
    return sortedBy(graph.edges, value, edgeSort.up, (a, b) => a.id.localeCompare(b.id));
  }, [graph, edgeSort, names]);

  const toggle = <K extends string>(set: (update: (sort: { key: K; up: boolean }) => { key: K; up: boolean }) => void) => (key: K) =>
    set((sort) => ({ key, up: sort.key === key ? !sort.up : true }));
  const rowClass = (id: string) => `${id === selectedId ? "bg-red-50 font-medium" : ""} ${hidden.has(id) ? "text-gray-400" : ""}`;
  const tabClass = (name: "nodes" | "edges") => `rounded-t px-2 py-1 ${tab === name ? "bg-gray-100 font-semibold" : "text-gray-600"}`;

  return (
    <section aria-label="List view" className="mt-4 border-t border-gray-200 pt-2 text-sm">
      <div role="tablist" aria-label="List" className="flex gap-1">
        <button type="button" role="tab" aria-selected={tab === "nodes"} onClick={() => setTab("nodes")} className={tabClass("nodes")}>
          Entities ({graph.nodes.length})
        </button>
        <button type="button" role="tab" aria-selected={tab === "edges"} onClick={() => setTab("edges")} className={tabClass("edges")}>
          Relationships ({graph.edges.length})
        </button>
      </div>
      {tab === "nodes" ? (
        <table aria-label="Entities in view" className="w-full text-left text-xs">
          <thead>
            <tr>
              <SortHeader label="Name" column="name" sort={nodeSort} onSort={toggle(setNodeSort)} />
              <SortHeader label="Type" column="type" sort={nodeSort} onSort={toggle(setNodeSort)} />
              <SortHeader label="Links" column="links" sort={nodeSort} onSort={toggle(setNodeSort)} />
              <SortHeader label="Date" column="date" sort={nodeSort} onSort={toggle(setNodeSort)} />
            </tr>
          </thead>
          <tbody onKeyDown={moveFocus}>
            {nodes.map((node) => (
              <tr key={node.id} className={rowClass(node.id)}>
                <td className="px-2 py-0.5">
                  <button data-row type="button" aria-current={node.id === selectedId ? "true" : undefined} onClick={() => onSelect(node.id)} className="flex items-center gap-1.5 text-left hover:underline">
                    <TypeSwatch type={node.type} />
                    <UserText>{node.name}</UserText>
                    {hidden.has(node.id) && <span className="text-gray-500"> (hidden)</span>}
                  </button>
                </td>
                <td className="px-2 py-0.5">{ENTITY_TYPE_SPECS[node.type].label}</td>
                <td className="px-2 py-0.5">{degree.get(node.id) ?? 0}</td>
                <td className="px-2 py-0.5">{formatEventDate(node.properties.date, node.properties.datePrecision) ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table aria-label="Relationships in view" className="w-full text-left text-xs">
          <thead>
            <tr>
              <SortHeader label="From" column="from" sort={edgeSort} onSort={toggle(setEdgeSort)} />
              <SortHeader label="Relationship" column="relationship" sort={edgeSort} onSort={toggle(setEdgeSort)} />
              <SortHeader label="To" column="to" sort={edgeSort} onSort={toggle(setEdgeSort)} />
              <SortHeader label="Sources" column="sources" sort={edgeSort} onSort={toggle(setEdgeSort)} />
              <th scope="col" className="px-2 py-1 font-semibold">
                Amount, date
              </th>
            </tr>
          </thead>
          <tbody onKeyDown={moveFocus}>
            {edges.map((edge) => (
              <tr key={edge.id} className={rowClass(edge.id)}>
                <td className="px-2 py-0.5">
                  <UserText>{names.get(edge.source) ?? edge.source}</UserText>
                </td>
                <td className="px-2 py-0.5">
                  <button data-row type="button" aria-current={edge.id === selectedId ? "true" : undefined} onClick={() => onSelect(edge.id)} className="italic hover:underline">
                    {RELATIONSHIP_TYPE_SPECS[edge.type].verb}
                  </button>
                </td>
                <td className="px-2 py-0.5">
                  <UserText>{names.get(edge.target) ?? edge.target}</UserText>
                </td>
                <td className="px-2 py-0.5">{edge.sources.length}</td>
                <td className="px-2 py-0.5 tabular-nums">
                  <UserText>{relationshipHighlights(RELATIONSHIP_TYPE_SPECS[edge.type].fields, edge.properties).join(" · ")}</UserText>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
