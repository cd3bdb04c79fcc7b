/**
 * GraphData -> Cytoscape element definitions. Pure and renderer-free: the canvas only draws what this
 * returns. Labels are plain text; Cytoscape paints them on a canvas, never as HTML. A canvas cannot
 * isolate text, so labels carry no bidi control characters (a right-to-left override in a name would
 * otherwise reverse the date drawn under it): lib/text/bidi.ts.
 */
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS } from "../model/registry";
import { formatDate } from "../format/values";
import { stripBidiControls } from "../text/bidi";
import { shortName } from "./reading";
import type { GraphData, GraphEdge, GraphNode } from "./types";

export interface NodeElementData {
  id: string;
  label: string;
  /** What the canvas draws: the label with a long name shortened (a bill by its number); `label` stays whole. */
  short: string;
  type: string;
  color: string;
  shape: string;
}

export interface EdgeElementData {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
  /** How many reports support this relationship. */
  sourceCount: number;
  /** The drawn line width: by sources, or by amount when the view asks (edgeWidths). */
  width: number;
}

export interface ElementDefinitions {
  /** `position` only where the picture is fixed (a snapshot); `classes` mark compare results. */
  nodes: { data: NodeElementData; position?: { x: number; y: number }; classes?: string }[];
  edges: { data: EdgeElementData; classes?: string }[];
}

/** An event's date as YYYY-MM-DD, or null for entities that are not dated events. */
export function eventDate(node: GraphNode): string | null {
  const date = node.type === "Event" ? node.properties.date : null;
  return typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

/** "2018-02-01" with precision "month" -> "Feb 2018": the short form, for labels and the timeline. */
export function formatEventDate(date: unknown, precision: unknown): string | null {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  return formatDate(date, precision === "month" || precision === "year" ? precision : "day", "short");
}

export function nodeLabel(node: GraphNode, name = stripBidiControls(node.name)): string {
  if (node.type !== "Event") return name;
  const when = formatEventDate(node.properties.date, node.properties.datePrecision);
  return when ? `${name}\n${when}` : name;
}

export function edgeLabel(edge: GraphEdge): string {
  return RELATIONSHIP_TYPE_SPECS[edge.type].verb;
}

/** What an edge's width says: how many reports support it (the default), or how much money it moved. */
export const EDGE_WIDTH_MODES = ["sources", "amount"] as const;
export type EdgeWidthMode = (typeof EDGE_WIDTH_MODES)[number];

/** 1.5 px for one source up to 5 px for four or more. */
export function sourcesWidth(sourceCount: number): number {
  const count = Math.min(4, Math.max(1, sourceCount));
  return 1.5 + ((count - 1) / 3) * 3.5;
}

const AMOUNT_WIDTH = { min: 1.5, max: 12, none: 1 } as const;

/** An edge's amount: its type's money field (PAID.amount), when it holds a positive number. */
function amountOf(edge: GraphEdge): number | null {
  const field = RELATIONSHIP_TYPE_SPECS[edge.type].fields.find((spec) => spec.kind === "number" && spec.currencyField);
  const value = field ? edge.properties[field.name] : undefined;
  return typeof value === "number" && value > 0 ? value : null;
}

/**
 * Line widths by amount, on a log scale over the view's own amounts: amounts span orders of magnitude
 * (€500 to €1,000,000), and a linear scale would draw all but the largest as hairlines. The smallest
 * amount in view is 1.5 px, the largest 12 px; links that moved no money are 1 px, so money stands out.
 */
export function amountWidths(edges: readonly GraphEdge[]): Map<string, number> {
  const logs = new Map<string, number>();
  for (const edge of edges) {
    const amount = amountOf(edge);
    if (amount !== null) logs.set(edge.id, Math.log10(amount));
  }
  const values = [...logs.values()];
  const low = Math.min(...values);
  const span = Math.max(...values) - low;
  const widths = new Map<string, number>();
  for (const edge of edges) {
    const log = logs.get(edge.id);
    if (log === undefined) widths.set(edge.id, AMOUNT_WIDTH.none);
    else if (span === 0) widths.set(edge.id, (AMOUNT_WIDTH.min + AMOUNT_WIDTH.max) / 2);
    else widths.set(edge.id, AMOUNT_WIDTH.min + ((log - low) / span) * (AMOUNT_WIDTH.max - AMOUNT_WIDTH.min));
  }
  return widths;
}

export function toElements(graph: GraphData, options: { edgeWidth?: EdgeWidthMode } = {}): ElementDefinitions {
  const present = new Set(graph.nodes.map((node) => node.id));
  const byAmount = options.edgeWidth === "amount" ? amountWidths(graph.edges) : null;
  return {
    nodes: graph.nodes.map((node) => {
      const spec = ENTITY_TYPE_SPECS[node.type];
      return { data: { id: node.id, label: nodeLabel(node), short: nodeLabel(node, shortName(node)), type: node.type, color: spec.color, shape: spec.shape } };
    }),
    // An edge whose end is not in view would make Cytoscape throw; such edges are simply not drawn.
    edges: graph.edges
      .filter((edge) => present.has(edge.source) && present.has(edge.target))
      .map((edge) => ({
        data: {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          type: edge.type,
          label: edgeLabel(edge),
          sourceCount: Math.max(1, edge.sources.length),
          width: byAmount?.get(edge.id) ?? sourcesWidth(edge.sources.length),
        },
      })),
  };
}
