import type { GraphEdge, GraphNode } from "./types";
export interface Position { x: number; y: number }
export interface PositionedNode extends GraphNode { position: Position }
/** A subgraph as drawn: nodes with their model positions (Cytoscape coordinates), edges as GraphEdge. */
export interface PositionedGraph { nodes: PositionedNode[]; edges: GraphEdge[] }
