/**
 * Raw values read from Neo4j -> the app's GraphNode / GraphEdge. Pure, so it is tested with driver values
 * built by hand. Queries return nodes as {labels, properties} and relationships as maps with our own ids.
 */
import { propertiesFromNeo4j, toPlain } from "../db/values";
import { entityTypeOf, isRelationshipType } from "../model/registry";
import type { GraphEdge, GraphNode, SourceRef } from "../graph/types";

/** Stored for the search index or bookkeeping; not shown as properties. */
const HIDDEN_NODE_PROPERTIES = new Set(["id", "name", "aliasText"]);
const PROVENANCE_PROPERTIES = new Set(["id", "sources", "quote"]);

export interface RawNode {
  labels: string[];
  properties: Record<string, unknown>;
}

export interface RawEdge {
  id: unknown;
  type: string;
  source: unknown;
  target: unknown;
  properties: Record<string, unknown>;
  sources: Record<string, unknown>[];
}

export function toGraphNode(raw: RawNode): GraphNode | null {
  const type = entityTypeOf(raw.labels);
  const id = raw.properties.id;
  if (!type || typeof id !== "string") return null;
  const properties = propertiesFromNeo4j(
    type,
    Object.fromEntries(Object.entries(raw.properties).filter(([key]) => !HIDDEN_NODE_PROPERTIES.has(key))),
  );
  const name = raw.properties.name;
  return { id, type, name: typeof name === "string" ? name : id, properties };
}

function toSourceRef(raw: Record<string, unknown>): SourceRef {
  const text = (value: unknown) => {
    const plain = toPlain(value);
    return typeof plain === "string" ? plain : null;
  };
  return {
    id: String(raw.id),
    name: text(raw.name) ?? String(raw.id),
    publisher: text(raw.publisher),
    url: text(raw.url),
    publishedAt: text(raw.publishedAt),
  };
}

export function toGraphEdge(raw: RawEdge): GraphEdge | null {
  if (!isRelationshipType(raw.type) || typeof raw.id !== "string") return null;
  if (typeof raw.source !== "string" || typeof raw.target !== "string") return null;
  const properties = propertiesFromNeo4j(
    raw.type,
    Object.fromEntries(Object.entries(raw.properties).filter(([key]) => !PROVENANCE_PROPERTIES.has(key))),
  );
  const quote = raw.properties.quote;
  // Keep the order in which the relationship cites its sources: the first is the main one.
  const citedOrder = Array.isArray(raw.properties.sources) ? (raw.properties.sources as unknown[]).map(String) : [];
  const sources = raw.sources
    .map(toSourceRef)
    .sort((a, b) => citedOrder.indexOf(a.id) - citedOrder.indexOf(b.id));
  return {
    id: raw.id,
    type: raw.type,
    source: raw.source,
    target: raw.target,
    properties,
    sources,
    quote: typeof quote === "string" ? quote : null,
  };
}

export function compact<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}
