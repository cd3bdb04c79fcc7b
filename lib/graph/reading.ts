/**
 * Reading a dense graph: what a node's size, colour and label say, which labels show at a zoom level,
 * and "find in graph". Pure functions of the view's GraphData and the registry, so every scale is unit
 * tested; the canvas only applies them as element data.
 */
import { stripBidiControls } from "../text/bidi";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS, type EntityType, type FieldSpec } from "../model/registry";
import type { GraphData, GraphNode } from "./types";

/** A registry field of one entity type, as a choice of the toolbar: `Legislator.party`. */
export interface TypedField {
  key: string;
  type: EntityType;
  field: FieldSpec;
  label: string;
}

function typedFields(kinds: readonly FieldSpec["kind"][]): TypedField[] {
  return ENTITY_TYPES.flatMap((type) =>
    ENTITY_TYPE_SPECS[type].fields
      .filter((field) => kinds.includes(field.kind))
      .map((field) => ({ key: `${type}.${field.name}`, type, field, label: `${ENTITY_TYPE_SPECS[type].label}: ${field.label}` })),
  );
}

/** Numeric fields a node's size can follow (kinds number and integer). */
export const SIZE_FIELDS: readonly TypedField[] = typedFields(["number", "integer"]);
/** Fields with a few distinct values a node's colour can follow (party, chamber, enacted...). */
export const COLOR_FIELDS: readonly TypedField[] = typedFields(["text", "choice", "boolean"]).filter((item) => item.field.name !== "website");

/** `degree`, `uniform`, or a SIZE_FIELDS key. */
export type SizeMode = string;
/** `type`, `community`, or a COLOR_FIELDS key. */
export type ColorMode = string;

export const NODE_SIZE = { min: 22, max: 80, uniform: 34 } as const;

/** Each node's number of drawn edges (parallel edges count: they are drawn). */
export function degrees(graph: GraphData): Map<string, number> {
  const result = new Map(graph.nodes.map((node) => [node.id, 0]));
  for (const edge of graph.edges) {
    if (!result.has(edge.source) || !result.has(edge.target)) continue;
    result.set(edge.source, (result.get(edge.source) ?? 0) + 1);
    result.set(edge.target, (result.get(edge.target) ?? 0) + 1);
  }
  return result;
}

/**
 * Node diameters. By degree or a numeric field, on a square-root scale over the view's own range (the
 * area grows with the value, so a hub of 500 is not 500 times a leaf's width); nodes without a value of
 * the chosen field keep the uniform size.
 */
export function nodeSizes(graph: GraphData, mode: SizeMode): Map<string, number> {
  const values = new Map<string, number>();
  if (mode === "degree") {
    for (const [id, degree] of degrees(graph)) values.set(id, degree);
  } else {
    const chosen = SIZE_FIELDS.find((item) => item.key === mode);
    for (const node of graph.nodes) {
      const value = chosen && node.type === chosen.type ? node.properties[chosen.field.name] : undefined;
      if (typeof value === "number" && Number.isFinite(value)) values.set(node.id, value);
    }
  }
  const roots = [...values.values()].map((value) => Math.sqrt(Math.max(0, value)));
  const low = Math.min(...roots);
  const span = Math.max(...roots) - low;
  return new Map(
    graph.nodes.map((node) => {
      const value = values.get(node.id);
      if (value === undefined) return [node.id, NODE_SIZE.uniform];
      if (!(span > 0)) return [node.id, (NODE_SIZE.min + NODE_SIZE.max) / 2];
      return [node.id, NODE_SIZE.min + ((Math.sqrt(Math.max(0, value)) - low) / span) * (NODE_SIZE.max - NODE_SIZE.min)];
    }),
  );
}

/**
 * A categorical palette (Tableau 10 order, without the type colours' grey) for communities and field
 * values; the known party codes keep the colours readers expect.
 */
export const CATEGORY_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6"];
const PARTY_COLORS: Record<string, string> = { Democrat: "#2563eb", Democratic: "#2563eb", D: "#2563eb", Republican: "#dc2626", R: "#dc2626", Independent: "#7c3aed", I: "#7c3aed" };
/** Nodes the chosen colouring says nothing about (another type, no value). */
export const NO_VALUE_COLOR = "#d1d5db";
/** Past this many values, the rest share one colour ("other"): a legend of 40 colours reads as none. */
const MAX_CATEGORIES = CATEGORY_COLORS.length;

export interface LegendEntry {
  label: string;
  color: string;
  count: number;
}

export interface Colouring {
  colors: Map<string, string>;
  /** Null for colour by type: the type legend says it. */
  legend: LegendEntry[] | null;
}

