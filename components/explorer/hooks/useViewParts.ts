"use client";

import { useMemo } from "react";
import { countBy, countDatasets, timelineItems, visibility, type ViewControls } from "@/lib/explore/view-state";
import { toElements } from "@/lib/graph/elements";
import type { GraphData } from "@/lib/graph/types";

/** What the parts of the explorer draw from the view's graph and controls, computed once per change. */
export function useViewParts(graph: GraphData, controls: ViewControls, highlighted: readonly string[]) {
  const edgeWidth = controls.edgeWidth;
  const elements = useMemo(() => toElements(graph, { edgeWidth }), [graph, edgeWidth]);
  const entityCounts = useMemo(() => countBy(graph.nodes), [graph]);
  const relationshipCounts = useMemo(() => countBy(graph.edges), [graph]);
  const datasetCounts = useMemo(() => countDatasets(graph.nodes), [graph]);
  const timeline = useMemo(() => timelineItems(graph), [graph]);
  const { hiddenNodes, hiddenEdges } = useMemo(() => visibility(graph, controls), [graph, controls]);
  const hiddenIds = useMemo(() => new Set([...hiddenNodes, ...hiddenEdges]), [hiddenNodes, hiddenEdges]);
  const pinnedIds = useMemo(() => new Set(controls.pinned), [controls.pinned]);
  const highlightKey = highlighted.join("\n");
  const highlightIds = useMemo(() => new Set(highlightKey ? highlightKey.split("\n") : []), [highlightKey]);
  const visibleCount = graph.nodes.length - hiddenNodes.size;
  return { elements, entityCounts, relationshipCounts, datasetCounts, timeline, hiddenNodes, hiddenIds, pinnedIds, highlightIds, visibleCount };
}
