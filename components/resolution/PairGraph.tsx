"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { expansionGraph, mergeGraph } from "@/lib/explore/expansion";
import { toElements } from "@/lib/graph/elements";
import type { NeighbourPage } from "@/lib/graph/types";

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-600">Loading the graph…</p>,
});

/**
 * Both entities of a pair with their best-connected neighbours, in one small drawing: neighbours they
 * share are drawn once, between them, which is often what shows two records are one.
 */
export function PairGraph({ left, right }: { left: NeighbourPage; right: NeighbourPage }) {
  const [selected, setSelected] = useState<string | null>(null);
  const graph = useMemo(() => {
    const leftGraph = expansionGraph(left);
    const rightGraph = expansionGraph(right);
    const ids = [...leftGraph.nodes, ...rightGraph.nodes].map((node) => node.id);
    return mergeGraph(leftGraph, rightGraph, ids);
  }, [left, right]);
  const elements = useMemo(() => toElements(graph), [graph]);
  const highlight = useMemo(() => new Set([left.center.id, right.center.id]), [left.center.id, right.center.id]);
  const shared = left.nodes.filter((node) => right.nodes.some((other) => other.id === node.id)).length;
  return (
    <figure className="rounded-md border border-gray-200 bg-white">
      <div className="h-64 w-full" role="img" aria-label={`Graph of both entities and their neighbours: ${graph.nodes.length} entities, ${shared} neighbours shared`}>
        <GraphCanvas elements={elements} graph={graph} selectedId={selected} onSelect={setSelected} onExpand={() => undefined} highlightIds={highlight} />
      </div>
      <figcaption className="border-t border-gray-100 px-3 py-1 text-xs text-gray-600">
        Both entities (highlighted) and their best-connected neighbours; {shared === 0 ? "no neighbour shared" : `${shared} shared`}.
      </figcaption>
    </figure>
  );
}