function valueText(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** Categories by count, most common first; past the palette, the rest are "other". */
function categorical(values: Map<string, string>, fixed: Record<string, string> = {}): { colorOf: Map<string, string>; legend: LegendEntry[] } {
  const counts = new Map<string, number>();
  for (const value of values.values()) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const colorOf = new Map<string, string>();
  const legend: LegendEntry[] = [];
  let next = 0;
  let other = 0;
  for (const [value, count] of ordered) {
    if (legend.length < MAX_CATEGORIES) {
      const color = fixed[value] ?? CATEGORY_COLORS[next++ % CATEGORY_COLORS.length]!;
      colorOf.set(value, color);
      legend.push({ label: value, color, count });
    } else {
      colorOf.set(value, NO_VALUE_COLOR);
      other += count;
    }
  }
  if (other > 0) legend.push({ label: "other", color: NO_VALUE_COLOR, count: other });
  return { colorOf, legend };
}

/** Node colours: the type's (the default), the community's, or a field's value with its legend. */
export function nodeColours(graph: GraphData, mode: ColorMode, communities?: ReadonlyMap<string, number>): Colouring {
  if (mode === "community" && communities) {
    const values = new Map(graph.nodes.map((node) => [node.id, `Community ${(communities.get(node.id) ?? 0) + 1}`]));
    const { colorOf, legend } = categorical(values);
    return { colors: new Map(graph.nodes.map((node) => [node.id, colorOf.get(values.get(node.id)!) ?? NO_VALUE_COLOR])), legend };
  }
  const chosen = COLOR_FIELDS.find((item) => item.key === mode);
  if (!chosen) return { colors: new Map(graph.nodes.map((node) => [node.id, ENTITY_TYPE_SPECS[node.type].color])), legend: null };
  const values = new Map<string, string>();
  for (const node of graph.nodes) {
    const text = node.type === chosen.type ? valueText(node.properties[chosen.field.name]) : null;
    if (text !== null) values.set(node.id, text);
  }
  const { colorOf, legend } = categorical(values, chosen.field.name === "party" ? PARTY_COLORS : {});
  const missing = graph.nodes.length - values.size;
  if (missing > 0) legend.push({ label: "no value", color: NO_VALUE_COLOR, count: missing });
  return { colors: new Map(graph.nodes.map((node) => [node.id, colorOf.get(values.get(node.id) ?? "") ?? NO_VALUE_COLOR])), legend };
}

/** Past this length a name is shortened on the canvas; the details panel shows it whole. */
export const SHORT_LABEL_LENGTH = 32;

/**
 * The name drawn on a node: short. A bill is named by its number ("H.R. 969"); when a bill's name is
 * still its long title (an old import), the number among its aliases is used. Other long names are cut
 * at a word boundary with an ellipsis.
 */
export function shortName(node: GraphNode): string {
  const name = stripBidiControls(node.name).trim();
  if (name.length <= SHORT_LABEL_LENGTH) return name;
  if (node.type === "Bill") {
    const aliases = Array.isArray(node.properties.aliases) ? node.properties.aliases : [];
    const number = aliases.find((alias): alias is string => typeof alias === "string" && /^(H|S)\.?\s?[A-Z.]*\s?\d+$/i.test(alias.trim()));
    if (number) return number.trim();
  }
  const cut = name.slice(0, SHORT_LABEL_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > SHORT_LABEL_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Below this many nodes every label is drawn at any zoom. */
export const ALL_LABELS_BELOW = 150;

/**
 * How many of the most connected nodes are labelled at a zoom level: all of a small view; of a big one,
 * about 60 at zoom 1, growing with the area shown in detail (the square of the zoom).
 */
export function labelBudget(nodeCount: number, zoom: number): number {
  if (nodeCount < ALL_LABELS_BELOW) return nodeCount;
  return Math.min(nodeCount, Math.max(20, Math.round(60 * zoom * zoom)));
}

/** Node ids by importance: degree, most connected first, then by name (stable across renders). */
export function byImportance(graph: GraphData): string[] {
  const degree = degrees(graph);
  return [...graph.nodes]
    .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((node) => node.id);
}

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * "Find in graph": the drawn nodes whose name (or an alias) contains the text, ignoring case and
 * accents, most connected first; empty text finds nothing.
 */
export function findInGraph(graph: GraphData, text: string, drawn?: ReadonlySet<string>): string[] {
  const wanted = folded(text.trim());
  if (!wanted) return [];
  const aliasesOf = (node: GraphNode) => (Array.isArray(node.properties.aliases) ? node.properties.aliases.filter((item): item is string => typeof item === "string") : []);
  const hits = new Set(
    graph.nodes
      .filter((node) => (!drawn || drawn.has(node.id)) && [node.name, ...aliasesOf(node)].some((name) => folded(name).includes(wanted)))
      .map((node) => node.id),
  );
  return byImportance(graph).filter((id) => hits.has(id));
}
