/**
 * The instant first placement of a big view, before any force runs: communities (Louvain) packed as
 * circles (circle packing), so the picture has its final shape's blocs at once and the force only refines
 * it. Nodes with a stored position (a workspace, a pinned node) stay where they are; a newcomer next to a
 * placed node is put in a ring around it, so expanding a hub moves nothing already on screen.
 * Pure and deterministic (seeded), so it is unit tested.
 */
import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import circlepack from "graphology-layout/circlepack";
import { seededRandom } from "../random";

export interface Point {
  x: number;
  y: number;
}

export interface LinkEnds {
  source: string;
  target: string;
}

/** An undirected simple graph of the view (parallel edges and self-loops dropped): what layout and Louvain read. */
export function simpleGraph(ids: readonly string[], links: readonly LinkEnds[]): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const id of ids) graph.mergeNode(id);
  for (const { source, target } of links) {
    if (source !== target && graph.hasNode(source) && graph.hasNode(target) && !graph.hasEdge(source, target)) graph.addEdge(source, target);
  }
  return graph;
}

/**
 * Each node's community, numbered by size: 0 is the largest. Isolated nodes form one community each
 * (Louvain's answer); a view without edges is one community per node.
 */
export function communitiesOf(ids: readonly string[], links: readonly LinkEnds[], seed = 1): Map<string, number> {
  const graph = simpleGraph(ids, links);
  const raw = graph.size > 0 ? louvain(graph, { rng: seededRandom(seed) }) : Object.fromEntries(ids.map((id, index) => [id, index]));
  const sizes = new Map<number, number>();
  for (const id of ids) sizes.set(raw[id] ?? 0, (sizes.get(raw[id] ?? 0) ?? 0) + 1);
  // Largest first; ties by the first member's order in the view, so numbering does not depend on Louvain's labels.
  const firstSeen = new Map<number, number>();
  ids.forEach((id, index) => {
    const community = raw[id] ?? 0;
    if (!firstSeen.has(community)) firstSeen.set(community, index);
  });
  const order = [...sizes.keys()].sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0) || (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0));
  const rank = new Map(order.map((community, index) => [community, index]));
  return new Map(ids.map((id) => [id, rank.get(raw[id] ?? 0) ?? 0]));
}

/** Roughly one node's room in the picture, in model (pixel) units. */
export const NODE_SPACING = 60;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * `count` points around `center` on a sunflower spiral (golden angle): evenly spread rings however many
 * there are, the first ring clear of the centre node. A hub's 1,000 newcomers fill a disc, not a line.
 */
export function ringAround(center: Point, count: number, spacing = NODE_SPACING): Point[] {
  const inner = 2; // the spiral starts beyond the centre node's own room
  return Array.from({ length: count }, (_, index) => {
    const radius = spacing * Math.sqrt(index + inner) * 0.9;
    const angle = (index + inner) * GOLDEN_ANGLE;
    return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
  });
}

export interface PlacementInput {
  ids: readonly string[];
  links: readonly LinkEnds[];
  /** Positions that must not change: stored in a workspace, pinned, or already on screen. */
  fixed: ReadonlyMap<string, Point>;
  /** Communities to pack by (communitiesOf); computed when absent. */
  communities?: ReadonlyMap<string, number>;
  seed?: number;
}

/**
 * A position for every node. Fixed nodes keep theirs; free nodes tied to a fixed one circle the first
 * such neighbour (with the other newcomers of that neighbour); the rest are circle-packed by community,
 * next to the fixed part if there is one.
 */
export function firstPlacement({ ids, links, fixed, communities, seed = 1 }: PlacementInput): Map<string, Point> {
  const positions = new Map<string, Point>();
  for (const id of ids) {
    const point = fixed.get(id);
    if (point) positions.set(id, { x: point.x, y: point.y });
  }
  const free = ids.filter((id) => !positions.has(id));
  if (free.length === 0) return positions;

  // Newcomers of a placed node, grouped by that node (a hub's expansion).
  const anchorOf = new Map<string, string>();
  for (const { source, target } of links) {
    if (positions.has(source) && !positions.has(target) && !anchorOf.has(target)) anchorOf.set(target, source);
    if (positions.has(target) && !positions.has(source) && !anchorOf.has(source)) anchorOf.set(source, target);
  }
  const byAnchor = new Map<string, string[]>();
  for (const id of free) {
    const anchor = anchorOf.get(id);
    if (anchor) byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), id]);
  }
  for (const [anchor, members] of byAnchor) {
    const around = ringAround(positions.get(anchor)!, members.length);
    members.forEach((id, index) => positions.set(id, around[index]!));
  }

  const loose = free.filter((id) => !anchorOf.has(id));
  if (loose.length === 0) return positions;
  const looseSet = new Set(loose);
  const graph = simpleGraph(loose, links.filter((link) => looseSet.has(link.source) && looseSet.has(link.target)));
  const groups = communities ?? communitiesOf(loose, links, seed);
  graph.forEachNode((id) => graph.setNodeAttribute(id, "community", groups.get(id) ?? 0));
  // circlepack places unit circles; its scale sets the pack's radius: about a node's room per node.
  const packed = circlepack(graph, { hierarchyAttributes: ["community"], rng: seededRandom(seed), scale: 1 });
  const raw = loose.map((id) => packed[id] ?? { x: 0, y: 0 });
  const spread = Math.max(1e-9, ...raw.map((point) => Math.hypot(point.x, point.y)));
  const radius = NODE_SPACING * Math.sqrt(loose.length) * 0.75 + NODE_SPACING;
  // Beside the fixed part (to its right), or around the origin when nothing is fixed.
  const placedXs = [...positions.values()].map((point) => point.x);
  const placedYs = [...positions.values()].map((point) => point.y);
  const center =
    placedXs.length > 0
      ? { x: Math.max(...placedXs) + radius + NODE_SPACING, y: (Math.min(...placedYs) + Math.max(...placedYs)) / 2 }
      : { x: 0, y: 0 };
  loose.forEach((id, index) => {
    const point = raw[index]!;
    positions.set(id, { x: center.x + (point.x / spread) * radius, y: center.y + (point.y / spread) * radius });
  });
  return positions;
}
