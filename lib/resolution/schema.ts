/**
 * The labels and schema of entity resolution's records, run by lib/migrations.ts. Both are the app's own
 * records, not graph data (no `Entity` label), so the explorer never shows them and a saved query cannot
 * reach them (lib/queries/plan-check.ts allows entity labels only). They name entities by id, never by a
 * relationship, like ChangeRecords: an untyped expansion from an entity must not reach them.
 *
 * - MatchCandidate {id (the pair key), leftId, rightId, score, reasons, types, datasets, computedAt}: a
 *   pair the matcher proposes; recomputed by each cross-referencing run, so it holds no judgement.
 * - MatchJudgement {id, pairKey, leftId, rightId, judgement, byId, byName, at, ownerId, memberIds,
 *   changeId}: what a reviewer decided about a pair, kept across re-imports and re-runs. `ownerId` and
 *   `memberIds` are there for investigations (case folders with members), which come next.
 */
export const MATCH_CANDIDATE_LABEL = "MatchCandidate";
export const MATCH_JUDGEMENT_LABEL = "MatchJudgement";

export const RESOLUTION_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT match_candidate_id_unique IF NOT EXISTS FOR (c:${MATCH_CANDIDATE_LABEL}) REQUIRE c.id IS UNIQUE`,
  `CREATE INDEX match_candidate_score IF NOT EXISTS FOR (c:${MATCH_CANDIDATE_LABEL}) ON (c.score)`,
  `CREATE CONSTRAINT match_judgement_id_unique IF NOT EXISTS FOR (j:${MATCH_JUDGEMENT_LABEL}) REQUIRE j.id IS UNIQUE`,
  `CREATE CONSTRAINT match_judgement_pair_unique IF NOT EXISTS FOR (j:${MATCH_JUDGEMENT_LABEL}) REQUIRE j.pairKey IS UNIQUE`,
  `CREATE INDEX match_judgement_at IF NOT EXISTS FOR (j:${MATCH_JUDGEMENT_LABEL}) ON (j.at)`,
];
