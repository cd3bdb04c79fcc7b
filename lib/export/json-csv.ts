/**
 * A graph as files people take away: Redstring JSON (re-importable with graph-seed/load.ts's loadGraph)
 * and two CSV tables (nodes, edges) for spreadsheets. Pure and browser-safe: no driver, no server code,
 * so the share dialog can build the files in the page.
 *
 * One rule for all formats: an edge is exported only when both its ends are among the nodes, as in the
 * drawing; such an edge would otherwise make the JSON fail import ("unknown start entity").
 *
 * These files are data, not pictures: text goes out exactly as stored, bidi control characters included
 * (an import must give back what was exported). Only drawings neutralise them (lib/text/bidi.ts).
 */
import type { JsonValue } from "../json";
import {
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPE_SPECS,
  type EntityInput,
  type GraphInput,
  type RelationshipInput,
} from "../model/registry";
import { csvRecord } from "../format/csv";
import type { Position, PositionedGraph } from "../graph/positioned";
import type { GraphData, GraphEdge, GraphNode, SourceRef } from "../graph/types";

export const REDSTRING_JSON_FORMAT = "redstring-graph";

export interface RedstringJson {
  format: typeof REDSTRING_JSON_FORMAT;
  version: 1;
  /** ISO-8601 instant. */
  exportedAt: string;
  title?: string;
  /** Exactly graph-seed/validate.ts's input: `parseGraphInput({entities, relationships})` accepts them. */
  entities: GraphInput["entities"];
  relationships: GraphInput["relationships"];
  /** Where each node was drawn (Cytoscape model coordinates), when the graph had positions. */
  positions?: Record<string, Position>;
}

export interface RedstringJsonOptions {
  title?: string;
  /** Full Report nodes for sources cited by edges but not among the nodes; else built from the SourceRef. */
  citedReports?: GraphNode[];
  /** Fixed in tests; now by default. */
  exportedAt?: string;
}

/* ---------------------------------------------------------------- JSON */

