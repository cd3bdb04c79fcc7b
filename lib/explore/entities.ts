import "server-only";
/**
 * The explorer's reads: one entity, a page of its neighbours, the subgraph of a URL. Each takes the Actor
 * asking and checks "graph:read" first (lib/auth/permissions.ts), like every graph read.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read } from "../database";
import { toInteger } from "../db/params";
import { ENTITY_LABEL, isRelationshipType, type EntityType, type RelationshipType } from "../model/registry";
import { compact, toGraphEdge, toGraphNode, type RawEdge, type RawNode } from "./from-records";
import { EDGE_WITHOUT_SOURCES, resolveCitedReports, type EdgeWithoutSources } from "./cited-reports";
import type { GraphData, GraphEdge, GraphNode, NeighbourPage } from "../graph/types";
import type { NeighbourOrder } from "../api-schemas";
import { BadRequestError, NotFoundError } from "../errors";

/**
 * A node as {labels, properties}: mapped to GraphNode in lib/explore/from-records.ts. Exported so every
 * data-access module (paths, claims...) returns entities exactly as the explorer's reads do.
 */
export const NODE = (variable: string) => `{labels: labels(${variable}), properties: properties(${variable})}`;

/** A relationship with our own ids and its cited reports resolved, never elementIds. */
export const EDGE = (variable: string) => `{
  id: ${variable}.id, type: type(${variable}),
  source: startNode(${variable}).id, target: endNode(${variable}).id,
  properties: properties(${variable}),
  sources: COLLECT {
    MATCH (report:${ENTITY_LABEL}:Report) WHERE report.id IN coalesce(${variable}.sources, [])
    RETURN report {.id, .name, .publisher, .url, .publishedAt}
  }
}`;

export interface EntityDetails {
  entity: GraphNode;
  /** Number of distinct neighbours, for the "expand" button and paging. */
  degree: number;
}

export async function getEntity(actor: Actor, id: string): Promise<EntityDetails> {
  requirePermission(actor, "graph:read");
  const row = await read(async (tx) => {
    const result = await tx.run(
      `MATCH (n:${ENTITY_LABEL} {id: $id})
       RETURN ${NODE("n")} AS node, COUNT { MATCH (n)--(m:${ENTITY_LABEL}) RETURN DISTINCT m } AS degree`,
      { id },
    );
    return result.records[0];
  });
  const entity = row ? toGraphNode(row.get("node") as RawNode) : null;
  if (!row || !entity) throw new NotFoundError(`No entity has the id "${id}".`);
  return { entity, degree: Number(row.get("degree")) };
}

export interface NeighbourOptions {
  limit: number;
  offset: number;
  type?: EntityType;
  /** Only neighbours joined by a relationship of this type (and only those relationships in `edges`). */
  relationship?: RelationshipType;
  order?: NeighbourOrder;
  /**
   * The ids of the explorer's view: the answer's `links` then hold every relationship (of any type) between
   * the page's neighbours and these entities, the center or each other, so expanding a node can add the
   * page to the view without reading the whole view again.
   */
  within?: readonly string[];
}

/**
 * The order of a page, always ending in id so pages are stable. "degree" counts every relationship the
 * neighbour has (COUNT of a bare pattern is planned as getDegree: a constant-time read for dense nodes),
 * so "top 50 by degree" of a hub with 100k neighbours costs one degree read per neighbour, not a traversal.
 */
const ORDER_BY: Record<NeighbourOrder, string> = {
  name: "m.name, m.id",
  degree: "COUNT { (m)--() } DESC, m.name, m.id",
};

export interface NeighbourPageWithDegrees extends NeighbourPage {
  /** Relationships each neighbour on the page has in all (what order=degree sorts by), by id. */
  degrees: Record<string, number>;
  /** With `within`: the relationships joining the page's neighbours to the view (empty without it). */
  links: GraphEdge[];
}

/**
 * One page of an entity's neighbours (ordered by name then id, or by degree, so pages are stable), with
 * every relationship between the entity and the neighbours on that page, the total for paging, and each
 * neighbour's number of relationships. A node with thousands of neighbours answers with a page, never
 * with everything.
 */
