import { NeedsPermission } from "@/components/auth/NeedsPermission";
import type { Can } from "@/lib/auth/client";

const EXPORTS = [
  { format: "json", label: "Redstring JSON (re-importable)" },
  { format: "graphml", label: "GraphML (Gephi, yEd)" },
  { format: "gexf", label: "GEXF (Gephi)" },
  { format: "nodes.csv", label: "CSV of entities" },
  { format: "relationships.csv", label: "CSV of relationships" },
];

/** The whole graph as a download in every export format (graph:read). */
export function WholeGraphExport({ reading }: { reading: Can }) {
  return (
    <section aria-labelledby="export-title" className="rounded-md border border-gray-200 bg-white p-4">
      <h2 id="export-title" className="text-lg font-semibold">
        Export the whole graph
      </h2>
      <p className="mt-1 text-sm text-gray-600">
        Streamed page by page, however big the graph. To export only what is on screen, use Export in the explorer, on a query result or on a
        shared link.
      </p>
      {reading.allowed ? (
        <ul className="mt-2 space-y-1 text-sm">
          {EXPORTS.map((item) => (
            <li key={item.format}>
              <a href={`/api/export?format=${item.format}`} download className="text-red-900 underline">
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-gray-700">
          {reading.loading ? "…" : <NeedsPermission can={reading} className="" />}
        </p>
      )}
    </section>
  );
}
