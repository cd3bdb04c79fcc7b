"use client";

import type { Core } from "cytoscape";
import { useEffect, useMemo, type RefObject } from "react";
import type { NodeGroup } from "@/lib/graph/groups";
import { byImportance } from "@/lib/graph/reading";
import type { GraphData } from "@/lib/graph/types";
import { nodeData, sameSet, syncGroups, syncLabels } from "./canvas-sync";
import { useLatest } from "./useLatest";

/** A set as a stable string, so an effect runs when the members change, not when a new Set is passed. */
export const keyOfSet = (ids: ReadonlySet<string> | undefined) => [...(ids ?? [])].sort().join(",");
export const setOfKey = (key: string) => new Set(key ? key.split(",") : []);

/** Exactly the elements of `idsKey` (keyOfSet) carry `className`. */
function useClassOn(cyRef: RefObject<Core | null>, className: string, idsKey: string, nodeKey: string) {
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) sameSet(cy, className, setOfKey(idsKey));
  }, [cyRef, className, idsKey, nodeKey]);
}

export interface CanvasMarks {
  hiddenIds?: ReadonlySet<string>;
  highlightIds?: ReadonlySet<string>;
  foundIds?: ReadonlySet<string>;
  pinnedIds?: ReadonlySet<string>;
  nodeSizes?: ReadonlyMap<string, number>;
  nodeColors?: ReadonlyMap<string, string>;
  groups?: readonly NodeGroup[];
  graph?: GraphData;
}

/**
 * What the reader marks on the drawn graph, kept in step with the props: filters, highlights, matches and
 * pins are classes and locks (nothing is removed, so nothing moves), sizes and colours are node data,
 * collapsed groups are group nodes, and labels follow zoom and importance (the most connected nodes keep
 * theirs as the view zooms out). Each re-applies when the set of nodes changes (`nodeKey`), since new
 * nodes arrive unmarked. Returns the nodes by importance, for the zoom listener.
 */
export function useCanvasMarks(cyRef: RefObject<Core | null>, nodeKey: string, marks: CanvasMarks): RefObject<readonly string[]> {
  const { nodeSizes, nodeColors, groups, graph } = marks;
  const hiddenKey = keyOfSet(marks.hiddenIds);
  const highlightKey = keyOfSet(marks.highlightIds);
  const foundKey = keyOfSet(marks.foundIds);
  const pinnedKey = keyOfSet(marks.pinnedIds);
  useClassOn(cyRef, "filtered", hiddenKey, nodeKey);
  useClassOn(cyRef, "highlighted", highlightKey, nodeKey);
  useClassOn(cyRef, "found", foundKey, nodeKey);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const pinned = setOfKey(pinnedKey);
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        if (pinned.has(node.id())) node.lock().addClass("pinned");
        else node.unlock().removeClass("pinned");
      });
    });
  }, [cyRef, pinnedKey, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) nodeData(cy, "size", nodeSizes);
  }, [cyRef, nodeSizes, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) nodeData(cy, "tint", nodeColors);
  }, [cyRef, nodeColors, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy && graph) syncGroups(cy, graph, groups ?? []);
  }, [cyRef, groups, graph, nodeKey]);

  const ranked = useMemo(() => (graph ? byImportance(graph) : []), [graph]);
  const rankedRef = useLatest<readonly string[]>(ranked);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) {
      cy.scratch("_labelKey", null);
      syncLabels(cy, ranked);
    }
  }, [cyRef, ranked]);
  return rankedRef;
}
