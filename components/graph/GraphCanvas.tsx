"use client";

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import { Button } from "@/components/ui/Button";
import type { ElementDefinitions } from "@/lib/graph/elements";
import { isGroupNodeId, type NodeGroup } from "@/lib/graph/groups";
import type { Point } from "@/lib/graph/layout/placement";
import type { LayoutName } from "@/lib/graph/layouts";
import { layoutOptions } from "@/lib/graph/layouts";
import { byImportance } from "@/lib/graph/reading";
import { applyRenderSettings, BIG_VIEW_STYLE, isBigView, WORKER_LAYOUT_FROM } from "@/lib/graph/render-settings";
import type { GraphData } from "@/lib/graph/types";
import { graphStylesheet } from "@/lib/graph/style";
import { dimAround, drawnCount, nodeData, sameSet, syncGroups, syncLabels } from "./canvas-sync";
import { Lasso } from "./Lasso";
import { useForceLayout } from "./useForceLayout";
import { Alert } from "@/components/ui/Alert";

cytoscape.use(fcose);

/** A rectangle in model coordinates. */
export interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export type LayoutState = "running" | "done";

export interface GraphCanvasProps {
  elements: ElementDefinitions;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onExpand: (id: string) => void;
  /**
   * A fixed picture (a snapshot): nodes keep the positions given in `elements`, no layout runs, and the
   * view shows this extent (or everything, if null).
   */
  fixed?: { extent: Extent | null };
  /** Hands out the Cytoscape instance, for sharing (positions, extent) and exports (PNG). */
  onCore?: (cy: Core) => void;
  /** Elements in the view but filtered out: not drawn, and where they were is kept. */
  hiddenIds?: ReadonlySet<string>;
  /** Elements to emphasise (a path, the event under the pointer on the timeline). */
  highlightIds?: ReadonlySet<string>;
  /** Nodes that layouts leave where they are. */
  pinnedIds?: ReadonlySet<string>;
  /** The layout; force-directed places new nodes incrementally, the others rearrange everything. */
  layout?: LayoutName;
  /** Bumped to run the layout again (the "Re-run layout" button). */
  layoutRun?: number;
  /** The graph behind `elements`, for layouts that read data (the time layout reads event dates). */
  graph?: GraphData;
  /** Right-click (or long press) on a node: the context menu, at this point of the page. */
  onContextMenu?: (id: string, point: { x: number; y: number }) => void;
  /** Stored positions (a workspace): the first layout does not move these nodes. */
  positions?: ReadonlyMap<string, Point>;
  /** Node diameters and colours chosen by the reader (size by degree, colour by party...); absent: by type. */
  nodeSizes?: ReadonlyMap<string, number>;
  nodeColors?: ReadonlyMap<string, string>;
  /** Collapsed groups, each drawn as one node; double-tapping one asks to expand it. */
  groups?: readonly NodeGroup[];
  onExpandGroup?: (groupId: string) => void;
  /** "Find in graph": the matches are marked; the focused one is centred. */
  foundIds?: ReadonlySet<string>;
  focusId?: string | null;
  /** The nodes selected by box (shift-drag), lasso or a tool, whenever it changes. */
  onSelectionChange?: (ids: string[]) => void;
  /** Nodes to select (a tool's "select matches"); bumped through `selectionRun`. */
  selectIds?: readonly string[];
  selectionRun?: number;
  /** Louvain communities of the first placement (big views), for colour and grouping. */
  onCommunities?: (communities: Map<string, number>) => void;
  /** The lasso: free-hand selection while on. */
  lasso?: boolean;
  onLassoDone?: () => void;
}

/** Shows a model-coordinate rectangle centred in the canvas, as large as it fits. */
export function showExtent(cy: Core, extent: Extent) {
  const width = Math.max(1, extent.x2 - extent.x1);
  const height = Math.max(1, extent.y2 - extent.y1);
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min(cy.width() / width, cy.height() / height)));
  cy.viewport({
    zoom,
    pan: { x: cy.width() / 2 - (zoom * (extent.x1 + extent.x2)) / 2, y: cy.height() / 2 - (zoom * (extent.y1 + extent.y2)) / 2 },
  });
}

declare global {
  interface Window {
    /** The live Cytoscape instance, for debugging in the console and for end-to-end tests. */
    __redstringCy?: Core;
  }
}

const keyOfSet = (ids: ReadonlySet<string> | undefined) => [...(ids ?? [])].sort().join(",");
const setOfKey = (key: string) => new Set(key ? key.split(",") : []);

