import "server-only";
/**
 * The subgraph of a big view (a workspace, a snapshot of one: up to 20,000 entities), read in batches.
 * readSubgraph (./entities.ts) builds the whole answer in one row of one query, which for 20,000 entities
 * and their relationships is one huge list materialised in the database's memory; here each batch of
 * entities is its own query and its own rows, streamed to us, and the relationships are read from each
 * batch's side only (outgoing), so each is read once. Only reads: a snapshot runs it inside its write.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { read } from "../database";
import { ENTITY_LABEL } from "../model/registry";
import type { GraphEdge, GraphNode } from "../graph/types";
import { EDGE, NODE, type Subgraph } from "./entities";
import { compact, toGraphEdge, toGraphNode, type RawEdge, type RawNode } from "./from-records";

/** Entities per query: small enough for a quick answer, large enough that 20,000 take ten round trips. */
export const SUBGRAPH_BATCH = 2_000;

export async function readSubgraphInBatches(tx: ManagedTransaction, ids: readonly string[], batch = SUBGRAPH_BATCH): Promise<Subgraph> {
  const all = [...new Set(ids)];
  const wanted = new Set(all);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let start = 0; start < all.length; start += batch) {
    const part = all.slice(start, start + batch);
    const found = await tx.run(`UNWIND $part AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN ${NODE("n")} AS node`, { part });
    nodes.push(...compact(found.records.map((record) => toGraphNode(record.get("node") as RawNode))));
    edges.push(...(await edgesWithin(tx, part, wanted)));
  }
  const present = new Set(nodes.map((node) => node.id));
  return { nodes, edges, missing: all.filter((id) => !present.has(id)) };
}

/**
 * The relationships from `part` to any entity of the view. Two steps, because `b.id IN $all` with 20,000
 * ids is a slow check per relationship in Cypher and a Set lookup here: first the relationships leaving
 * the batch and where they end (cheap: no properties), then the full records of those that stay inside the
 * view, found again by their element ids (used only within this transaction, never sent out).
 */
async function edgesWithin(tx: ManagedTransaction, part: readonly string[], wanted: ReadonlySet<string>): Promise<GraphEdge[]> {
  const leaving = await tx.run(
    `UNWIND $part AS id MATCH (:${ENTITY_LABEL} {id: id})-[r]->(b:${ENTITY_LABEL}) RETURN elementId(r) AS rel, b.id AS target`,
    { part: [...part] },
  );
  const inside = leaving.records.filter((record) => wanted.has(record.get("target") as string)).map((record) => record.get("rel") as string);
  if (inside.length === 0) return [];
  const found = await tx.run(`UNWIND $inside AS rel MATCH ()-[r]->() WHERE elementId(r) = rel RETURN ${EDGE("r")} AS edge`, { inside });
  return compact(found.records.map((record) => toGraphEdge(record.get("edge") as RawEdge)));
}

/** The entities listed and every relationship among them, for a view past the URL's 200 ids. */
export async function getLargeSubgraph(actor: Actor, ids: readonly string[]): Promise<Subgraph> {
  requirePermission(actor, "graph:read");
  return read((tx) => readSubgraphInBatches(tx, ids));
}
