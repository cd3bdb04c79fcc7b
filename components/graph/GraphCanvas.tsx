"use client";

import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useEffect, useMemo, useRef } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import type { ElementDefinitions } from "@/lib/graph/elements";
import { graphStylesheet } from "@/lib/graph/style";

cytoscape.use(fcose);

export interface GraphCanvasProps {
  elements: ElementDefinitions;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onExpand: (id: string) => void;
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
export default function GraphCanvas({ elements, selectedId, onSelect, onExpand }: GraphCanvasProps) {
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onExpand });
  useEffect(() => {
    handlers.current = { onSelect, onExpand };
  }, [onSelect, onExpand]);

  const flat = useMemo<ElementDefinition[]>(() => [...elements.nodes, ...elements.edges], [elements]);

  // Lay out whenever the set of nodes changes.
  const nodeKey = elements.nodes.map((node) => node.data.id).join(",");
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || cy.nodes().length === 0) return;
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
  }, [nodeKey]);

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
        cy.on("tap", (event) => {
          const target = event.target as Core | cytoscape.SingularElementArgument;
          handlers.current.onSelect(target === cy ? null : (target as cytoscape.SingularElementArgument).id());
        });
        cy.on("dbltap", "node", (event) => handlers.current.onExpand(event.target.id()));
      }}
    />
  );
}
