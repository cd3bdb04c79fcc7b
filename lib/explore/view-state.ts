/**
 * The explorer's state as it is written in the URL, the one place that reads and writes it:
 * `/?nodes=a,b,c&selected=a&hide=...&hideTypes=Region&from=2018-01-01&layout=time&width=amount`.
 * The URL is the source of truth: reload, back/forward and shared links restore the same view, and
 * undo/redo is a walk through earlier URLs. Two parts: what is shown (the node list and the selection)
 * and the view controls (hidden and pinned nodes, hidden entity and relationship types, a date range for
 * events, the layout). Ids that are not valid entity ids and unknown values are dropped rather than
 * breaking the page. Pure: parsing, writing, and what the controls leave visible.
 */
import { MAX_LARGE_VIEW_IDS, MAX_VIEW_IDS } from "../api-schemas";
import { eventDate, type EdgeWidthMode } from "../graph/elements";
import { LAYOUTS, type LayoutName } from "../graph/layouts";
import { showField } from "../graph/display";
import type { GraphData, GraphEdge, GraphNode } from "../graph/types";
import {
  ENTITY_TYPES,
  PARTIAL_DATE,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_SPECS,
  entityIdSchema,
  fieldsOf,
  isCalendarDate,
  precisionOf,
  type DatePrecision,
  type EntityType,
  type RelationshipType,
} from "../model/registry";

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

