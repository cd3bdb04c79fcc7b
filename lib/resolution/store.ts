import "server-only";
/**
 * The review queue's data: candidate pairs (best first, judged ones left out unless asked for),
 * judgements (made, listed, undone) and similar existing entities for a name. Permission checks first:
 * reading candidates is reading the graph ("graph:read"); judgements name colleagues, so listing them is
 * "changes:read" like the audit trail; judging and undoing is editing ("graph:edit").
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { read, write } from "../database";
import { toInteger } from "../db/params";
import { toPlain } from "../db/values";
import { revertChange } from "../editing/changes";
import { mergeEntities } from "../editing/merge";
import { ConflictError, NotFoundError, UnprocessableError } from "../errors";
import { toLuceneQuery } from "../explore/search-text";
import { ENTITY_LABEL, ENTITY_SEARCH_INDEX, entityTypeOf } from "../model/registry";
import { isolate } from "../text/bidi";
import {
  MAX_SIMILAR,
  pairKey,
  type Candidate,
  type CandidatePage,
  type CandidateQuery,
  type Judgement,
  type JudgementBody,
  type JudgementPage,
  type JudgementRecord,
  type JudgementResult,
  type MatchSide,
  type SimilarEntity,
} from "./model";
import { nameForm } from "./normalise";
import { MATCHED_TYPES, compatibleTypes } from "./profile";
import { profilesOf } from "./profiles";
import { bestNameMatch } from "./score";
import { CANDIDATE_MATCH } from "./counts";
import { MATCH_JUDGEMENT_LABEL } from "./schema";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function sideOf(raw: Record<string, unknown>): MatchSide {
  const type = entityTypeOf(strings(raw.labels)) ?? "Entity";
  return { id: String(raw.id), name: String(raw.name ?? raw.id), type, datasets: strings(raw.datasets) };
}

// The pair's names as they were when judged (a "same" merges one away); a judgement stored before names
// were kept falls back to the entity's name now, if it still exists.
const JUDGEMENT_FIELDS = `j {.id, .leftId, .rightId, .judgement, .byId, .byName, .at, .changeId,
  leftName: coalesce(j.leftName, head(COLLECT { MATCH (n:${ENTITY_LABEL} {id: j.leftId}) RETURN n.name })),
  rightName: coalesce(j.rightName, head(COLLECT { MATCH (n:${ENTITY_LABEL} {id: j.rightId}) RETURN n.name }))}`;

function judgementOf(raw: Record<string, unknown>): JudgementRecord {
  return {
    id: String(raw.id),
    left: String(raw.leftId),
    right: String(raw.rightId),
    leftName: typeof raw.leftName === "string" ? raw.leftName : null,
    rightName: typeof raw.rightName === "string" ? raw.rightName : null,
    judgement: String(raw.judgement) as Judgement,
    by: { id: String(raw.byId), name: String(raw.byName) },
    at: String(toPlain(raw.at)),
    changeId: typeof raw.changeId === "string" ? raw.changeId : null,
  };
}

export async function listCandidates(actor: Actor, query: CandidateQuery): Promise<CandidatePage> {
  requirePermission(actor, "graph:read");
  const params = { type: query.type ?? null, dataset: query.dataset ?? null, include: query.judged === "include" };
  return read(async (tx) => {
    const counted = await tx.run(`${CANDIDATE_MATCH} RETURN count(c) AS total`, params);
    const total = Number(toPlain(counted.records[0]?.get("total")) ?? 0);
    const result = await tx.run(
      `${CANDIDATE_MATCH}
       RETURN c.score AS score, c.reasons AS reasons,
              l {.id, .name, .datasets, labels: labels(l)} AS left, r {.id, .name, .datasets, labels: labels(r)} AS right,
              CASE WHEN j IS NULL THEN null ELSE ${JUDGEMENT_FIELDS} END AS judgement
       ORDER BY score DESC, c.id
       SKIP $offset LIMIT $limit`,
      { ...params, offset: toInteger(query.offset), limit: toInteger(query.limit) },
    );
    const candidates = result.records.map((record): Candidate => {
      const judgement = record.get("judgement") as Record<string, unknown> | null;
      return {
        left: sideOf(record.get("left") as Record<string, unknown>),
        right: sideOf(record.get("right") as Record<string, unknown>),
        score: Number(record.get("score")),
        reasons: strings(record.get("reasons")),
        ...(params.include ? { judgement: judgement ? judgementOf(judgement) : null } : {}),
      };
    });
    return { candidates, total };
  });
}

/** 96 random bits, URL-safe (16 characters), like change ids. */
const newJudgementId = () => randomBytes(12).toString("base64url");

