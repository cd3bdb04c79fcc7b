"use client";

import type { Core } from "cytoscape";
import { useCallback, useRef } from "react";

/** The live Cytoscape instance (for sharing, export and the view commands) and what the toolbar does with it. */
export function useCanvas() {
  const coreRef = useRef<Core | null>(null);
  const fit = useCallback(() => coreRef.current?.animate({ fit: { eles: coreRef.current.elements(":visible"), padding: 40 } }, { duration: 300 }), []);
  const zoomToSelection = useCallback(() => {
    const cy = coreRef.current;
    const chosen = cy?.$(":selected");
    if (cy && chosen && chosen.nonempty()) cy.animate({ fit: { eles: chosen.closedNeighborhood(), padding: 60 } }, { duration: 300 });
  }, []);
  const onCore = useCallback((cy: Core) => {
    coreRef.current = cy;
  }, []);
  return { coreRef, fit, zoomToSelection, onCore };
}
