/**
 * The app's graph shape, shared by the API, the explorer and (later) snapshots. Built from our own ids,
 * never Neo4j elementIds; values are plain JSON.
 */
import type { JsonValue } from "../json";
import type { EntityType, RelationshipType } from "../model/registry";

export interface GraphNode {
  id: string;
  type: EntityType;
  name: string;
  /** Every stored property except id and the label, as plain JSON (dates as YYYY-MM-DD). */
  properties: Record<string, JsonValue>;
}

/** A Report as cited by a relationship. */
export interface SourceRef {
  id: string;
  name: string;
  publisher: string | null;
  url: string | null;
  publishedAt: string | null;
}

export interface GraphEdge {
  id: string;
  type: RelationshipType;
  source: string;
  target: string;
  /** Relationship-specific fields (role, product ...), without the provenance below. */
  properties: Record<string, JsonValue>;
  sources: SourceRef[];
  quote: string | null;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface SearchHit {
  id: string;
  type: EntityType;
  name: string;
  description: string | null;
  /** What tells namesakes apart: party, state, country, date... as short phrases (lib/explore/search-context.ts). */
  context: string[];
  /** The data sets the entity came from (their ids); none for an entity made by hand. */
  datasets: string[];
  score: number;
}

export interface NeighbourPage extends GraphData {
  center: GraphNode;
  /** How many neighbours the center has in all (after the type filter), for paging. */
  total: number;
  offset: number;
  limit: number;
}