/**
 * Which entity survives a "same": one an import wrote (a re-import finds it by its id and so does not
 * bring the duplicate back), then the more connected one (fewer relationships move), then the left one.
 * The merged entity's type is the merge's to choose (lib/editing/merge.ts): a Legislator and a Person
 * become a Legislator.
 */
async function survivorOf(tx: ManagedTransaction, left: string, right: string): Promise<{ survivor: string; duplicate: string }> {
  const result = await tx.run(
    `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN n.id AS id, size(coalesce(n.datasets, [])) > 0 AS imported, COUNT { (n)--() } AS degree`,
    { ids: [left, right] },
  );
  const rows = new Map(result.records.map((record) => [String(record.get("id")), record]));
  const l = rows.get(left);
  const r = rows.get(right);
  if (!l) throw new UnprocessableError(`The entity “${isolate(left)}” does not exist.`);
  if (!r) throw new UnprocessableError(`The entity “${isolate(right)}” does not exist.`);
  const rank = (record: typeof l) => [record.get("imported") ? 1 : 0, Number(toPlain(record.get("degree")))] as const;
  const [li, ld] = rank(l);
  const [ri, rd] = rank(r);
  const rightWins = ri > li || (ri === li && rd > ld);
  return rightWins ? { survivor: right, duplicate: left } : { survivor: left, duplicate: right };
}

export async function judgePair(actor: Actor, body: JudgementBody): Promise<JudgementResult> {
  requirePermission(actor, "graph:edit");
  const user = actor.user!;
  const key = pairKey(body.left, body.right);
  return write(async (tx) => {
    const existing = await tx.run(`MATCH (j:${MATCH_JUDGEMENT_LABEL} {pairKey: $key}) RETURN ${JUDGEMENT_FIELDS} AS j`, { key });
    const before = existing.records[0] ? judgementOf(existing.records[0].get("j") as Record<string, unknown>) : null;
    if (before?.judgement === "same") throw new ConflictError("This pair was judged the same and merged; undo that judgement first.");
    const found = await tx.run(`UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n.id AS id, n.name AS name`, { ids: [body.left, body.right] });
    const names = new Map(found.records.map((record) => [String(record.get("id")), String(record.get("name") ?? record.get("id"))]));
    if (names.size < 2) throw new NotFoundError("One of these entities does not exist.");
    let merge: JudgementResult["merge"];
    if (body.judgement === "same") {
      const { survivor, duplicate } = await survivorOf(tx, body.left, body.right);
      merge = await mergeEntities(actor, survivor, duplicate, tx);
    }
    const result = await tx.run(
      `MERGE (j:${MATCH_JUDGEMENT_LABEL} {pairKey: $key})
       ON CREATE SET j.id = $id, j.ownerId = $byId, j.memberIds = []
       SET j.leftId = $left, j.rightId = $right, j.leftName = $leftName, j.rightName = $rightName,
           j.judgement = $judgement, j.byId = $byId, j.byName = $byName, j.at = datetime(), j.changeId = $changeId
       RETURN ${JUDGEMENT_FIELDS} AS j`,
      {
        key,
        id: newJudgementId(),
        left: body.left,
        right: body.right,
        leftName: names.get(body.left)!,
        rightName: names.get(body.right)!,
        judgement: body.judgement,
        byId: user.id,
        byName: user.name,
        changeId: merge?.change?.id ?? null,
      },
    );
    const judgement = judgementOf(result.records[0]!.get("j") as Record<string, unknown>);
    return merge ? { judgement, merge } : { judgement };
  });
}