/**
 * The Cytoscape canvas. Loaded only in the browser (next/dynamic with ssr: false). Tap selects, double-tap
 * expands, shift-drag selects a box. Small views are laid out by fcose; from WORKER_LAYOUT_FROM elements the
 * force layout runs in a web worker (communities packed at once, then ForceAtlas2 streamed a few times a
 * second, stoppable), and a new node starts next to a neighbour already on screen while the rest stays put.
 * The container says `data-layout-state` ("running" / "done") and `data-element-count` (nodes plus edges
 * drawn) at all times: tests and benchmarks wait on them.
 */
export default function GraphCanvas({
  elements,
  selectedId,
  onSelect,
  onExpand,
  fixed,
  onCore,
  hiddenIds,
  highlightIds,
  pinnedIds,
  layout = "force",
  layoutRun = 0,
  graph,
  onContextMenu,
  positions,
  nodeSizes,
  nodeColors,
  groups,
  onExpandGroup,
  foundIds,
  focusId = null,
  onSelectionChange,
  selectIds,
  selectionRun = 0,
  onCommunities,
  lasso = false,
  onLassoDone,
}: GraphCanvasProps) {
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onExpand, onCore, onContextMenu, onExpandGroup, onSelectionChange, onCommunities });
  useEffect(() => {
    handlers.current = { onSelect, onExpand, onCore, onContextMenu, onExpandGroup, onSelectionChange, onCommunities };
  }, [onSelect, onExpand, onCore, onContextMenu, onExpandGroup, onSelectionChange, onCommunities]);
  const graphRef = useRef<GraphData>({ nodes: [], edges: [] });
  useEffect(() => {
    graphRef.current = graph ?? { nodes: [], edges: [] };
  }, [graph]);
  const positionsRef = useRef<ReadonlyMap<string, Point>>(new Map());
  useEffect(() => {
    positionsRef.current = positions ?? new Map();
  }, [positions]);
  const pinnedKey = keyOfSet(pinnedIds);
  const pinnedRef = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    pinnedRef.current = setOfKey(pinnedKey);
  }, [pinnedKey]);
  const lastRun = useRef(layoutRun);
  const fixedExtent = fixed ? JSON.stringify(fixed.extent) : null;
  // The container's data-layout-state and data-element-count are written directly: they describe the
  // Cytoscape instance (an external system), and tests and benchmarks read them, not React.
  const containerRef = useRef<HTMLDivElement>(null);
  const setLayoutState = useCallback((state: LayoutState) => {
    const cy = cyRef.current;
    if (cy) containerRef.current?.setAttribute("data-element-count", String(drawnCount(cy)));
    containerRef.current?.setAttribute("data-layout-state", state);
  }, []);
  const [forceRunning, setForceRunning] = useState(false);

  const flat = useMemo<ElementDefinition[]>(() => [...elements.nodes, ...elements.edges], [elements]);
  const big = isBigView(flat.length);
  const stylesheet = useMemo(() => (big ? [...graphStylesheet, ...BIG_VIEW_STYLE] : graphStylesheet), [big]);
  const workerLayout = layout === "force" && fixed === undefined && flat.length >= WORKER_LAYOUT_FROM;

  const onForceState = useCallback(
    (running: boolean) => {
      setLayoutState(running ? "running" : "done");
      setForceRunning(running);
      // As a Cytoscape layout would: listeners such as a workspace's autosave keep the settled positions.
      if (!running) cyRef.current?.emit("layoutstop");
    },
    [setLayoutState],
  );
  const onForceCommunities = useCallback((communities: Map<string, number>) => handlers.current.onCommunities?.(communities), []);
  const force = useForceLayout(cyRef, onForceState, onForceCommunities);

  const countDrawn = useCallback(() => {
    const cy = cyRef.current;
    if (cy) containerRef.current?.setAttribute("data-element-count", String(drawnCount(cy)));
  }, []);

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
    [force],
  );

  // Lay out whenever the set of nodes changes.
  const nodeKey = elements.nodes.map((node) => node.data.id).join(",");
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
  }, [nodeKey, fixedExtent, layout, layoutRun, runForce, setLayoutState]);

  // Filters, highlights and pins are classes and locks: nothing is removed, so nothing moves.
  const hiddenKey = keyOfSet(hiddenIds);
  const highlightKey = keyOfSet(highlightIds);
  const foundKey = keyOfSet(foundIds);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) sameSet(cy, "filtered", setOfKey(hiddenKey));
  }, [hiddenKey, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) sameSet(cy, "highlighted", setOfKey(highlightKey));
  }, [highlightKey, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) sameSet(cy, "found", setOfKey(foundKey));
  }, [foundKey, nodeKey]);
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
  }, [pinnedKey, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) nodeData(cy, "size", nodeSizes);
  }, [nodeSizes, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) nodeData(cy, "tint", nodeColors);
  }, [nodeColors, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy && graph) syncGroups(cy, graph, groups ?? []);
  }, [groups, graph, nodeKey]);

  // Labels by zoom and importance: the most connected nodes keep theirs as the view zooms out.
  const ranked = useMemo(() => (graph ? byImportance(graph) : []), [graph]);
  const rankedRef = useRef(ranked);
  useEffect(() => {
    rankedRef.current = ranked;
    const cy = cyRef.current;
    if (cy) {
      cy.scratch("_labelKey", null);
      syncLabels(cy, ranked);
    }
  }, [ranked]);

  // After anything that changes what is drawn, the count on the container follows.
  useEffect(countDrawn, [countDrawn, flat, hiddenKey, groups]);

  // "Find in graph": the focused match is centred and zoomed to a readable size.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focusId) return;
    const node = cy.getElementById(focusId);
    if (node.empty()) return;
    cy.elements(".found-current").removeClass("found-current");
    node.addClass("found-current");
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
  }, [focusId]);

  // Keep Cytoscape's selection in step with the URL.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      if (selectedId) cy.getElementById(selectedId).select();
    });
  }, [selectedId, nodeKey]);

  // A tool's selection (select the matches, a community).
  const selectKey = (selectIds ?? []).join(",");
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || selectionRun === 0) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      for (const id of selectKey ? selectKey.split(",") : []) cy.getElementById(id).select();
    });
  }, [selectionRun, selectKey]);

  return (
    <div ref={containerRef} className="relative h-full w-full" data-testid="graph-canvas" data-layout-state="running" data-element-count="0">
      <CytoscapeComponent
        elements={flat}
        stylesheet={stylesheet as unknown as cytoscape.StylesheetJson}
        style={{ width: "100%", height: "100%" }}
        minZoom={0.05}
        maxZoom={3}
        boxSelectionEnabled
        cy={(cy: Core) => {
          if (cyRef.current === cy) return;
          cyRef.current = cy;
          window.__redstringCy = cy;
          handlers.current.onCore?.(cy);
          cy.on("tap", (event) => {
            const target = event.target as Core | cytoscape.SingularElementArgument;
            if (target !== cy && isGroupNodeId((target as cytoscape.SingularElementArgument).id())) return;
            handlers.current.onSelect(target === cy ? null : (target as cytoscape.SingularElementArgument).id());
          });
          cy.on("dbltap", "node", (event) => {
            const id = (event.target as NodeSingular).id();
            if (isGroupNodeId(id)) handlers.current.onExpandGroup?.(id);
            else handlers.current.onExpand(id);
          });
          cy.on("cxttap", "node", (event) => {
            const id = (event.target as NodeSingular).id();
            if (isGroupNodeId(id)) return;
            const box = cy.container()?.getBoundingClientRect();
            const point = event.renderedPosition ?? { x: 0, y: 0 };
            handlers.current.onContextMenu?.(id, { x: (box?.left ?? 0) + point.x, y: (box?.top ?? 0) + point.y });
          });
          cy.on("mouseover", "node", (event) => dimAround(cy, event.target as NodeSingular));
          cy.on("mouseout", "node", () => dimAround(cy, null));
          let labelFrame = 0;
          cy.on("zoom", () => {
            cancelAnimationFrame(labelFrame);
            labelFrame = requestAnimationFrame(() => syncLabels(cy, rankedRef.current));
          });
          // One report per burst of select events (a box selects hundreds one by one).
          let selectionTimer: ReturnType<typeof setTimeout> | undefined;
          cy.on("select unselect", "node", () => {
            clearTimeout(selectionTimer);
            selectionTimer = setTimeout(() => handlers.current.onSelectionChange?.(cy.nodes(":selected").map((node) => node.id()).filter((id) => !isGroupNodeId(id))), 30);
          });
        }}
      />
      {lasso && <Lasso getCore={() => cyRef.current} onDone={() => onLassoDone?.()} />}
      {workerLayout && (
        <div className="absolute bottom-2 left-2 flex items-center gap-2 rounded bg-white/90 px-2 py-1 text-xs shadow">
          {/* Mounted as long as the worker layout is: the change from running to done is the news. */}
          <Alert as="span" tone="info" plain size="xs">
            {forceRunning ? "Laying out…" : "Layout done"}
          </Alert>
          {forceRunning ? (
            <Button size="xs" onClick={force.stop}>
              Stop layout
            </Button>
          ) : (
            <Button size="xs" onClick={() => runForce(false, false)}>
              Resume layout
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
