import "server-only";
import type { ManagedTransaction } from "neo4j-driver";
import { ENTITY_LABEL } from "../model/registry";

/** How many entities the graph holds: decides auto-seeding, and reported by the health check. */
export async function countEntities(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run(`MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS count`);
  return Number(result.records[0]?.get("count") ?? 0);
}
