/**
 * Layouts of the explorer other than the force-directed default, as Cytoscape options. The time layout is
 * computed here: events on a horizontal axis by date, everything else above or below the events it is
 * tied to, one band per entity type. Pure, so it is unit tested.
 */
import type { GraphData } from "./types";
import { eventDate } from "./elements";
import { ENTITY_TYPES } from "../model/registry";

/** The layouts the explorer offers; the name is kept in the URL (`layout=time`). */
export const LAYOUTS = ["force", "concentric", "hierarchy", "time"] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const LAYOUT_LABELS: Record<LayoutName, string> = {
  force: "Force-directed",
  concentric: "Concentric (by connections)",
  hierarchy: "Hierarchical",
  time: "Time (events by date)",
};

const AXIS_WIDTH = 1600;
const BAND_HEIGHT = 110;

export interface Point {
  x: number;
  y: number;
}

/** x by date (day resolution) across AXIS_WIDTH; other nodes at the mean x of their events, a band per type. */
export function timeLayoutPositions(graph: GraphData): Map<string, Point> {
  const positions = new Map<string, Point>();
  const dated = graph.nodes.flatMap((node) => {
    const date = eventDate(node);
    return date ? [{ id: node.id, time: Date.parse(date) }] : [];
  });
  const times = dated.map((item) => item.time);
  const first = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - first);
  dated.forEach((item, index) => {
    // Events on the same day alternate just above and below the axis, so they do not sit on each other.
    const x = dated.length === 1 ? AXIS_WIDTH / 2 : ((item.time - first) / span) * AXIS_WIDTH;
    positions.set(item.id, { x, y: (index % 2 === 0 ? -1 : 1) * 24 });
  });

  const neighbours = new Map<string, string[]>();
  for (const edge of graph.edges) {
    neighbours.set(edge.source, [...(neighbours.get(edge.source) ?? []), edge.target]);
    neighbours.set(edge.target, [...(neighbours.get(edge.target) ?? []), edge.source]);
  }
  const bandOf = (type: string) => {
    const index = ENTITY_TYPES.filter((item) => item !== "Event").findIndex((item) => item === type);
    // Bands alternate above and below the axis: 1st above, 2nd below, 3rd further above...
    return (index % 2 === 0 ? -1 : 1) * (Math.floor(index / 2) + 1) * BAND_HEIGHT;
  };
  const slots = new Map<string, number>();
  for (const node of graph.nodes) {
    if (positions.has(node.id)) continue;
    const xs = (neighbours.get(node.id) ?? []).flatMap((other) => {
      const point = positions.get(other);
      return point && dated.some((item) => item.id === other) ? [point.x] : [];
    });
    const band = bandOf(node.type);
    // Entities tied to no event line up at the left of their band, one after another.
    const slot = slots.get(node.type) ?? 0;
    const x = xs.length > 0 ? xs.reduce((sum, value) => sum + value, 0) / xs.length : -200 - slot * 140;
    if (xs.length === 0) slots.set(node.type, slot + 1);
    positions.set(node.id, { x, y: band });
  }
  return positions;
}

/** Cytoscape layout options for a layout name (force-directed is handled by the canvas itself). */
export function layoutOptions(name: Exclude<LayoutName, "force">, graph: GraphData): Record<string, unknown> {
  switch (name) {
    case "concentric":
      return { name: "concentric", concentric: (node: { degree: () => number }) => node.degree(), levelWidth: () => 2, minNodeSpacing: 40, animate: true, fit: true, padding: 40 };
    case "hierarchy":
      return { name: "breadthfirst", directed: true, spacingFactor: 1.2, animate: true, fit: true, padding: 40 };
    case "time": {
      const positions = timeLayoutPositions(graph);
      return { name: "preset", positions: (node: { id: () => string }) => positions.get(node.id()) ?? { x: 0, y: 0 }, animate: true, fit: true, padding: 40 };
    }
  }
}