export async function getNeighbours(actor: Actor, id: string, options: NeighbourOptions): Promise<NeighbourPageWithDegrees> {
  requirePermission(actor, "graph:read");
  // A relationship type goes into the pattern itself (so the database reads only that type's chain), and
  // only ever a type of the registry, never the caller's text.
  if (options.relationship !== undefined && !isRelationshipType(options.relationship)) {
    throw new BadRequestError(`Unknown relationship type "${String(options.relationship)}".`);
  }
  const rel = options.relationship ? `[r:${options.relationship}]` : "[r]";
  const orderBy = ORDER_BY[options.order ?? "name"];
  const answer = await read(async (tx) => {
    const result = await tx.run(
      `MATCH (center:${ENTITY_LABEL} {id: $id})
       CALL (center) {
         MATCH (center)-${rel}-(m:${ENTITY_LABEL}) WHERE $type IS NULL OR $type IN labels(m)
         RETURN count(DISTINCT m) AS total
       }
       CALL (center) {
         OPTIONAL MATCH (center)-${rel}-(m:${ENTITY_LABEL}) WHERE $type IS NULL OR $type IN labels(m)
         WITH DISTINCT m ORDER BY ${orderBy} SKIP $offset LIMIT $limit
         RETURN collect(m) AS neighbours
       }
       CALL (center) {
         OPTIONAL MATCH (viewed:${ENTITY_LABEL}) WHERE viewed.id IN coalesce($within, [])
         RETURN collect(viewed) AS viewed
       }
       WITH center, total, neighbours, viewed + neighbours + [center] AS targets
       WITH center, total, neighbours, targets, [x IN targets | x.id] AS targetIds
       RETURN ${NODE("center")} AS center, total,
         [m IN neighbours | ${NODE("m")}] AS nodes,
         [m IN neighbours | {id: m.id, degree: COUNT { (m)--() }}] AS degrees,
         COLLECT {
           UNWIND neighbours AS m
           MATCH (center)-${rel}-(m)
           RETURN DISTINCT ${EDGE_WITHOUT_SOURCES("r")}
         } AS edges,
         COLLECT {
           // Links of each newcomer to the view and the page. A newcomer with fewer relationships than there
           // are targets is expanded and its other ends looked up by id (a hashed IN); a hub among them is
           // never traversed whole: each target is an expand-into with both ends bound. (Expand-into for
           // every pair was 3.9 s for a legislator's 881 bills against 100 legislators; this, 0.24 s.)
           UNWIND CASE WHEN $within IS NULL THEN [] ELSE neighbours END AS m
           CALL (m, targets, targetIds) {
             WITH m WHERE COUNT { (m)--() } <= size(targets)
             MATCH (m)-[r]-(other:${ENTITY_LABEL}) WHERE other.id IN targetIds
             RETURN r
             UNION
             WITH m WHERE COUNT { (m)--() } > size(targets)
             UNWIND targets AS other
             MATCH (m)-[r]-(other)
             RETURN r
           }
           RETURN DISTINCT ${EDGE_WITHOUT_SOURCES("r")}
         } AS links`,
      {
        id,
        type: options.type ?? null,
        offset: toInteger(options.offset),
        limit: toInteger(options.limit),
        within: options.within ? [...options.within] : null,
      },
    );
    const found = result.records[0];
    if (!found) return undefined;
    // The page's relationships cite a handful of reports, thousands of times: resolved once for all.
    const edges = found.get("edges") as EdgeWithoutSources[];
    const links = found.get("links") as EdgeWithoutSources[];
    const resolved = await resolveCitedReports(tx, [...edges, ...links]);
    return { row: found, edges: resolved.slice(0, edges.length), links: resolved.slice(edges.length) };
  });
  const center = answer ? toGraphNode(answer.row.get("center") as RawNode) : null;
  if (!answer || !center) throw new NotFoundError(`No entity has the id "${id}".`);
  const { row } = answer;
  const degrees = row.get("degrees") as { id: unknown; degree: unknown }[];
  return {
    center,
    total: Number(row.get("total")),
    offset: options.offset,
    limit: options.limit,
    nodes: compact((row.get("nodes") as RawNode[]).map(toGraphNode)),
    edges: compact(answer.edges.map(toGraphEdge)),
    links: compact(answer.links.map(toGraphEdge)),
    degrees: Object.fromEntries(degrees.map((item) => [String(item.id), Number(item.degree)])),
  };
}

export interface Subgraph extends GraphData {
  /** Requested ids that no longer exist (deleted since the link was made). */
  missing: string[];
}

/**
 * The entities with these ids and every relationship among them: what a URL of the explorer shows, and
 * what a new snapshot copies (lib/snapshots/store.ts passes its own actor along).
 */
export async function getSubgraph(actor: Actor, ids: readonly string[]): Promise<Subgraph> {
  requirePermission(actor, "graph:read");
  return read((tx) => readSubgraph(tx, ids));
}

/**
 * getSubgraph's read inside a transaction the caller holds, for a caller that has checked `graph:read`
 * itself: a new snapshot copies the graph in the same write transaction that stores it.
 */
export async function readSubgraph(tx: ManagedTransaction, ids: readonly string[]): Promise<Subgraph> {
  const result = await tx.run(
    `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids
     WITH collect(n) AS found
     RETURN [n IN found | ${NODE("n")}] AS nodes,
       COLLECT {
         UNWIND found AS a
         MATCH (a)-[r]->(b:${ENTITY_LABEL}) WHERE b.id IN $ids
         RETURN ${EDGE("r")}
       } AS edges`,
    { ids: [...ids] },
  );
  const row = result.records[0];
  const nodes = compact(((row?.get("nodes") ?? []) as RawNode[]).map(toGraphNode));
  const found = new Set(nodes.map((node) => node.id));
  return {
    nodes,
    edges: compact(((row?.get("edges") ?? []) as RawEdge[]).map(toGraphEdge)),
    missing: ids.filter((id) => !found.has(id)),
  };
}
