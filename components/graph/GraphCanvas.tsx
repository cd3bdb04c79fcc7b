"use client";

import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useEffect, useMemo, useRef } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import type { ElementDefinitions } from "@/lib/graph/elements";
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
export default function GraphCanvas({ elements, selectedId, onSelect, onExpand, fixed, onCore }: GraphCanvasProps) {
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onExpand, onCore });
  useEffect(() => {
    handlers.current = { onSelect, onExpand, onCore };
  }, [onSelect, onExpand, onCore]);
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
    const fresh = cy.nodes().filter((node) => node.scratch("_placed") !== true);
    const firstLayout = fresh.length === cy.nodes().length;
    fresh.forEach((node) => {
      const anchor = node.neighborhood("node").filter((other) => other.scratch("_placed") === true);
      if (anchor.nonempty()) {
        const { x, y } = anchor.nodes().first().position();
        node.position({ x: x + (Math.random() - 0.5) * 80, y: y + (Math.random() - 0.5) * 80 });
      }
      node.scratch("_placed", true);
    });
    const layout = cy.layout({
      name: "fcose",
      randomize: firstLayout,
      animate: !firstLayout,
      animationDuration: 400,
      fit: true,
      padding: 40,
      nodeRepulsion: () => 16000,
      idealEdgeLength: () => 140,
    } as cytoscape.LayoutOptions);
    layout.run();
  }, [nodeKey, fixedExtent]);

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
      }}
    />
  );
}
