/**
 * The explorer's view controls, kept in the URL next to the node list (`/?nodes=...&hide=...&hideTypes=
 * Region&from=2018-01-01&layout=time`): hidden and pinned nodes, hidden entity and relationship types, a
 * date range for events, and the layout. In the URL, they survive reload, back/forward and copied links,
 * and undo/redo is a walk through earlier URLs. Pure: parsing, writing, and what is visible.
 */
import { eventDate } from "../graph/elements";
import { LAYOUTS, type LayoutName } from "../graph/layouts";
import type { GraphData, GraphNode } from "../graph/types";
import { ENTITY_TYPES, RELATIONSHIP_TYPES, entityIdSchema, type EntityType, type RelationshipType } from "../model/registry";
import { MAX_VIEW_IDS } from "../api-schemas";

export interface ViewControls {
  /** Nodes in the view but not drawn (they stay in the list view, to be shown again). */
  hidden: string[];
  /** Nodes that layouts do not move. */
  pinned: string[];
  hiddenTypes: EntityType[];
  hiddenRelationships: RelationshipType[];
  /** Events dated outside [from, to] are hidden, with the links that only exist through them. */
  from: string | null;
  to: string | null;
  layout: LayoutName;
}

export const DEFAULT_CONTROLS: ViewControls = {
  hidden: [],
  pinned: [],
  hiddenTypes: [],
  hiddenRelationships: [],
  from: null,
  to: null,
  layout: "force",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(params: { get(name: string): string | null }, name: string): string[] {
  return [...new Set((params.get(name) ?? "").split(",").filter(Boolean))];
}

/** Unknown values are dropped rather than breaking the page: a hand-edited link still opens. */
export function parseControls(params: { get(name: string): string | null }): ViewControls {
  const ids = (name: string) => list(params, name).filter((id) => entityIdSchema.safeParse(id).success).slice(0, MAX_VIEW_IDS);
  const date = (name: string) => {
    const value = params.get(name);
    return value && DATE.test(value) ? value : null;
  };
  const layout = params.get("layout");
  return {
    hidden: ids("hide"),
    pinned: ids("pin"),
    hiddenTypes: list(params, "hideTypes").filter((type): type is EntityType => (ENTITY_TYPES as readonly string[]).includes(type)),
    hiddenRelationships: list(params, "hideRels").filter((type): type is RelationshipType =>
      (RELATIONSHIP_TYPES as readonly string[]).includes(type),
    ),
    from: date("from"),
    to: date("to"),
    layout: (LAYOUTS as readonly string[]).includes(layout ?? "") ? (layout as LayoutName) : "force",
  };
}

/** Adds the controls that differ from the defaults to a query string. */
export function writeControls(controls: ViewControls, params: URLSearchParams): void {
  const set = (name: string, values: readonly string[]) => {
    if (values.length > 0) params.set(name, values.join(","));
  };
  set("hide", controls.hidden);
  set("pin", controls.pinned);
  set("hideTypes", controls.hiddenTypes);
  set("hideRels", controls.hiddenRelationships);
  if (controls.from) params.set("from", controls.from);
  if (controls.to) params.set("to", controls.to);
  if (controls.layout !== "force") params.set("layout", controls.layout);
}

export interface Visibility {
  hiddenNodes: Set<string>;
  hiddenEdges: Set<string>;
}

/**
 * What the controls hide. A node is hidden by hand, by its type, or (an event) by the date range; a
 * relationship by its type or with either end. Undated entities are never hidden by the date range.
 */
export function visibility(graph: GraphData, controls: ViewControls): Visibility {
  const hiddenTypes = new Set<string>(controls.hiddenTypes);
  const hiddenRelationships = new Set<string>(controls.hiddenRelationships);
  const byHand = new Set(controls.hidden);
  const hiddenNodes = new Set<string>();
  for (const node of graph.nodes) {
    const date = eventDate(node);
    const outOfRange = date !== null && ((controls.from !== null && date < controls.from) || (controls.to !== null && date > controls.to));
    if (byHand.has(node.id) || hiddenTypes.has(node.type) || outOfRange) hiddenNodes.add(node.id);
  }
  const hiddenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (hiddenRelationships.has(edge.type) || hiddenNodes.has(edge.source) || hiddenNodes.has(edge.target)) hiddenEdges.add(edge.id);
  }
  return { hiddenNodes, hiddenEdges };
}

export function countBy<T extends string>(items: readonly { type: T }[]): Partial<Record<T, number>> {
  const counts: Partial<Record<T, number>> = {};
  for (const item of items) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

/** The dated events of a graph, oldest first (ties by name), for the timeline. */
export function datedEvents(graph: GraphData): { node: GraphNode; date: string }[] {
  return graph.nodes
    .flatMap((node) => {
      const date = eventDate(node);
      return date ? [{ node, date }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.node.name.localeCompare(b.node.name));
}
