/**
 * A snapshot against today's data, element by element. Pure: the store reads both sides and this decides
 * what counts as a change. Bookkeeping (createdAt, updatedAt) is not a change a reader cares about.
 */
import type { GraphData, GraphEdge, GraphNode } from "../graph/types";
import type { FieldChange, SnapshotComparison } from "./model";

const IGNORED_FIELDS = new Set(["createdAt", "updatedAt"]);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !IGNORED_FIELDS.has(field)).sort();
  return fields
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

function nodeFields(node: GraphNode): Record<string, unknown> {
  return { name: node.name, type: node.type, ...node.properties };
}

function edgeFields(edge: GraphEdge): Record<string, unknown> {
  return {
    type: edge.type,
    from: edge.source,
    to: edge.target,
    ...edge.properties,
    sources: edge.sources.map((source) => source.id),
    quote: edge.quote,
  };
}

/**
 * `knownEdgeIds`: every relationship among the snapshot's entities when it was taken, drawn or not (a
 * query result may draw only some). Only relationships outside it are "added".
 */
export function compareGraphs(
  snapshot: GraphData,
  live: GraphData,
  knownEdgeIds: readonly string[] = [],
  comparedAt = new Date().toISOString(),
): SnapshotComparison {
  const liveNodes = new Map(live.nodes.map((node) => [node.id, node]));
  const liveEdges = new Map(live.edges.map((edge) => [edge.id, edge]));
  const takenEdges = new Set([...snapshot.edges.map((edge) => edge.id), ...knownEdgeIds]);

  const comparison: SnapshotComparison = {
    comparedAt,
    nodes: { removed: [], changed: [] },
    edges: { removed: [], changed: [], added: [] },
    liveNodes: [],
  };
  for (const node of snapshot.nodes) {
    const now = liveNodes.get(node.id);
    if (!now) {
      comparison.nodes.removed.push(node.id);
      continue;
    }
    const changes = fieldChanges(nodeFields(node), nodeFields(now));
    if (changes.length > 0) comparison.nodes.changed.push({ id: node.id, name: now.name, changes });
  }
  for (const edge of snapshot.edges) {
    const now = liveEdges.get(edge.id);
    if (!now) {
      comparison.edges.removed.push(edge.id);
      continue;
    }
    const changes = fieldChanges(edgeFields(edge), edgeFields(now));
    if (changes.length > 0) comparison.edges.changed.push({ id: edge.id, changes });
  }
  comparison.edges.added = live.edges.filter((edge) => !takenEdges.has(edge.id));
  const endpoints = new Set(comparison.edges.added.flatMap((edge) => [edge.source, edge.target]));
  comparison.liveNodes = live.nodes.filter((node) => endpoints.has(node.id));
  return comparison;
}