/** `maxIds`: the URL's cap, or a workspace's when its undo history (query strings too) is read back. */
export function parseViewState(params: { get(name: string): string | null }, maxIds = MAX_VIEW_IDS): ViewState {
  const nodes = [...new Set((params.get("nodes") ?? "").split(",").filter(validId))].slice(0, maxIds);
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

/**
 * Adds ids to a view, keeping the order in which they first appeared and the cap of a workspace: a view
 * past the URL's cap moves to a workspace (components/workspaces/), so only the bigger cap applies here.
 */
export function withNodes(view: ViewState, ids: readonly string[]): ViewState {
  const nodes = [...new Set([...view.nodes, ...ids])].slice(0, MAX_LARGE_VIEW_IDS);
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
  /** Data sets whose records are not drawn (NO_DATASET: records no import wrote, made by hand). */
  hiddenDatasets: string[];
  /** Events dated outside [from, to] are hidden, with the links that only exist through them. */
  from: string | null;
  to: string | null;
  layout: LayoutName;
  /** Line widths by number of sources (the default) or, on request, payments by amount. */
  edgeWidth: EdgeWidthMode;
}

export const DEFAULT_CONTROLS: ViewControls = {
  hidden: [],
  pinned: [],
  hiddenTypes: [],
  hiddenRelationships: [],
  hiddenDatasets: [],
  from: null,
  to: null,
  layout: "force",
  edgeWidth: "sources",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Stands for "no data set" (made by hand) in the data-set filter: never a data-set id, which starts with a letter or digit. */
export const NO_DATASET = "-";

/** The data sets a record's `datasets` property lists; none for one made by hand. */
export function datasetsOf(properties: Readonly<Record<string, unknown>>): string[] {
  const value = properties.datasets;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A record is hidden by the data-set filter when every data set it comes from is hidden. */
function hiddenByDataset(properties: Readonly<Record<string, unknown>>, hidden: ReadonlySet<string>): boolean {
  if (hidden.size === 0) return false;
  const datasets = datasetsOf(properties);
  return datasets.length === 0 ? hidden.has(NO_DATASET) : datasets.every((dataset) => hidden.has(dataset));
}

/** How many nodes of the view each data set supplies (NO_DATASET: made by hand), for the filter's counts. */
export function countDatasets(nodes: readonly { properties: Readonly<Record<string, unknown>> }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of nodes) {
    const datasets = datasetsOf(node.properties);
    for (const dataset of datasets.length === 0 ? [NO_DATASET] : datasets) counts[dataset] = (counts[dataset] ?? 0) + 1;
  }
  return counts;
}

function list(params: { get(name: string): string | null }, name: string): string[] {
  return [...new Set((params.get(name) ?? "").split(",").filter(Boolean))];
}

/** Unknown values are dropped rather than breaking the page: a hand-edited link still opens. */
export function parseControls(params: { get(name: string): string | null }, maxIds = MAX_VIEW_IDS): ViewControls {
  const ids = (name: string) => list(params, name).filter(validId).slice(0, maxIds);
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
    hiddenDatasets: list(params, "hideDatasets").filter((id) => id === NO_DATASET || validId(id)).slice(0, 100),
    from: date("from"),
    to: date("to"),
    layout: (LAYOUTS as readonly string[]).includes(layout ?? "") ? (layout as LayoutName) : "force",
    edgeWidth: params.get("width") === "amount" ? "amount" : "sources",
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
  set("hideDatasets", controls.hiddenDatasets);
  if (controls.from) params.set("from", controls.from);
  if (controls.to) params.set("to", controls.to);
  if (controls.layout !== "force") params.set("layout", controls.layout);
  if (controls.edgeWidth !== "sources") params.set("width", controls.edgeWidth);
}

export interface Visibility {
  hiddenNodes: Set<string>;
  hiddenEdges: Set<string>;
}

/**
 * What the controls hide. A node is hidden by hand, by its type, by its data sets (all of them hidden), or
 * (an event) by the date range; a
 * relationship by its type, with either end, or (a dated one: a payment, an ownership from a date) by the
 * date range. Undated entities and relationships are never hidden by the date range. A date known only to
 * its month or year covers the whole month or year, so "2011" stays in a range that starts in June 2011.
 */
export function visibility(graph: GraphData, controls: ViewControls): Visibility {
  const hiddenTypes = new Set<string>(controls.hiddenTypes);
  const hiddenRelationships = new Set<string>(controls.hiddenRelationships);
  const byHand = new Set(controls.hidden);
  const hiddenDatasets = new Set(controls.hiddenDatasets);
  const outOfRange = (period: DatePeriod | null) =>
    period !== null && ((controls.from !== null && period.until < controls.from) || (controls.to !== null && period.date > controls.to));
  const hiddenNodes = new Set<string>();
  for (const node of graph.nodes) {
    if (byHand.has(node.id) || hiddenTypes.has(node.type) || hiddenByDataset(node.properties, hiddenDatasets) || outOfRange(eventPeriod(node))) {
      hiddenNodes.add(node.id);
    }
  }
  const hiddenEdges = new Set<string>();
  for (const edge of graph.edges) {
    const hiddenEnd = hiddenNodes.has(edge.source) || hiddenNodes.has(edge.target);
    if (hiddenRelationships.has(edge.type) || hiddenEnd || hiddenByDataset(edge.properties, hiddenDatasets) || outOfRange(relationshipPeriod(edge))) {
      hiddenEdges.add(edge.id);
    }
  }
  return { hiddenNodes, hiddenEdges };
}

export function countBy<T extends string>(items: readonly { type: T }[]): Partial<Record<T, number>> {
  const counts: Partial<Record<T, number>> = {};
  for (const item of items) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

/** The days a date covers: its first and its last (a payment known to the year covers the whole year). */
export interface DatePeriod {
  /** YYYY-MM-DD: where it sits on the timeline. */
  date: string;
  until: string;
  precision: DatePrecision;
}

/** "2011" -> 2011-01-01 to 2011-12-31; "2011-03" -> March; "2011-03-29", or precision "day" -> that day. */
export function datePeriod(text: string, precision?: unknown): DatePeriod | null {
  const match = PARTIAL_DATE.exec(text);
  if (!match || !isCalendarDate(text)) return null;
  const [, year, month = "01", day = "01"] = match;
  const known: DatePrecision = precision === "month" || precision === "year" || precision === "day" ? precision : precisionOf(text);
  const date = `${year}-${month}-${day}`;
  if (known === "day") return { date, until: date, precision: known };
  const end = known === "year" ? new Date(Date.UTC(Number(year) + 1, 0, 0)) : new Date(Date.UTC(Number(year), Number(month), 0));
  return { date: known === "year" ? `${year}-01-01` : `${year}-${month}-01`, until: end.toISOString().slice(0, 10), precision: known };
}

function eventPeriod(node: GraphNode): DatePeriod | null {
  const date = eventDate(node);
  return date ? datePeriod(date, node.properties.datePrecision) : null;
}

/** A relationship's date on the timeline: its type's first date field (PAID.date, OWNER_OF.startDate...). */
export function relationshipPeriod(edge: GraphEdge): DatePeriod | null {
  const field = fieldsOf(edge.type).find((spec) => spec.kind === "date");
  const value = field ? edge.properties[field.name] : undefined;
  return typeof value === "string" ? datePeriod(value) : null;
}

export interface TimelineItem extends DatePeriod {
  /** The entity's or the relationship's id: selecting it on the timeline selects it in the graph. */
  id: string;
  kind: "event" | "relationship";
  /** What it is called: the event's name, or "A paid B €5,000.00". Names are user text (isolate when joining). */
  name: string;
  /** For a relationship: its ends' names, its verb, and its amounts, to be isolated one by one. */
  parts?: { from: string; verb: string; to: string; details: string[] };
}

/**
 * The dated events and dated relationships of a graph, oldest first (ties by name), for the timeline:
 * a payment appears next to the events of its day.
 */
export function timelineItems(graph: GraphData): TimelineItem[] {
  const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
  const events = graph.nodes.flatMap((node): TimelineItem[] => {
    const period = eventPeriod(node);
    return period ? [{ ...period, id: node.id, kind: "event", name: node.name }] : [];
  });
  const links = graph.edges.flatMap((edge): TimelineItem[] => {
    const period = relationshipPeriod(edge);
    if (!period || !names.has(edge.source) || !names.has(edge.target)) return [];
    const spec = RELATIONSHIP_TYPE_SPECS[edge.type];
    const details = spec.fields.filter((field) => field.kind === "number" && field.currencyField).map((field) => showField(field, edge.properties[field.name], edge.properties).text).filter(Boolean);
    const parts = { from: names.get(edge.source) ?? edge.source, verb: spec.verb, to: names.get(edge.target) ?? edge.target, details };
    return [{ ...period, id: edge.id, kind: "relationship", name: [parts.from, parts.verb, parts.to, ...details].join(" "), parts }];
  });
  return [...events, ...links].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}
