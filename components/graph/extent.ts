import type { Core } from "cytoscape";

/** A rectangle in model coordinates. */
export interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
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
