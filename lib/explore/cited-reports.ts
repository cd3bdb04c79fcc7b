import "server-only";
/**
 * A relationship's cited reports, resolved once for a whole answer instead of once per relationship: an
 * import cites one report on thousands of relationships, and a COLLECT per relationship (the EDGE
 * projection of ./entities.ts) looks it up thousands of times. Same result as EDGE: the cited ids that
 * name a report, as {id, name, publisher, url, publishedAt}; toGraphEdge puts them in citing order.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { ENTITY_LABEL } from "../model/registry";
import type { RawEdge } from "./from-records";

/** A relationship as EDGE projects it, without its cited reports (resolveCitedReports adds them). */
export const EDGE_WITHOUT_SOURCES = (variable: string) =>
  `{id: ${variable}.id, type: type(${variable}), source: startNode(${variable}).id, target: endNode(${variable}).id, properties: properties(${variable})}`;

export type EdgeWithoutSources = Omit<RawEdge, "sources">;

/** The ids a relationship cites, each once (EDGE's `IN` matched a report once however often it was listed). */
const citedIds = (edge: EdgeWithoutSources): string[] => (Array.isArray(edge.properties.sources) ? [...new Set(edge.properties.sources.map(String))] : []);

export async function resolveCitedReports(tx: ManagedTransaction, edges: readonly EdgeWithoutSources[]): Promise<RawEdge[]> {
  const ids = [...new Set(edges.flatMap(citedIds))];
  const reports = new Map<string, Record<string, unknown>>();
  if (ids.length > 0) {
    const result = await tx.run(
      `UNWIND $ids AS id MATCH (report:${ENTITY_LABEL}:Report {id: id}) RETURN report {.id, .name, .publisher, .url, .publishedAt} AS report`,
      { ids },
    );
    for (const record of result.records) {
      const report = record.get("report") as Record<string, unknown>;
      reports.set(String(report.id), report);
    }
  }
  return edges.map((edge) => ({
    ...edge,
    sources: citedIds(edge).flatMap((id) => {
      const report = reports.get(id);
      return report ? [report] : [];
    }),
  }));
}
