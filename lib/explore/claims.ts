import "server-only";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read } from "../database";
import { toInteger } from "../db/params";
import { EDGE, NODE } from "./entities";
import { BadRequestError, NotFoundError } from "../errors";
import { compact, toGraphEdge, toGraphNode, type RawEdge, type RawNode } from "./from-records";
import type { GraphEdge, GraphNode } from "../graph/types";
import { ENTITY_LABEL } from "../model/registry";

/** Provenance read the other way: what a report supports, for its page in the explorer. */
export interface ClaimsPage {
  report: GraphNode;
  /** Relationships citing the report in all, for paging. */
  total: number;
  /** The page of relationships, ordered by type then id, with every source they cite resolved. */
  edges: GraphEdge[];
  /** The endpoints of those relationships. */
  nodes: GraphNode[];
  limit: number;
  offset: number;
}

export interface ClaimsOptions {
  limit: number;
  offset: number;
}

/**
 * Every relationship whose `sources` cites the report, a page at a time.
 *
 * Cost: `sources` is a list property and Neo4j has no index for "list contains" on relationships, so
 * this reads every relationship in the database, twice (the count and the page): linear in the size of
 * the graph, about what a full relationship scan costs (tens of ms for 10^5 relationships, seconds for
 * 10^7), whatever the page size. The page cap (200) bounds what is returned, not what is read. At scale,
 * either store the joined ids in a `sourcesText` string and put a full-text relationship index on it
 * (a token lookup instead of a scan), or materialise provenance as (:Report)-[:SUPPORTS]->(:Claim)
 * nodes, which makes this an ordinary expand from the report. Needs "graph:read".
 */
export async function getClaims(actor: Actor, id: string, options: ClaimsOptions): Promise<ClaimsPage> {
  requirePermission(actor, "graph:read");
  const row = await read(async (tx) => {
    const found = await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) RETURN ${NODE("n")} AS node`, { id });
    const node = found.records[0]?.get("node") as RawNode | undefined;
    if (!node) throw new NotFoundError(`No entity has the id "${id}".`);
    if (!node.labels.includes("Report")) {
      throw new BadRequestError(`Only reports support claims: "${id}" is not a report.`);
    }
    const result = await tx.run(
      `CALL () {
         MATCH ()-[r]->() WHERE $id IN r.sources
         RETURN count(r) AS total
       }
       CALL () {
         OPTIONAL MATCH ()-[r]->() WHERE $id IN r.sources
         WITH r ORDER BY type(r), r.id SKIP $offset LIMIT $limit
         RETURN collect(r) AS claims
       }
       RETURN total,
         [r IN claims | ${EDGE("r")}] AS edges,
         COLLECT {
           UNWIND claims AS r
           UNWIND [startNode(r), endNode(r)] AS n
           WITH DISTINCT n ORDER BY n.name, n.id
           RETURN ${NODE("n")}
         } AS nodes`,
      { id, offset: toInteger(options.offset), limit: toInteger(options.limit) },
    );
    return { node, record: result.records[0] };
  });
  const report = toGraphNode(row.node);
  if (!report) throw new NotFoundError(`No entity has the id "${id}".`);
  return {
    report,
    total: Number(row.record?.get("total") ?? 0),
    edges: compact(((row.record?.get("edges") ?? []) as RawEdge[]).map(toGraphEdge)),
    nodes: compact(((row.record?.get("nodes") ?? []) as RawNode[]).map(toGraphNode)),
    limit: options.limit,
    offset: options.offset,
  };
}
