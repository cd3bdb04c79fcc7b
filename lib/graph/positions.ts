/** The graph on screen with each node's position, read from Cytoscape: what exports draw and save. */
import type { Core } from "cytoscape";
import type { PositionedGraph } from "./positioned";
import type { GraphData } from "./types";

export function positionedGraph(cy: Core | null, graph: GraphData): PositionedGraph {
  const visible = new Set(cy ? cy.nodes(":visible").map((node) => node.id()) : graph.nodes.map((node) => node.id));
  const nodes = graph.nodes
    .filter((node) => visible.has(node.id))
    .map((node) => {
      const drawn = cy?.getElementById(node.id);
      const position = drawn && drawn.nonempty() ? drawn.position() : { x: 0, y: 0 };
      return { ...node, position: { x: position.x, y: position.y } };
    });
  return { nodes, edges: graph.edges.filter((edge) => visible.has(edge.source) && visible.has(edge.target)) };
}
