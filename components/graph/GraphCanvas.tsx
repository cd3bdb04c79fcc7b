"use client";

import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useCallback, useEffect, useMemo, useRef } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import type { ElementDefinitions } from "@/lib/graph/elements";
import type { NodeGroup } from "@/lib/graph/groups";
import type { Point } from "@/lib/graph/layout/placement";
import type { LayoutName } from "@/lib/graph/layouts";
import { BIG_VIEW_STYLE, isBigView } from "@/lib/graph/render-settings";
import type { GraphData } from "@/lib/graph/types";
import { graphStylesheet } from "@/lib/graph/style";
import { bindCanvasEvents, type CanvasHandlers } from "./canvas-events";
import { drawnCount } from "./canvas-sync";
import type { Extent } from "./extent";
import { Lasso } from "./Lasso";
import { LayoutControls } from "./LayoutControls";
import { keyOfSet, useCanvasMarks } from "./useCanvasMarks";
import { useCanvasSelection } from "./useCanvasSelection";
import { useLatest } from "./useLatest";
import { useViewLayout, type LayoutState } from "./useViewLayout";

cytoscape.use(fcose);

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

declare global {
  interface Window {
    /** The live Cytoscape instance, for debugging in the console and for end-to-end tests. */
    __redstringCy?: Core;
  }
}

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
  const handlers = useLatest<CanvasHandlers>({ onSelect, onExpand, onContextMenu, onExpandGroup, onSelectionChange });
  const onCoreRef = useLatest(onCore);
  // The container's data-layout-state and data-element-count are written directly: they describe the
  // Cytoscape instance (an external system), and tests and benchmarks read them, not React.
  const containerRef = useRef<HTMLDivElement>(null);
  const countDrawn = useCallback(() => {
    const cy = cyRef.current;
    if (cy) containerRef.current?.setAttribute("data-element-count", String(drawnCount(cy)));
  }, []);
  const setLayoutState = useCallback(
    (state: LayoutState) => {
      countDrawn();
      containerRef.current?.setAttribute("data-layout-state", state);
    },
    [countDrawn],
  );

  const flat = useMemo<ElementDefinition[]>(() => [...elements.nodes, ...elements.edges], [elements]);
  const big = isBigView(flat.length);
  const stylesheet = useMemo(() => (big ? [...graphStylesheet, ...BIG_VIEW_STYLE] : graphStylesheet), [big]);
  const nodeKey = elements.nodes.map((node) => node.data.id).join(",");

  // Effects run in this order on a change: the layout first, then the marks on the (new) nodes, the count
  // of what is drawn, and the selection.
  const viewLayout = useViewLayout(cyRef, setLayoutState, { nodeKey, elementCount: flat.length, fixed, layout, layoutRun, graph, positions, pinnedIds, onCommunities });
  const ranked = useCanvasMarks(cyRef, nodeKey, { hiddenIds, highlightIds, foundIds, pinnedIds, nodeSizes, nodeColors, groups, graph });
  // After anything that changes what is drawn, the count on the container follows.
  const hiddenKey = keyOfSet(hiddenIds);
  useEffect(countDrawn, [countDrawn, flat, hiddenKey, groups]);
  useCanvasSelection(cyRef, nodeKey, { selectedId, selectIds, selectionRun, focusId });

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
          onCoreRef.current?.(cy);
          bindCanvasEvents(cy, handlers, ranked);
        }}
      />
      {lasso && <Lasso getCore={() => cyRef.current} onDone={() => onLassoDone?.()} />}
      {viewLayout.workerLayout && <LayoutControls layout={viewLayout} />}
    </div>
  );
}
