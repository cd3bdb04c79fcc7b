/**
 * What an expansion adds to the view: the neighbours call's answer merged into the graph already on
 * screen, so expanding a node never reads the whole view again. Pure: no fetching, no React.
 */
import type { GraphData, GraphEdge, GraphNode, NeighbourPage } from "../graph/types";

/** A neighbours page as the explorer asks for it: with the relationships that join it to the view. */
export interface ExpansionPage extends NeighbourPage {
  /** Relationships of any type between the page's neighbours and the view (lib/explore/entities.ts). */
  links?: GraphEdge[];
}

/** Everything an expansion brings: the center, its neighbours, and every relationship among them and the view. */
export function expansionGraph(page: ExpansionPage): GraphData {
  return { nodes: [page.center, ...page.nodes], edges: [...page.edges, ...(page.links ?? [])] };
}

/**
 * `graph` with what `addition` has that it lacks, deduplicated by id. What is already there stays the same
 * object in the same place, so the canvas keeps those nodes where they are and lays out only the new ones.
 * `shown` is the view's node list after the expansion (the id cap may have dropped some): nodes outside
 * it are left out, and so is every relationship whose two ends are not both in the result, as the
 * server's subgraph of the view would have it.
 */
export function mergeGraph(graph: GraphData, addition: GraphData, shown: readonly string[]): GraphData {
  const wanted = new Set(shown);
  const nodes: GraphNode[] = graph.nodes.filter((node) => wanted.has(node.id));
  const present = new Set(nodes.map((node) => node.id));
  for (const node of addition.nodes) {
    if (!wanted.has(node.id) || present.has(node.id)) continue;
    present.add(node.id);
    nodes.push(node);
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const edge of [...graph.edges, ...addition.edges]) {
    if (seen.has(edge.id) || !present.has(edge.source) || !present.has(edge.target)) continue;
    seen.add(edge.id);
    edges.push(edge);
  }
  return { nodes, edges };
}
