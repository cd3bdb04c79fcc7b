/**
 * The rows of a saved query -> a table of plain cells and the graph drawn from them. Pure, so it is tested
 * with driver values built by hand; lib/queries/execute.ts fetches what the rows lack (relationship
 * endpoints, cited reports) and hands it in.
 *
 * Only Entities and relationships of registry types reach the output, under our own ids. Any other node
 * (internal records such as :SavedQuery) is redacted to an empty shell, and relationships of unknown types
 * keep only their type: the analyst's Cypher can reach the whole database, the answer must not.
 * Neo4j elementIds are used to join things up here and never leave this module.
 */
import neo4j, { type Node, type Path, type Relationship } from "neo4j-driver";
import { propertiesFromNeo4j, toPlain } from "../db/values";
import { type JsonValue } from "../json";
import { toGraphEdge, toGraphNode, type RawNode } from "../explore/from-records";
import type { GraphData, GraphEdge, GraphNode } from "../graph/types";
import { isRelationshipType } from "../model/registry";

export type NodeCell = {
  kind: "node";
  id: string | null;
  type: string | null;
  name: string | null;
  properties: Record<string, JsonValue>;
};
export type RelationshipCell = {
  kind: "relationship";
  id: string | null;
  type: string;
  source: string | null;
  target: string | null;
  properties: Record<string, JsonValue>;
};
export type PathCell = { kind: "path"; nodes: string[]; relationships: string[] };
/**
 * A value whose type JSON cannot carry, tagged so the table can show it as what it is; `value` is the raw
 * text a CSV keeps. Strings, numbers and booleans stay plain JSON. A date is `YYYY-MM-DD` (Neo4j keeps no
 * precision in the value: `r.date` of a payment known to the year reads as its first day), a datetime
 * ISO-8601 with its offset, a localdatetime without a zone, and an integer past 2^53 its digits.
 */
export type TypedValueCell = { kind: "date" | "datetime" | "localdatetime" | "integer"; value: string };
/** Nested nodes, relationships, paths and typed values (in lists and maps) take the same shapes as the cells above. */
export type TableCell = JsonValue | NodeCell | RelationshipCell | PathCell | TypedValueCell;

/** What the rows lack, for execute.ts to fetch in the same transaction. */
export interface MissingParts {
  /** elementIds of endpoints of registry relationships that the rows do not hold as nodes. */
  endpointElementIds: string[];
  /** Report ids cited by the registry relationships in the rows. */
  reportIds: string[];
}

export interface ResultExtras {
  /** Endpoint nodes fetched by elementId (only Entities are fetched). */
  endpoints: ReadonlyMap<string, RawNode>;
  /** Cited reports as {id, name, publisher, url, publishedAt}. */
  reports: readonly Record<string, unknown>[];
}

export interface ConvertedResult {
  rows: TableCell[][];
  graph: GraphData;
  graphTruncated: boolean;
}

const REDACTED_NODE: NodeCell = Object.freeze({ kind: "node", id: null, type: null, name: null, properties: {} }) as NodeCell;

function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Calls `visit` on every node, relationship and path in a value, however deeply nested. */
function walk(value: unknown, visit: (item: Node | Relationship | Path) => void): void {
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) visit(value);
  else if (neo4j.isPath(value)) {
    visit(value);
    visit(value.start);
    for (const segment of value.segments) {
      visit(segment.relationship);
      visit(segment.end);
    }
  } else if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (isPlainMap(value)) for (const item of Object.values(value)) walk(item, visit);
}

function rawNode(node: Node): RawNode {
  return { labels: node.labels, properties: node.properties as Record<string, unknown> };
}

/** A registry relationship with our own id: the only kind that is shown. */
function isShownRelationship(relationship: Relationship): boolean {
  return isRelationshipType(relationship.type) && typeof relationship.properties.id === "string";
}

function citedSources(relationship: Relationship): string[] {
  const sources: unknown = relationship.properties.sources;
  return Array.isArray(sources) ? sources.filter((id): id is string => typeof id === "string") : [];
}

/** Endpoints and reports the rows refer to but do not hold. */
export function findMissingParts(rows: readonly (readonly unknown[])[]): MissingParts {
  const nodes = new Set<string>();
  const endpoints = new Set<string>();
  const reports = new Set<string>();
  for (const row of rows) {
    walk(row, (item) => {
      if (neo4j.isNode(item)) nodes.add(item.elementId);
      else if (neo4j.isRelationship(item) && isShownRelationship(item)) {
        endpoints.add(item.startNodeElementId);
        endpoints.add(item.endNodeElementId);
        for (const id of citedSources(item)) reports.add(id);
      }
    });
  }
  return { endpointElementIds: [...endpoints].filter((id) => !nodes.has(id)), reportIds: [...reports] };
}

/**
 * Builds the table and the graph. The graph holds Entities and registry relationships in the order the
 * rows mention them, de-duplicated by our ids, each edge with both its endpoints, and stops at
 * `maxGraphElements` nodes plus edges (graphTruncated says so). The table is never cut here: the row cap
 * is applied while reading.
 */
