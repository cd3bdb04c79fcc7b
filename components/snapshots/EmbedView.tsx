"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { toElements } from "@/lib/graph/elements";
import type { Snapshot } from "@/lib/snapshots/model";
import { SnapshotDetails } from "./SnapshotDetails";
import { formatSnapshotDate } from "./SnapshotView";
import { UserText } from "@/components/ui/UserText";

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-500">Loading the graph…</p>,
});

/** The embeddable snapshot: pan, zoom, click for details, and a link to the full permalink. */
export function EmbedView({ snapshot }: { snapshot: Snapshot }) {
  const [selected, setSelected] = useState<string | null>(null);
  const elements = useMemo(() => {
    const positions = new Map(snapshot.graph.nodes.map((node) => [node.id, node.position]));
    const base = toElements(snapshot.graph, { edgeWidth: snapshot.style.edgeWidth });
    return { nodes: base.nodes.map((node) => ({ ...node, position: positions.get(node.data.id) })), edges: base.edges };
  }, [snapshot]);
  const fixed = useMemo(() => ({ extent: snapshot.viewport }), [snapshot]);

  return (
    <div className="relative h-dvh bg-white text-gray-900">
      <h1 className="sr-only">
        <UserText>{snapshot.title}</UserText>
      </h1>
      <GraphCanvas elements={elements} selectedId={selected} onSelect={setSelected} onExpand={setSelected} fixed={fixed} />
      <p className="pointer-events-none absolute left-2 top-2 max-w-[70%] truncate rounded bg-white/90 px-2 py-1 text-xs text-gray-700 shadow">
        <UserText>{snapshot.title}</UserText> · {formatSnapshotDate(snapshot.createdAt)}
      </p>
      <a
        href={`/s/${snapshot.id}`}
        target="_blank"
        rel="noopener"
        className="absolute bottom-2 left-2 rounded bg-white/90 px-2 py-1 text-xs font-medium text-red-900 underline shadow"
      >
        Open in Redstring
      </a>
      {selected && (
        <aside aria-label="Details" className="absolute bottom-2 right-2 top-10 w-72 max-w-[60%] overflow-y-auto rounded border border-gray-200 bg-white/95 p-3 shadow-lg">
          <button type="button" onClick={() => setSelected(null)} className="float-right text-xs text-gray-600 underline">
            Close
          </button>
          <SnapshotDetails graph={snapshot.graph} selectedId={selected} onSelect={setSelected} compact />
        </aside>
      )}
    </div>
  );
}
