import { TypeSwatch } from "@/components/graph/Legend";
import type { GraphData } from "@/lib/graph/types";

interface ViewListProps {
  graph: GraphData;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** What the graph shows, as a list a keyboard or a screen reader can use. */
export function ViewList({ graph, selectedId, onSelect }: ViewListProps) {
  const nodes = [...graph.nodes].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <details className="mt-4 border-t border-gray-200 pt-2 text-sm">
      <summary className="cursor-pointer font-semibold text-gray-800">
        In view: {graph.nodes.length} entities, {graph.edges.length} relationships
      </summary>
      <ul aria-label="Entities in view" className="mt-2 space-y-1">
        {nodes.map((node) => (
          <li key={node.id}>
            <button
              type="button"
              aria-current={node.id === selectedId ? "true" : undefined}
              onClick={() => onSelect(node.id)}
              className={`flex w-full items-center gap-1.5 rounded px-1 py-0.5 text-left hover:bg-gray-100 ${node.id === selectedId ? "bg-red-50 font-medium" : ""}`}
            >
              <TypeSwatch type={node.type} />
              {node.name}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