export function convertRows(
  rows: readonly (readonly unknown[])[],
  extras: ResultExtras,
  maxGraphElements: number,
): ConvertedResult {
  // Every node the rows or the fetched endpoints hold, by elementId, to name relationship endpoints.
  const nodesByElementId = new Map<string, GraphNode | null>();
  for (const [elementId, raw] of extras.endpoints) nodesByElementId.set(elementId, toGraphNode(raw));
  for (const row of rows) {
    walk(row, (item) => {
      if (neo4j.isNode(item) && !nodesByElementId.has(item.elementId)) {
        nodesByElementId.set(item.elementId, toGraphNode(rawNode(item)));
      }
    });
  }
  const ourId = (elementId: string) => nodesByElementId.get(elementId)?.id ?? null;

  const graphNodes = new Map<string, GraphNode>();
  const graphEdges = new Map<string, GraphEdge>();
  let graphTruncated = false;
  const room = (needed: number) => graphNodes.size + graphEdges.size + needed <= maxGraphElements;

  const addNode = (node: GraphNode | null): boolean => {
    if (!node) return false;
    if (graphNodes.has(node.id)) return true;
    if (!room(1)) {
      graphTruncated = true;
      return false;
    }
    graphNodes.set(node.id, node);
    return true;
  };

  const addEdge = (relationship: Relationship) => {
    if (!isShownRelationship(relationship) || graphEdges.has(String(relationship.properties.id))) return;
    const start = nodesByElementId.get(relationship.startNodeElementId) ?? null;
    const end = nodesByElementId.get(relationship.endNodeElementId) ?? null;
    // An edge to something that is not an Entity cannot be drawn: it stays in the table only.
    if (!start || !end) return;
    const needed = (graphNodes.has(start.id) ? 0 : 1) + (graphNodes.has(end.id) ? 0 : 1) + 1;
    if (!room(needed)) {
      graphTruncated = true;
      return;
    }
    const cited = new Set(citedSources(relationship));
    const edge = toGraphEdge({
      id: relationship.properties.id,
      type: relationship.type,
      source: start.id,
      target: end.id,
      properties: relationship.properties as Record<string, unknown>,
      sources: extras.reports.filter((report) => cited.has(String(report.id))),
    });
    if (!edge) return;
    addNode(start);
    addNode(end);
    graphEdges.set(edge.id, edge);
  };

  const toCell = (value: unknown): TableCell => {
    if (neo4j.isNode(value)) {
      const node = nodesByElementId.get(value.elementId) ?? null;
      if (!node) return REDACTED_NODE;
      addNode(node);
      return { kind: "node", id: node.id, type: node.type, name: node.name, properties: node.properties };
    }
    if (neo4j.isRelationship(value)) {
      if (!isShownRelationship(value)) {
        return { kind: "relationship", id: null, type: value.type, source: null, target: null, properties: {} };
      }
      addEdge(value);
      const { id, ...properties } = value.properties as Record<string, unknown>;
      return {
        kind: "relationship",
        id: String(id),
        type: value.type,
        source: ourId(value.startNodeElementId),
        target: ourId(value.endNodeElementId),
        // Typed as the registry says: a payment's date known to the year reads "2011", as in the graph.
        properties: isRelationshipType(value.type) ? propertiesFromNeo4j(value.type, properties) : {},
      };
    }
    if (neo4j.isPath(value)) {
      const nodes: string[] = [];
      const relationships: string[] = [];
      // A path is read as a walk: each node and step in order, so the graph follows the path.
      const start = toCell(value.start);
      if (isCellOf(start, "node") && start.id) nodes.push(start.id);
      for (const segment of value.segments) {
        const step = toCell(segment.relationship);
        if (isCellOf(step, "relationship") && step.id) relationships.push(step.id);
        const end = toCell(segment.end);
        if (isCellOf(end, "node") && end.id) nodes.push(end.id);
      }
      return { kind: "path", nodes, relationships };
    }
    // Nested cells are JSON objects themselves; the UI recognises them by `kind`.
    if (Array.isArray(value)) return value.map(toCell) as JsonValue;
    if (isPlainMap(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toCell(item)])) as JsonValue;
    }
    return typedValueCell(value) ?? toPlain(value);
  };

  const table = rows.map((row) => row.map(toCell));
  return { rows: table, graph: { nodes: [...graphNodes.values()], edges: [...graphEdges.values()] }, graphTruncated };
}

/** A temporal value or an oversized integer as a tagged cell; null for what plain JSON already says. */
export function typedValueCell(value: unknown): TypedValueCell | null {
  const text = () => String(toPlain(value));
  if (neo4j.isDate(value)) return { kind: "date", value: text() };
  if (neo4j.isDateTime(value)) return { kind: "datetime", value: text() };
  if (neo4j.isLocalDateTime(value)) return { kind: "localdatetime", value: text() };
  if (neo4j.isInt(value) && !neo4j.integer.inSafeRange(value)) return { kind: "integer", value: value.toString() };
  if (typeof value === "bigint" && !Number.isSafeInteger(Number(value))) return { kind: "integer", value: value.toString() };
  return null;
}

function isCellOf<Kind extends "node" | "relationship">(
  cell: TableCell,
  kind: Kind,
): cell is Extract<NodeCell | RelationshipCell, { kind: Kind }> {
  return typeof cell === "object" && cell !== null && !Array.isArray(cell) && cell.kind === kind;
}
