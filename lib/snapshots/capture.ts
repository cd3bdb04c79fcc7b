/**
 * What "Share" sends: the nodes on screen with their positions, the relationships drawn and the visible
 * rectangle, read from the live Cytoscape instance. The data itself is read again on the server.
 */
import type { Core } from "cytoscape";
import type { CreateSnapshotInput } from "./model";

export type CapturedView = Pick<CreateSnapshotInput, "nodes" | "edges" | "viewport">;

export function captureView(cy: Core): CapturedView {
  const extent = cy.extent();
  return {
    nodes: cy.nodes(":visible").map((node) => ({ id: node.id(), x: node.position("x"), y: node.position("y") })),
    edges: cy.edges(":visible").map((edge) => edge.id()),
    viewport: { x1: extent.x1, y1: extent.y1, x2: extent.x2, y2: extent.y2 },
  };
}
