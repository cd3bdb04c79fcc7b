import "server-only";
/**
 * The stored candidates as the rest of the app counts them: the data set page's "N possible matches".
 * Kept apart from store.ts so lib/datasets can count without importing merging and reverting.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { toPlain } from "../db/values";
import { ENTITY_LABEL } from "../model/registry";
import { MATCH_CANDIDATE_LABEL, MATCH_JUDGEMENT_LABEL } from "./schema";

/** Pairs whose two entities still exist, filtered; a merged pair's duplicate is gone, so it drops out. */
export const CANDIDATE_MATCH = `
  MATCH (c:${MATCH_CANDIDATE_LABEL})
  WHERE $dataset IS NULL OR $dataset IN c.datasets
  MATCH (l:${ENTITY_LABEL} {id: c.leftId}), (r:${ENTITY_LABEL} {id: c.rightId})
  // The types as they are now, not as stored with the pair: a merge may have made a Person a Legislator.
  WHERE $type IS NULL OR $type IN labels(l) OR $type IN labels(r)
  OPTIONAL MATCH (j:${MATCH_JUDGEMENT_LABEL} {pairKey: c.id})
  WITH c, l, r, j WHERE $include OR j IS NULL`;

/**
 * Pairs not judged where one side comes from the data set: pairs within the data set count too (two
 * entries of one file can be one person), as do pairs with entities of other data sets or made by hand.
 */
export async function possibleMatchesOf(tx: ManagedTransaction, dataset: string): Promise<number> {
  const result = await tx.run(`${CANDIDATE_MATCH} RETURN count(c) AS total`, { type: null, dataset, include: false });
  return Number(toPlain(result.records[0]?.get("total")) ?? 0);
}
