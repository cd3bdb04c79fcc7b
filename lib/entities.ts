import "server-only";
import { read } from "./db";
import { toInteger } from "./db/params";
import { ENTITY_LABEL, type EntityType } from "./model/registry";
import { compact, toGraphEdge, toGraphNode, type RawEdge, type RawNode } from "./graph/from-records";
import type { GraphData, GraphNode, NeighbourPage } from "./graph/types";
import { NotFoundError } from "./errors";

/** A node as {labels, properties}: mapped to GraphNode in lib/graph/from-records.ts. */
const NODE = (variable: string) => `{labels: labels(${variable}), properties: properties(${variable})}`;

/** A relationship with our own ids and its cited reports resolved, never elementIds. */
const EDGE = (variable: string) => `{
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

export async function getEntity(id: string): Promise<EntityDetails> {
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
}

/**
 * One page of an entity's neighbours (ordered by name, then id, so pages are stable), with every
 * relationship between the entity and the neighbours on that page, and the total for paging. A node with
 * thousands of neighbours answers with a page, never with everything.
 */
export async function getNeighbours(id: string, options: NeighbourOptions): Promise<NeighbourPage> {
  const row = await read(async (tx) => {
    const result = await tx.run(
      `MATCH (center:${ENTITY_LABEL} {id: $id})
       CALL (center) {
         MATCH (center)--(m:${ENTITY_LABEL}) WHERE $type IS NULL OR $type IN labels(m)
         RETURN count(DISTINCT m) AS total
       }
       CALL (center) {
         OPTIONAL MATCH (center)--(m:${ENTITY_LABEL}) WHERE $type IS NULL OR $type IN labels(m)
         WITH DISTINCT m ORDER BY m.name, m.id SKIP $offset LIMIT $limit
         RETURN collect(m) AS neighbours
       }
       RETURN ${NODE("center")} AS center, total,
         [m IN neighbours | ${NODE("m")}] AS nodes,
         COLLECT {
           UNWIND neighbours AS m
           MATCH (center)-[r]-(m)
           RETURN DISTINCT ${EDGE("r")}
         } AS edges`,
      { id, type: options.type ?? null, offset: toInteger(options.offset), limit: toInteger(options.limit) },
    );
    return result.records[0];
  });
  const center = row ? toGraphNode(row.get("center") as RawNode) : null;
  if (!row || !center) throw new NotFoundError(`No entity has the id "${id}".`);
  return {
    center,
    total: Number(row.get("total")),
    offset: options.offset,
    limit: options.limit,
    nodes: compact((row.get("nodes") as RawNode[]).map(toGraphNode)),
    edges: compact((row.get("edges") as RawEdge[]).map(toGraphEdge)),
  };
}

export interface Subgraph extends GraphData {
  /** Requested ids that no longer exist (deleted since the link was made). */
  missing: string[];
}

/** The entities with these ids and every relationship among them: what a URL of the explorer shows. */
export async function getSubgraph(ids: readonly string[]): Promise<Subgraph> {
  const row = await read(async (tx) => {
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
    return result.records[0];
  });
  const nodes = compact(((row?.get("nodes") ?? []) as RawNode[]).map(toGraphNode));
  const found = new Set(nodes.map((node) => node.id));
  return {
    nodes,
    edges: compact(((row?.get("edges") ?? []) as RawEdge[]).map(toGraphEdge)),
    missing: ids.filter((id) => !found.has(id)),
  };
}