/** A field value as the schemas take it: text. Lists, maps and nulls have no place in an entity field. */
function fieldText(value: JsonValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function textList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * GraphNode -> the entity input its type's strict schema allows: type, id, name, aliases, description and
 * the registry's fields. Bookkeeping (createdAt, updatedAt) and anything unknown are left out.
 */
export function toEntityInput(node: GraphNode): EntityInput {
  const entity: EntityInput = { type: node.type, id: node.id, name: node.name, aliases: textList(node.properties.aliases) };
  const description = fieldText(node.properties.description);
  if (description !== undefined) entity.description = description;
  for (const field of ENTITY_TYPE_SPECS[node.type].fields) {
    let value = fieldText(node.properties[field.name]);
    // A date is YYYY-MM-DD; should a date-time ever reach here, its day is what the schema takes.
    if (value !== undefined && field.kind === "date" && /^\d{4}-\d{2}-\d{2}T/.test(value)) value = value.slice(0, 10);
    if (value !== undefined) entity[field.name] = value;
  }
  return entity;
}

/** A cited report that is not among the nodes, from what the edge knows of it. */
function reportFromSource(source: SourceRef): EntityInput {
  const report: EntityInput = { type: "Report", id: source.id, name: source.name, aliases: [] };
  if (source.publisher !== null) report.publisher = source.publisher;
  if (source.url !== null) report.url = source.url;
  if (source.publishedAt !== null) report.publishedAt = source.publishedAt;
  return report;
}

/** GraphEdge -> relationship input: the type's own fields, and provenance as report ids and a quote. */
export function toRelationshipInput(edge: GraphEdge): RelationshipInput {
  const properties: Record<string, string> = {};
  for (const field of RELATIONSHIP_TYPE_SPECS[edge.type].fields) {
    const value = fieldText(edge.properties[field.name]);
    if (value !== undefined) properties[field.name] = value;
  }
  const relationship: RelationshipInput = {
    id: edge.id,
    type: edge.type,
    from: edge.source,
    to: edge.target,
    properties,
    sources: edge.sources.map((source) => source.id),
  };
  if (edge.quote !== null && edge.quote !== "") relationship.quote = edge.quote;
  return relationship;
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
}

/** The edges drawn: unique, and with both ends among the nodes. */
function drawnEdges(graph: GraphData): GraphEdge[] {
  const ids = new Set(graph.nodes.map((node) => node.id));
  return uniqueById(graph.edges).filter((edge) => ids.has(edge.source) && ids.has(edge.target));
}

function hasPosition(node: GraphNode): node is GraphNode & { position: Position } {
  const position = (node as Partial<{ position: unknown }>).position;
  if (typeof position !== "object" || position === null) return false;
  const { x, y } = position as Partial<Position>;
  return typeof x === "number" && Number.isFinite(x) && typeof y === "number" && Number.isFinite(y);
}

/**
 * The graph as a Redstring JSON file. Reports cited by an edge but missing from the nodes are added as
 * entities (every source must be a Report of the file, or the import refuses it).
 */
export function toRedstringJson(graph: PositionedGraph | GraphData, options: RedstringJsonOptions = {}): RedstringJson {
  const nodes = uniqueById<GraphNode>(graph.nodes);
  const edges = drawnEdges({ nodes, edges: graph.edges });
  const entities = nodes.map(toEntityInput);

  const included = new Set(entities.map((entity) => entity.id));
  const fullReports = new Map((options.citedReports ?? []).filter((node) => node.type === "Report").map((node) => [node.id, node]));
  for (const edge of edges) {
    for (const source of edge.sources) {
      if (included.has(source.id)) continue;
      included.add(source.id);
      const full = fullReports.get(source.id);
      entities.push(full ? toEntityInput(full) : reportFromSource(source));
    }
  }

  const positioned = nodes.filter(hasPosition);
  const json: RedstringJson = {
    format: REDSTRING_JSON_FORMAT,
    version: 1,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    ...(options.title !== undefined ? { title: options.title } : {}),
    entities,
    relationships: edges.map(toRelationshipInput),
  };
  if (positioned.length > 0) {
    json.positions = Object.fromEntries(positioned.map((node) => [node.id, { x: node.position.x, y: node.position.y }]));
  }
  return json;
}

/* ---------------------------------------------------------------- CSV */

/** Text of one property value: lists and maps as JSON, null as an empty cell. */
function cellText(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map(csvRecord).join("");
}

/** Sorted union of the property keys, without those a fixed column already holds. */
function propertyKeys(items: readonly { properties: Record<string, JsonValue> }[], fixed: readonly string[]): string[] {
  const keys = new Set(items.flatMap((item) => Object.keys(item.properties)));
  for (const column of fixed) keys.delete(column);
  return [...keys].sort();
}

const NODE_COLUMNS = ["id", "type", "name"] as const;
const EDGE_COLUMNS = ["id", "type", "source", "target", "source_name", "target_name", "sources", "quote"] as const;

/** One row per node: id, type, name, then every property key any node has (RFC 4180, formulas defused). */
export function toNodesCsv(graph: PositionedGraph | GraphData): string {
  const nodes = uniqueById<GraphNode>(graph.nodes);
  const keys = propertyKeys(nodes, NODE_COLUMNS);
  return toCsv(
    [...NODE_COLUMNS, ...keys],
    nodes.map((node) => [node.id, node.type, node.name, ...keys.map((key) => cellText(node.properties[key]))]),
  );
}

/** One row per drawn edge, with both ends' names and the cited report ids joined by "; ". */
export function toEdgesCsv(graph: PositionedGraph | GraphData): string {
  const names = new Map(uniqueById<GraphNode>(graph.nodes).map((node) => [node.id, node.name]));
  const edges = drawnEdges(graph);
  const keys = propertyKeys(edges, EDGE_COLUMNS);
  return toCsv(
    [...EDGE_COLUMNS, ...keys],
    edges.map((edge) => [
      edge.id,
      edge.type,
      edge.source,
      edge.target,
      names.get(edge.source) ?? "",
      names.get(edge.target) ?? "",
      edge.sources.map((source) => source.id).join("; "),
      edge.quote ?? "",
      ...keys.map((key) => cellText(edge.properties[key])),
    ]),
  );
}
