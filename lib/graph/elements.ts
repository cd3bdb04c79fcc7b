/**
 * GraphData -> Cytoscape element definitions. Pure and renderer-free: the canvas only draws what this
 * returns. Labels are plain text; Cytoscape paints them on a canvas, never as HTML. A canvas cannot
 * isolate text, so labels carry no bidi control characters (a right-to-left override in a name would
 * otherwise reverse the date drawn under it): lib/text/bidi.ts.
 */
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS } from "../model/registry";
import { stripBidiControls } from "../text/bidi";
import type { GraphData, GraphEdge, GraphNode } from "./types";

export interface NodeElementData {
  id: string;
  label: string;
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
  /** How many reports support this relationship: drawn as line width. */
  sourceCount: number;
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

/** "2018-02-01" with precision "month" -> "Feb 2018"; used in labels, panels and (later) the timeline. */
export function formatEventDate(date: unknown, precision: unknown): string | null {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [year, month, day] = date.split("-").map(Number);
  const moment = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (precision === "year") return String(year);
  const options: Intl.DateTimeFormatOptions =
    precision === "month"
      ? { month: "short", year: "numeric", timeZone: "UTC" }
      : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat("en-GB", options).format(moment);
}

export function nodeLabel(node: GraphNode): string {
  const name = stripBidiControls(node.name);
  if (node.type !== "Event") return name;
  const when = formatEventDate(node.properties.date, node.properties.datePrecision);
  return when ? `${name}\n${when}` : name;
}

export function edgeLabel(edge: GraphEdge): string {
  return RELATIONSHIP_TYPE_SPECS[edge.type].verb;
}

export function toElements(graph: GraphData): ElementDefinitions {
  const present = new Set(graph.nodes.map((node) => node.id));
  return {
    nodes: graph.nodes.map((node) => {
      const spec = ENTITY_TYPE_SPECS[node.type];
      return { data: { id: node.id, label: nodeLabel(node), type: node.type, color: spec.color, shape: spec.shape } };
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
        },
      })),
  };
}
