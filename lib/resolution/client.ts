/**
 * The browser's side of entity resolution (app/api/resolution): the review queue's candidate pairs, the
 * judgements and their undo, the similar-entity warning and a cross-referencing run. Typed fetches only;
 * the queue's hooks (components/resolution/hooks) put them in the data cache.
 */
import { requestJson } from "../api-client";
import type { EntityType } from "../model/registry";
import type { CandidatePage, Judgement, JudgementPage, JudgementResult, RunResult, SimilarEntity } from "./model";

export { HAND_MADE, JUDGEMENTS } from "./model";
export type { Candidate, Judgement, JudgementRecord, MatchSide, SimilarEntity } from "./model";

/** What the queue is narrowed to: an entity type and a data set (either side of a pair); none is everything. */
export interface CandidateFilter {
  type?: EntityType;
  /** A data set id, or "-" for entities made by hand. */
  dataset?: string;
}

export function candidatesApi(filter: CandidateFilter, page: { limit: number; offset?: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.offset) params.set("offset", String(page.offset));
  if (filter.type) params.set("type", filter.type);
  if (filter.dataset) params.set("dataset", filter.dataset);
  return requestJson<CandidatePage>(`/api/resolution/candidates?${params}`, { signal });
}

export function judgeApi(left: string, right: string, judgement: Judgement) {
  return requestJson<JudgementResult>("/api/resolution/judgements", { method: "POST", body: { left, right, judgement } });
}

export function judgementsApi(page: { limit: number; offset?: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.offset) params.set("offset", String(page.offset));
  return requestJson<JudgementPage>(`/api/resolution/judgements?${params}`, { signal });
}

export function undoJudgementApi(id: string) {
  return requestJson<unknown>(`/api/resolution/judgements/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** Existing entities like the one being created or renamed (`exclude`: the one being renamed). */
export function similarApi(query: { name: string; type?: EntityType; exclude?: string }, signal?: AbortSignal) {
  const params = new URLSearchParams({ name: query.name });
  if (query.type) params.set("type", query.type);
  if (query.exclude) params.set("exclude", query.exclude);
  return requestJson<{ similar: SimilarEntity[] }>(`/api/resolution/similar?${params}`, { signal });
}

/** Cross-reference again: one data set against the rest of the graph, or (no id) the whole graph. */
export function runCrossReferenceApi(dataset?: string) {
  return requestJson<RunResult>("/api/resolution/runs", { method: "POST", body: dataset ? { dataset } : {} });
}
