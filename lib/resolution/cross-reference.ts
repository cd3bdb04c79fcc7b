import "server-only";
/**
 * Cross-referencing: matching one data set's entities against the rest of the graph (and among
 * themselves), or the whole graph at once, and storing the pairs worth reviewing as MatchCandidate
 * records. Run at the end of every import (lib/datasets/import-run.ts) and on demand (POST
 * /api/resolution/runs).
 *
 * Memory stays bounded by the data set, not the graph: the data set's profiles are read in pages into a
 * block index (lib/resolution/blocking.ts, capped blocks), then the rest of the graph streams past it a
 * page at a time, each entity compared only with the data set's entities it shares a block with, and
 * only pairs over the threshold kept. No all-pairs matrix exists at any point.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { read, write } from "../database";
import { DATASET_LABEL } from "../datasets/schema";
import { NotFoundError } from "../errors";
import { toInteger } from "../db/params";
import { BlockIndex, scoredPairsOf, type ScoredPair } from "./blocking";
import { HAND_MADE, pairKey, type RunResult } from "./model";
import { streamProfiles } from "./profiles";
import { MATCH_CANDIDATE_LABEL } from "./schema";

const WRITE_BATCH = 1_000;

const datasetsOrHand = (datasets: readonly string[]) => (datasets.length > 0 ? datasets : [HAND_MADE]);

/** A pair as stored: the smaller id on the left, unless the run says which side is the existing one. */
function candidateRow(pair: ScoredPair) {
  return {
    id: pairKey(pair.left.id, pair.right.id),
    leftId: pair.left.id,
    rightId: pair.right.id,
    score: pair.score,
    reasons: pair.reasons,
    types: [...new Set([pair.left.type, pair.right.type])],
    datasets: [...new Set([...datasetsOrHand(pair.left.datasets), ...datasetsOrHand(pair.right.datasets)])],
  };
}

async function storeCandidates(tx: ManagedTransaction, rows: ReturnType<typeof candidateRow>[]): Promise<void> {
  await tx.run(
    `UNWIND $rows AS row
     MERGE (c:${MATCH_CANDIDATE_LABEL} {id: row.id})
     SET c.leftId = row.leftId, c.rightId = row.rightId, c.score = row.score, c.reasons = row.reasons,
         c.types = row.types, c.datasets = row.datasets, c.computedAt = datetime()`,
    { rows },
  );
}

/** The candidates a run replaces: every one touching the data set, or every one for a whole-graph run. */
async function clearCandidates(dataset: string | null): Promise<void> {
  for (;;) {
    const deleted = await write(async (tx) => {
      const result = await tx.run(
        `MATCH (c:${MATCH_CANDIDATE_LABEL}) WHERE $dataset IS NULL OR $dataset IN c.datasets
         WITH c LIMIT $batch DETACH DELETE c RETURN count(*) AS deleted`,
        { dataset, batch: toInteger(10_000) },
      );
      return Number(result.records[0]?.get("deleted") ?? 0);
    });
    if (deleted === 0) return;
  }
}

export interface CrossReferenceStats extends RunResult {
  /** Entities of the data set (or the graph) indexed, and entities streamed past them. */
  indexed: number;
  streamed: number;
  comparisons: number;
  blocks: number;
}

/**
 * Matches the data set (or, with null, the whole graph) and stores its candidates. No permission check:
 * the import that calls it was checked; the route calls runCrossReference below.
 */
export async function crossReference(dataset: string | null): Promise<CrossReferenceStats> {
  const index = new BlockIndex();
  const found = new Map<string, ReturnType<typeof candidateRow>>();
  let comparisons = 0;
  const keep = (pairs: ScoredPair[]) => {
    for (const pair of pairs) {
      const row = candidateRow(pair);
      const known = found.get(row.id);
      if (!known || known.score < row.score) found.set(row.id, row);
    }
  };

  // 1. The data set's own entities: indexed, and compared among themselves as they come in (each new one
  //    with those already indexed, so each pair once).
  for await (const page of streamProfiles({ dataset: dataset ?? "", side: dataset ? "in" : "all" })) {
    for (const profile of page) {
      const others = index.neighboursOf(profile);
      comparisons += others.length;
      keep(scoredPairsOf(profile, others));
      index.add(profile);
    }
  }
  // 2. The rest of the graph, streamed past the index: the existing entity on the left.
  let streamed = 0;
  if (dataset) {
    for await (const page of streamProfiles({ dataset, side: "out" })) {
      for (const profile of page) {
        streamed += 1;
        const others = index.neighboursOf(profile);
        comparisons += others.length;
        keep(scoredPairsOf(profile, others));
      }
    }
  }

  await clearCandidates(dataset);
  const rows = [...found.values()];
  for (let start = 0; start < rows.length; start += WRITE_BATCH) {
    const batch = rows.slice(start, start + WRITE_BATCH);
    await write((tx) => storeCandidates(tx, batch));
  }
  return { dataset, candidates: rows.length, indexed: index.size, streamed, comparisons, blocks: index.blockCount };
}

/** POST /api/resolution/runs: editors and admins re-run cross-referencing. */
export async function runCrossReference(actor: Actor, dataset: string | null): Promise<RunResult> {
  requirePermission(actor, "graph:edit");
  if (dataset) {
    const known = await read((tx) => tx.run(`MATCH (d:${DATASET_LABEL} {id: $dataset}) RETURN d.id AS id`, { dataset }));
    if (known.records.length === 0) throw new NotFoundError("No data set with this id exists.");
  }
  const { candidates } = await crossReference(dataset);
  return { dataset, candidates };
}
