"use client";

import cytoscape, { type Core, type NodeSingular } from "cytoscape";
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { Point } from "@/lib/graph/layout/placement";
import { layoutOptions, type LayoutName } from "@/lib/graph/layouts";
import { applyRenderSettings, isBigView, WORKER_LAYOUT_FROM } from "@/lib/graph/render-settings";
import type { GraphData } from "@/lib/graph/types";
import { showExtent, type Extent } from "./extent";
import { keyOfSet, setOfKey } from "./useCanvasMarks";
import { useForceLayout } from "./useForceLayout";
import { useLatest } from "./useLatest";

export type LayoutState = "running" | "done";

export interface ViewLayoutInput {
  /** The ids of the nodes drawn, in order, joined: the layout runs when the set changes. */
  nodeKey: string;
  /** How many elements (nodes plus edges) the view has: from WORKER_LAYOUT_FROM the force runs in a worker. */
  elementCount: number;
  /** A snapshot's fixed picture: no layout, only the viewport fitted. */
  fixed?: { extent: Extent | null };
  layout: LayoutName;
  /** Bumped to lay out again from scratch. */
  layoutRun: number;
  graph?: GraphData;
  /** Stored positions (a workspace): the first layout does not move these nodes. */
  positions?: ReadonlyMap<string, Point>;
  pinnedIds?: ReadonlySet<string>;
  onCommunities?: (communities: Map<string, number>) => void;
}

export interface ViewLayout {
  /** Whether this view's force layout runs in the worker (and the canvas offers Stop / Resume). */
  workerLayout: boolean;
  forceRunning: boolean;
  stop: () => void;
  /** "Resume layout": the force goes on from where the nodes are. */
  resume: () => void;
}

/**
 * Lays the view out whenever its set of nodes changes, and says so through `setLayoutState`:
 * - a snapshot keeps its positions and only fits the viewport;
 * - a chosen layout (grid, circle, time...) rearranges everything;
 * - the force layout places only what is new: small views with fcose, a new node starting next to a
 *   neighbour already placed; big views (WORKER_LAYOUT_FROM) in the web worker, with pinned, stored and
 *   (for an expansion) already placed nodes held still; a big view whose every node has a stored
 *   position runs no layout at all.
 */