export async function listJudgements(actor: Actor, page: { limit: number; offset: number }): Promise<JudgementPage> {
  requirePermission(actor, "changes:read");
  return read(async (tx) => {
    const counted = await tx.run(`MATCH (j:${MATCH_JUDGEMENT_LABEL}) RETURN count(j) AS total`);
    const result = await tx.run(
      `MATCH (j:${MATCH_JUDGEMENT_LABEL}) RETURN ${JUDGEMENT_FIELDS} AS j ORDER BY j.at DESC, j.id SKIP $offset LIMIT $limit`,
      { offset: toInteger(page.offset), limit: toInteger(page.limit) },
    );
    return {
      judgements: result.records.map((record) => judgementOf(record.get("j") as Record<string, unknown>)),
      total: Number(toPlain(counted.records[0]?.get("total")) ?? 0),
    };
  });
}

/** Undoes a judgement: a "same" by reverting its merge (refused, 409, if either entity changed since). */
export async function undoJudgement(actor: Actor, id: string): Promise<{ judgement: JudgementRecord; revert: string | null }> {
  requirePermission(actor, "graph:edit");
  return write(async (tx) => {
    const found = await tx.run(`MATCH (j:${MATCH_JUDGEMENT_LABEL} {id: $id}) RETURN ${JUDGEMENT_FIELDS} AS j`, { id });
    const record = found.records[0];
    if (!record) throw new NotFoundError(`No judgement has the id "${id}".`);
    const judgement = judgementOf(record.get("j") as Record<string, unknown>);
    const revert = judgement.judgement === "same" && judgement.changeId ? await revertChange(actor, judgement.changeId, tx) : null;
    await tx.run(`MATCH (j:${MATCH_JUDGEMENT_LABEL} {id: $id}) DELETE j`, { id });
    return { judgement, revert: revert?.id ?? null };
  });
}

/** A name this close warns the person creating or renaming ("Thermo Fisher Scientific Inc." for "Thermo Fisher Scientific"). */
const SIMILAR_THRESHOLD = 0.85;

/** Entities like a name being created or renamed: full-text search for its words, then the matcher's scorer. */
export async function similarEntities(actor: Actor, query: { name: string; type?: string; exclude?: string }): Promise<SimilarEntity[]> {
  requirePermission(actor, "graph:read");
  const form = nameForm(query.name);
  const words = form.core.join(" ") || form.folded;
  if (!/[\p{L}\p{N}]/u.test(words)) return [];
  const lucene = toLuceneQuery(words, "any");
  return read(async (tx) => {
    const hits = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $query, {limit: 200}) YIELD node
       WHERE any(label IN labels(node) WHERE label IN $types) AND ($exclude IS NULL OR node.id <> $exclude)
       RETURN node.id AS id LIMIT 50`,
      { index: ENTITY_SEARCH_INDEX, query: lucene, types: MATCHED_TYPES, exclude: query.exclude ?? null },
    );
    const profiles = await profilesOf(tx, hits.records.map((record) => String(record.get("id"))));
    const similar: SimilarEntity[] = [];
    for (const profile of profiles) {
      if (query.type && !compatibleTypes(query.type, profile.type)) continue;
      // The name alone decides (a new entity has no other evidence yet), with the matcher's own comparison.
      const match = bestNameMatch({ name: query.name, aliases: [], type: profile.type }, profile);
      if (match.similarity >= SIMILAR_THRESHOLD) {
        similar.push({ id: profile.id, name: profile.name, type: profile.type, score: Math.round(match.similarity * 1000) / 1000, reasons: [match.reason] });
      }
    }
    return similar.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, MAX_SIMILAR);
  });
}

