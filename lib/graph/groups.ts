/**
 * Collapsed groups: a community (or any selection) drawn as one node, with one line to each outside
 * neighbour that says how many relationships it stands for. Pure: the canvas hides the members and draws
 * what this returns; expanding removes it and shows the members where they were.
 */
import type { GraphData } from "./types";

export interface NodeGroup {
  /** Stable for the group's life: `community-3`, `selection-1`. */
  id: string;
  label: string;
  members: readonly string[];
}

export const GROUP_PREFIX = "group:";

export function groupNodeId(group: Pick<NodeGroup, "id">): string {
  return `${GROUP_PREFIX}${group.id}`;
}

export function isGroupNodeId(id: string): boolean {
  return id.startsWith(GROUP_PREFIX);
}

export interface GroupLink {
  id: string;
  /** The outside node (or another group's node, when that neighbour is collapsed too). */
  other: string;
  count: number;
}

/**
 * The lines of a collapsed group: one per outside neighbour, counting the relationships between the group
 * and it; relationships inside the group are not drawn. `groupOf` maps members of other collapsed groups
 * to their group node, so two collapsed communities are joined by one line.
 */
export function groupLinks(graph: Pick<GraphData, "edges">, group: NodeGroup, groupOf: ReadonlyMap<string, string> = new Map()): GroupLink[] {
  const members = new Set(group.members);
  const self = groupNodeId(group);
  const counts = new Map<string, number>();
  for (const edge of graph.edges) {
    const inSource = members.has(edge.source);
    const inTarget = members.has(edge.target);
    if (inSource === inTarget) continue;
    const outside = inSource ? edge.target : edge.source;
    const other = groupOf.get(outside) ?? outside;
    if (other === self) continue;
    counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([other, count]) => ({ id: `${self}->${other}`, other, count }));
}

/** Communities as groups a reader can collapse: biggest first, singletons left out (nothing to collapse). */
export function communityGroups(communities: ReadonlyMap<string, number>, nameOf: (id: string) => string): NodeGroup[] {
  const byCommunity = new Map<number, string[]>();
  for (const [id, community] of communities) byCommunity.set(community, [...(byCommunity.get(community) ?? []), id]);
  return [...byCommunity.entries()]
    .filter(([, members]) => members.length > 1)
    .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    .map(([community, members]) => ({
      id: `community-${community + 1}`,
      label: `Community ${community + 1}: ${nameOf(members[0]!)} and ${members.length - 1} more`,
      members,
    }));
}
