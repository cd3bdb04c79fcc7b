/**
 * The browser's side of the saved-query API (app/api/queries/..., app/api/run-query).
 */
import { requestJson } from "../api-client";
import type { QueryRunResult } from "./execute";
import type { SavedQuery, SavedQueryInput, SavedQuerySummary, SavedQueryVersion } from "./model";
import type { ParameterDeclaration, RawParameterValues } from "./parameters";

const base = (id: string) => `/api/queries/${encodeURIComponent(id)}`;

export function listQueriesApi(options: { q?: string; bin?: boolean } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (options.q) params.set("q", options.q);
  if (options.bin) params.set("bin", "true");
  const query = params.size > 0 ? `?${params}` : "";
  return requestJson<{ queries: SavedQuerySummary[] }>(`/api/queries${query}`, { signal });
}

export function getQueryApi(id: string, signal?: AbortSignal) {
  return requestJson<SavedQuery>(base(id), { signal });
}

export function getQueryVersionApi(id: string, version: number, signal?: AbortSignal) {
  return requestJson<SavedQueryVersion>(`${base(id)}/versions/${version}`, { signal });
}

/** Creates take an Idempotency-Key (lib/submit-key.ts): a retried submit is answered without acting twice. */
export function createQueryApi(input: SavedQueryInput, idempotencyKey?: string) {
  return requestJson<SavedQuery>("/api/queries", { method: "POST", body: input, idempotencyKey });
}

export function updateQueryApi(id: string, input: SavedQueryInput, baseVersion: number) {
  return requestJson<SavedQuery>(base(id), { method: "PUT", body: { ...input, baseVersion } });
}

export function restoreVersionApi(id: string, version: number, baseVersion: number, idempotencyKey?: string) {
  return requestJson<SavedQuery>(`${base(id)}/versions/${version}/restore`, { method: "POST", body: { baseVersion }, idempotencyKey });
}

export function deleteQueryApi(id: string) {
  return requestJson<SavedQuery>(base(id), { method: "DELETE" });
}

export function undeleteQueryApi(id: string) {
  return requestJson<SavedQuery>(`${base(id)}/restore`, { method: "POST" });
}

export function duplicateQueryApi(id: string, idempotencyKey?: string) {
  return requestJson<SavedQuery>(`${base(id)}/duplicate`, { method: "POST", idempotencyKey });
}

export function runSavedQueryApi(id: string, values: RawParameterValues, version?: number, signal?: AbortSignal) {
  return requestJson<{ query: { id: string; version: number; title: string }; result: QueryRunResult }>(`${base(id)}/run`, {
    method: "POST",
    body: { values, ...(version !== undefined ? { version } : {}) },
    signal,
  });
}

export function runDraftApi(cypher: string, parameters: ParameterDeclaration[], values: RawParameterValues, signal?: AbortSignal) {
  return requestJson<{ result: QueryRunResult }>("/api/run-query", {
    method: "POST",
    body: { cypher, parameters, values },
    signal,
  });
}