export function useViewLayout(cyRef: RefObject<Core | null>, setLayoutState: (state: LayoutState) => void, input: ViewLayoutInput): ViewLayout {
  const { nodeKey, elementCount, fixed, layout, layoutRun } = input;
  const graphRef = useLatest<GraphData>(input.graph ?? { nodes: [], edges: [] });
  const positionsRef = useLatest<ReadonlyMap<string, Point>>(input.positions ?? new Map());
  const pinnedKey = keyOfSet(input.pinnedIds);
  const pinned = useMemo(() => setOfKey(pinnedKey), [pinnedKey]);
  const pinnedRef = useLatest<ReadonlySet<string>>(pinned);
  const onCommunitiesRef = useLatest(input.onCommunities);
  const lastRun = useRef(layoutRun);
  const fixedExtent = fixed ? JSON.stringify(fixed.extent) : null;
  const [forceRunning, setForceRunning] = useState(false);

  const onForceState = useCallback(
    (running: boolean) => {
      setLayoutState(running ? "running" : "done");
      setForceRunning(running);
      // As a Cytoscape layout would: listeners such as a workspace's autosave keep the settled positions.
      if (!running) cyRef.current?.emit("layoutstop");
    },
    [cyRef, setLayoutState],
  );
  const onForceCommunities = useCallback((communities: Map<string, number>) => onCommunitiesRef.current?.(communities), [onCommunitiesRef]);
  const force = useForceLayout(cyRef, onForceState, onForceCommunities);

  /**
   * A force run: pinned and stored positions stay; with `keepPlaced`, so does every placed node (an
   * expansion). `fromScratch` (a first layout, "Lay out again") places the others anew; otherwise
   * ("Resume layout") the force goes on from where they are.
   */
  const runForce = useCallback(
    (keepPlaced: boolean, fit: boolean, fromScratch = false) => {
      const cy = cyRef.current;
      if (!cy) return;
      const fixedIds = new Set<string>(pinnedRef.current);
      const known = new Map<string, Point>();
      cy.nodes().forEach((node) => {
        if (node.hasClass("group")) return;
        const stored = positionsRef.current.get(node.id());
        if (stored && node.scratch("_placed") !== true) {
          known.set(node.id(), stored);
          fixedIds.add(node.id());
        } else if (pinnedRef.current.has(node.id()) || (node.scratch("_placed") === true && !fromScratch)) {
          known.set(node.id(), { ...node.position() });
          if (keepPlaced) fixedIds.add(node.id());
        }
        node.scratch("_placed", true);
      });
      force.start({ fixed: fixedIds, positions: known, fit });
    },
    [cyRef, force, pinnedRef, positionsRef],
  );

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || cy.nodes().length === 0) return;
    applyRenderSettings(cy, isBigView(cy.elements().length));
    if (fixedExtent !== null) {
      // A snapshot: the positions are part of what was shared; only the viewport is fitted to this screen.
      cy.nodes().forEach((node) => {
        node.scratch("_placed", true);
      });
      const extent = JSON.parse(fixedExtent) as Extent | null;
      if (extent) showExtent(cy, extent);
      else cy.fit(undefined, 40);
      setLayoutState("done");
      return;
    }
    cy.nodes().forEach((node) => {
      if (pinnedRef.current.has(node.id())) node.lock();
    });
    const done = () => setLayoutState("done");
    if (layout !== "force") {
      cy.nodes().forEach((node) => {
        node.scratch("_placed", true);
      });
      setLayoutState("running");
      const run = cy.layout(layoutOptions(layout, graphRef.current) as unknown as cytoscape.LayoutOptions);
      run.one("layoutstop", done);
      run.run();
      return;
    }
    const fresh = cy.nodes().filter((node) => node.scratch("_placed") !== true);
    const firstLayout = fresh.length === cy.nodes().length || layoutRun !== lastRun.current;
    lastRun.current = layoutRun;
    if (fresh.empty() && !firstLayout) return;
    if (cy.elements().length >= WORKER_LAYOUT_FROM) {
      // Every node has a stored position: the picture is the stored one, no layout runs.
      const allStored = fresh.length === cy.nodes().length && fresh.every((node) => positionsRef.current.has((node as NodeSingular).id()));
      if (allStored) {
        cy.batch(() => {
          fresh.forEach((node) => {
            node.position(positionsRef.current.get(node.id())!);
            node.scratch("_placed", true);
          });
        });
        cy.fit(undefined, 40);
        done();
        return;
      }
      runForce(!firstLayout, firstLayout, firstLayout);
      return;
    }
    fresh.forEach((node) => {
      const stored = positionsRef.current.get(node.id());
      const anchor = node.neighborhood("node").filter((other) => other.scratch("_placed") === true);
      if (stored) node.position(stored).lock();
      else if (anchor.nonempty()) {
        const { x, y } = anchor.nodes().first().position();
        node.position({ x: x + (Math.random() - 0.5) * 80, y: y + (Math.random() - 0.5) * 80 });
      }
      node.scratch("_placed", true);
    });
    setLayoutState("running");
    const run = cy.layout({
      name: "fcose",
      randomize: firstLayout && positionsRef.current.size === 0,
      animate: !firstLayout,
      animationDuration: 400,
      fit: true,
      padding: 40,
      nodeRepulsion: () => 16000,
      idealEdgeLength: () => 140,
    } as cytoscape.LayoutOptions);
    run.one("layoutstop", () => {
      cy.nodes().forEach((node) => {
        if (positionsRef.current.has(node.id()) && !pinnedRef.current.has(node.id())) node.unlock();
      });
      done();
    });
    run.run();
  }, [cyRef, nodeKey, fixedExtent, layout, layoutRun, runForce, setLayoutState, graphRef, pinnedRef, positionsRef]);

  const resume = useCallback(() => runForce(false, false), [runForce]);
  return { workerLayout: layout === "force" && fixed === undefined && elementCount >= WORKER_LAYOUT_FROM, forceRunning, stop: force.stop, resume };
}
