/** The browser's side of editing and the audit trail: typed calls to the API, errors as ApiError. */
import { requestJson } from "../api-client";
import type { EditResult } from "./edits";
import type { ChangeDetails, ChangePage, ChangeSummary, CreateEntityBody, CreateRelationshipBody, DeletePreview, UpdateRelationshipBody } from "./model";

const path = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

/** Creates take an Idempotency-Key (lib/submit-key.ts): a retried submit is answered without acting twice. */
export const createEntityApi = (body: Partial<CreateEntityBody> & { entity: Record<string, unknown> }, idempotencyKey?: string) =>
  requestJson<EditResult>("/api/entities", { method: "POST", body, idempotencyKey });
export const updateEntityApi = (id: string, entity: Record<string, unknown>, updatedAt: string | null) =>
  requestJson<EditResult>(`/api/entities/${path(id)}`, { method: "PATCH", body: { entity, updatedAt } });
export const deletionPreviewApi = (id: string, signal?: AbortSignal) => requestJson<DeletePreview>(`/api/entities/${path(id)}/deletion`, { signal });
export const deleteEntityApi = (id: string) => requestJson<EditResult>(`/api/entities/${path(id)}`, { method: "DELETE" });
export const mergeApi = (survivor: string, duplicate: string, idempotencyKey?: string) =>
  requestJson<EditResult>("/api/merges", { method: "POST", body: { survivor, duplicate }, idempotencyKey });

export const createRelationshipApi = (
  body: Partial<CreateRelationshipBody> & Pick<CreateRelationshipBody, "type" | "from" | "to">,
  idempotencyKey?: string,
) => requestJson<EditResult>("/api/relationships", { method: "POST", body, idempotencyKey });
export const updateRelationshipApi = (id: string, body: Partial<UpdateRelationshipBody>) =>
  requestJson<EditResult>(`/api/relationships/${path(id)}`, { method: "PATCH", body });
export const deleteRelationshipApi = (id: string) => requestJson<EditResult>(`/api/relationships/${path(id)}`, { method: "DELETE" });

function pageQuery(before: string | null | undefined, limit: number | undefined): string {
  const params = new URLSearchParams();
  if (before) params.set("before", before);
  if (limit) params.set("limit", String(limit));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const changesApi = (options: { before?: string | null; limit?: number } = {}, signal?: AbortSignal) =>
  requestJson<ChangePage>(`/api/changes${pageQuery(options.before, options.limit)}`, { signal });
export const entityHistoryApi = (id: string, options: { before?: string | null; limit?: number } = {}, signal?: AbortSignal) =>
  requestJson<ChangePage>(`/api/entities/${path(id)}/history${pageQuery(options.before, options.limit)}`, { signal });
export const changeApi = (id: string, signal?: AbortSignal) => requestJson<ChangeDetails>(`/api/changes/${path(id)}`, { signal });
export const revertApi = (id: string, idempotencyKey?: string) =>
  requestJson<ChangeSummary>(`/api/changes/${path(id)}/revert`, { method: "POST", idempotencyKey });
