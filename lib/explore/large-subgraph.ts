import "server-only";
/**
 * The subgraph of a big view (a workspace, a snapshot of one: up to 20,000 entities), read in batches.
 * readSubgraph (./entities.ts) builds the whole answer in one row of one query, which for 20,000 entities
 * and their relationships is one huge list materialised in the database's memory; here each batch of
 * entities is its own query and its own rows, streamed to us, and the relationships are read from each
 * batch's side only (outgoing), so each is read once, with the reports they cite resolved once for all
 * of them instead of once per relationship. Only reads: a snapshot runs it inside its write.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { read } from "../database";
import { ENTITY_LABEL } from "../model/registry";
import type { GraphNode } from "../graph/types";
import { NODE, type Subgraph } from "./entities";
import { resolveCitedReports, type EdgeWithoutSources } from "./cited-reports";
import { compact, toGraphEdge, toGraphNode, type RawNode } from "./from-records";

/** Entities per query: small enough for a quick answer, large enough that 20,000 take ten round trips. */
export const SUBGRAPH_BATCH = 2_000;

export async function readSubgraphInBatches(tx: ManagedTransaction, ids: readonly string[], batch = SUBGRAPH_BATCH): Promise<Subgraph> {
  const all = [...new Set(ids)];
  const nodes: GraphNode[] = [];
  const raw: EdgeWithoutSources[] = [];
  for (let start = 0; start < all.length; start += batch) {
    const part = all.slice(start, start + batch);
    const found = await tx.run(`UNWIND $part AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN ${NODE("n")} AS node`, { part });
    nodes.push(...compact(found.records.map((record) => toGraphNode(record.get("node") as RawNode))));
    // Outgoing from the batch only, so each relationship is read once. `IN $all` is a hashed lookup in
    // Neo4j 5 (0.4 s for 275,000 candidate relationships against 20,000 ids here), far cheaper than
    // streaming every relationship that leaves the batch (a legislator's thousand votes) to filter here.
    const inside = await tx.run(
      `UNWIND $part AS id MATCH (:${ENTITY_LABEL} {id: id})-[r]->(b:${ENTITY_LABEL}) WHERE b.id IN $all
       RETURN {id: r.id, type: type(r), source: id, target: b.id, properties: properties(r)} AS edge`,
      { part, all },
    );
    raw.push(...inside.records.map((record) => record.get("edge") as EdgeWithoutSources));
  }
  // The reports cited, read once for every relationship (an import cites one report on each of thousands).
  const edges = compact((await resolveCitedReports(tx, raw)).map(toGraphEdge));
  const present = new Set(nodes.map((node) => node.id));
  return { nodes, edges, missing: all.filter((id) => !present.has(id)) };
}

/** The entities listed and every relationship among them, for a view past the URL's 200 ids. */
export async function getLargeSubgraph(actor: Actor, ids: readonly string[]): Promise<Subgraph> {
  requirePermission(actor, "graph:read");
  return read((tx) => readSubgraphInBatches(tx, ids));
}
