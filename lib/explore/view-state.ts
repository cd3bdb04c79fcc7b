/**
 * The explorer's state as it is written in the URL, the one place that reads and writes it:
 * `/?nodes=a,b,c&selected=a&hide=...&hideTypes=Region&from=2018-01-01&layout=time`.
 * The URL is the source of truth: reload, back/forward and shared links restore the same view, and
 * undo/redo is a walk through earlier URLs. Two parts: what is shown (the node list and the selection)
 * and the view controls (hidden and pinned nodes, hidden entity and relationship types, a date range for
 * events, the layout). Ids that are not valid entity ids and unknown values are dropped rather than
 * breaking the page. Pure: parsing, writing, and what the controls leave visible.
 */
import { MAX_VIEW_IDS } from "../api-schemas";
import { eventDate } from "../graph/elements";
import { LAYOUTS, type LayoutName } from "../graph/layouts";
import type { GraphData, GraphNode } from "../graph/types";
import { ENTITY_TYPES, RELATIONSHIP_TYPES, entityIdSchema, type EntityType, type RelationshipType } from "../model/registry";

/* ---------------------------------------------------------------- what is shown */

export interface ViewState {
  nodes: string[];
  /** An entity id or a relationship id. */
  selected: string | null;
}

export const EMPTY_VIEW: ViewState = { nodes: [], selected: null };

function validId(value: string): boolean {
  return entityIdSchema.safeParse(value).success;
}

export function parseViewState(params: { get(name: string): string | null }): ViewState {
  const nodes = [...new Set((params.get("nodes") ?? "").split(",").filter(validId))].slice(0, MAX_VIEW_IDS);
  const selected = params.get("selected");
  return { nodes, selected: selected && validId(selected) ? selected : null };
}

/** `controls` (hidden, pinned, filters, layout) are written after the nodes when given. */
export function serializeViewState(view: ViewState, controls?: ViewControls): string {
  const params = new URLSearchParams();
  if (view.nodes.length > 0) params.set("nodes", view.nodes.join(","));
  if (view.selected) params.set("selected", view.selected);
  if (controls) writeControls(controls, params);
  // Commas are safe in a query string; keeping them readable makes links easier to eyeball.
  return params.toString().replaceAll("%2C", ",");
}

/** Adds ids to a view, keeping the order in which they first appeared and the id cap. */
export function withNodes(view: ViewState, ids: readonly string[]): ViewState {
  const nodes = [...new Set([...view.nodes, ...ids])].slice(0, MAX_VIEW_IDS);
  return { ...view, nodes };
}

export function sameNodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/* ---------------------------------------------------------------- view controls */

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
  const ids = (name: string) => list(params, name).filter(validId).slice(0, MAX_VIEW_IDS);
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
