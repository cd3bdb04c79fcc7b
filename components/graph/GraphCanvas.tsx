"use client";

import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useEffect, useMemo, useRef } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import type { LayoutName } from "@/lib/graph/layouts";
import type { ElementDefinitions } from "@/lib/graph/elements";
import { layoutOptions } from "@/lib/graph/layouts";
import type { GraphData } from "@/lib/graph/types";
import { graphStylesheet } from "@/lib/graph/style";

cytoscape.use(fcose);

/** A rectangle in model coordinates. */
export interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

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
}

function sameSet(cy: Core, className: string, ids: ReadonlySet<string> | undefined) {
  cy.batch(() => {
    cy.elements(`.${className}`).forEach((element) => {
      if (!ids?.has(element.id())) element.removeClass(className);
    });
    ids?.forEach((id) => cy.getElementById(id).addClass(className));
  });
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

/**
 * The Cytoscape canvas. Loaded only in the browser (next/dynamic with ssr: false). Tap selects, double-tap
 * expands. New nodes start next to a neighbour already on screen, and the force-directed layout (fcose)
 * then settles them without throwing the existing picture around.
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
}: GraphCanvasProps) {
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onExpand, onCore, onContextMenu });
  useEffect(() => {
    handlers.current = { onSelect, onExpand, onCore, onContextMenu };
  }, [onSelect, onExpand, onCore, onContextMenu]);
  const graphRef = useRef<GraphData>({ nodes: [], edges: [] });
  useEffect(() => {
    graphRef.current = graph ?? { nodes: [], edges: [] };
  }, [graph]);
  const pinnedKey = [...(pinnedIds ?? [])].sort().join(",");
  const pinnedRef = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    pinnedRef.current = new Set(pinnedKey ? pinnedKey.split(",") : []);
  }, [pinnedKey]);
  const lastRun = useRef(layoutRun);
  const fixedExtent = fixed ? JSON.stringify(fixed.extent) : null;

  const flat = useMemo<ElementDefinition[]>(() => [...elements.nodes, ...elements.edges], [elements]);

  // Lay out whenever the set of nodes changes.
  const nodeKey = elements.nodes.map((node) => node.data.id).join(",");
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || cy.nodes().length === 0) return;
    if (fixedExtent !== null) {
      // A snapshot: the positions are part of what was shared; only the viewport is fitted to this screen.
      cy.nodes().forEach((node) => {
        node.scratch("_placed", true);
      });
      const extent = JSON.parse(fixedExtent) as Extent | null;
      if (extent) showExtent(cy, extent);
      else cy.fit(undefined, 40);
      return;
    }
    cy.nodes().forEach((node) => {
      if (pinnedRef.current.has(node.id())) node.lock();
    });
    if (layout !== "force") {
      cy.nodes().forEach((node) => {
        node.scratch("_placed", true);
      });
      cy.layout(layoutOptions(layout, graphRef.current) as unknown as cytoscape.LayoutOptions).run();
      return;
    }
    const fresh = cy.nodes().filter((node) => node.scratch("_placed") !== true);
    const firstLayout = fresh.length === cy.nodes().length || layoutRun !== lastRun.current;
    lastRun.current = layoutRun;
    fresh.forEach((node) => {
      const anchor = node.neighborhood("node").filter((other) => other.scratch("_placed") === true);
      if (anchor.nonempty()) {
        const { x, y } = anchor.nodes().first().position();
        node.position({ x: x + (Math.random() - 0.5) * 80, y: y + (Math.random() - 0.5) * 80 });
      }
      node.scratch("_placed", true);
    });
    cy.layout({
      name: "fcose",
      randomize: firstLayout,
      animate: !firstLayout,
      animationDuration: 400,
      fit: true,
      padding: 40,
      nodeRepulsion: () => 16000,
      idealEdgeLength: () => 140,
    } as cytoscape.LayoutOptions).run();
  }, [nodeKey, fixedExtent, layout, layoutRun]);

  // Filters, highlights and pins are classes and locks: nothing is removed, so nothing moves.
  const hiddenKey = [...(hiddenIds ?? [])].sort().join(",");
  const highlightKey = [...(highlightIds ?? [])].sort().join(",");
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) sameSet(cy, "filtered", new Set(hiddenKey ? hiddenKey.split(",") : []));
  }, [hiddenKey, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) sameSet(cy, "highlighted", new Set(highlightKey ? highlightKey.split(",") : []));
  }, [highlightKey, nodeKey]);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const pinned = new Set(pinnedKey ? pinnedKey.split(",") : []);
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        if (pinned.has(node.id())) node.lock().addClass("pinned");
        else node.unlock().removeClass("pinned");
      });
    });
  }, [pinnedKey, nodeKey]);

  // Keep Cytoscape's selection in step with the URL.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      if (selectedId) cy.getElementById(selectedId).select();
    });
  }, [selectedId, nodeKey]);

  return (
    <CytoscapeComponent
      elements={flat}
      stylesheet={graphStylesheet as unknown as cytoscape.StylesheetJson}
      style={{ width: "100%", height: "100%" }}
      minZoom={0.2}
      maxZoom={3}
      boxSelectionEnabled={false}
      cy={(cy: Core) => {
        if (cyRef.current === cy) return;
        cyRef.current = cy;
        window.__redstringCy = cy;
        handlers.current.onCore?.(cy);
        cy.on("tap", (event) => {
          const target = event.target as Core | cytoscape.SingularElementArgument;
          handlers.current.onSelect(target === cy ? null : (target as cytoscape.SingularElementArgument).id());
        });
        cy.on("dbltap", "node", (event) => handlers.current.onExpand(event.target.id()));
        cy.on("cxttap", "node", (event) => {
          const box = cy.container()?.getBoundingClientRect();
          const point = event.renderedPosition ?? { x: 0, y: 0 };
          handlers.current.onContextMenu?.(event.target.id(), { x: (box?.left ?? 0) + point.x, y: (box?.top ?? 0) + point.y });
        });
      }}
    />
  );
}
