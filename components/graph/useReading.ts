"use client";

import { useCallback, useMemo, useState } from "react";
import { communityGroups, groupNodeId, type NodeGroup } from "@/lib/graph/groups";
import { communitiesOf } from "@/lib/graph/layout/placement";
import { byImportance, findInGraph, nodeColours, nodeSizes, type ColorMode, type SizeMode } from "@/lib/graph/reading";
import { WORKER_LAYOUT_FROM } from "@/lib/graph/render-settings";
import type { GraphData } from "@/lib/graph/types";

/**
 * The state of the tools that make a dense graph readable: size and colour scales, communities and the
 * groups collapsed from them, "find in graph", the lasso and the multiple selection. Lives beside the
 * URL (it is how the reader looks, not what the view holds), and hands the canvas what to draw.
 */
export function useReading(graph: GraphData, hiddenIds: ReadonlySet<string>) {
  const [sizeMode, setSizeMode] = useState<SizeMode>("uniform");
  const [colorMode, setColorMode] = useState<ColorMode>("type");
  const [workerCommunities, setWorkerCommunities] = useState<Map<string, number> | null>(null);
  const [groups, setGroups] = useState<NodeGroup[]>([]);
  const [findText, setFindText] = useState("");
  const [findIndex, setFindIndex] = useState(0);
  const [selection, setSelection] = useState<string[]>([]);
  const [selectRequest, setSelectRequest] = useState<{ ids: string[]; run: number }>({ ids: [], run: 0 });
  const [lasso, setLasso] = useState(false);

  // A big view's communities come from the worker's first placement; a small one's are computed here.
  const small = graph.nodes.length + graph.edges.length < WORKER_LAYOUT_FROM;
  const localCommunities = useMemo(
    () => (small ? communitiesOf(graph.nodes.map((node) => node.id), graph.edges) : null),
    [graph, small],
  );
  const communities = useMemo(() => {
    const found = localCommunities ?? workerCommunities;
    if (!found) return null;
    const present = new Map<string, number>();
    for (const node of graph.nodes) {
      const community = found.get(node.id);
      if (community !== undefined) present.set(node.id, community);
    }
    return present;
  }, [localCommunities, workerCommunities, graph]);

  const sizes = useMemo(() => (sizeMode === "uniform" ? undefined : nodeSizes(graph, sizeMode)), [graph, sizeMode]);
  const colouring = useMemo(() => (colorMode === "type" ? null : nodeColours(graph, colorMode, communities ?? undefined)), [graph, colorMode, communities]);

  const ranked = useMemo(() => byImportance(graph), [graph]);
  const communityList = useMemo(() => {
    if (!communities) return [];
    const ordered = new Map(ranked.flatMap((id) => (communities.has(id) ? [[id, communities.get(id)!] as const] : [])));
    const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
    return communityGroups(ordered, (id) => names.get(id) ?? id);
  }, [communities, ranked, graph]);

  const drawn = useMemo(() => new Set(graph.nodes.filter((node) => !hiddenIds.has(node.id)).map((node) => node.id)), [graph, hiddenIds]);
  const matches = useMemo(() => findInGraph(graph, findText, drawn), [graph, findText, drawn]);
  const focusId = matches.length > 0 ? (matches[findIndex % matches.length] ?? null) : null;

  const find = useCallback((text: string) => {
    setFindText(text);
    setFindIndex(0);
  }, []);
  const nextMatch = useCallback((step: 1 | -1) => setFindIndex((index) => index + step + (matches.length || 1)), [matches.length]);

  const select = useCallback((ids: string[]) => setSelectRequest((current) => ({ ids, run: current.run + 1 })), []);
  const collapse = useCallback((group: NodeGroup) => setGroups((current) => [...current.filter((item) => item.id !== group.id), group]), []);
  const expandGroup = useCallback((nodeId: string) => setGroups((current) => current.filter((item) => groupNodeId(item) !== nodeId)), []);
  const [selectionGroups, setSelectionGroups] = useState(0);
  const groupSelection = useCallback(
    (ids: string[], name: string) => {
      const next = selectionGroups + 1;
      setSelectionGroups(next);
      collapse({ id: `selection-${next}`, label: `Group ${next}: ${name} and ${ids.length - 1} more`, members: ids });
    },
    [selectionGroups, collapse],
  );

  return {
    sizeMode,
    setSizeMode,
    colorMode,
    setColorMode,
    legend: colouring?.legend ?? null,
    communityList,
    groups,
    collapse,
    expandGroup,
    findText,
    find,
    matches,
    focusId,
    focusIndex: matches.length > 0 ? findIndex % matches.length : 0,
    nextMatch,
    selection,
    select,
    groupSelection,
    lasso,
    setLasso,
    /** What GraphCanvas takes from the tools. */
    canvas: {
      nodeSizes: sizes,
      nodeColors: colouring?.colors,
      groups,
      onExpandGroup: expandGroup,
      foundIds: useMemo(() => new Set(matches), [matches]),
      focusId,
      onSelectionChange: setSelection,
      selectIds: selectRequest.ids,
      selectionRun: selectRequest.run,
      onCommunities: setWorkerCommunities,
      lasso,
      onLassoDone: () => setLasso(false),
    },
  };
}

export type Reading = ReturnType<typeof useReading>;
