/**
 * The browser's side of snapshots: API calls, and the revoke keys this browser holds. The key is shown
 * once, when the link is made; keeping it in localStorage makes "the creator can revoke" work without
 * accounts (accounts arrive later and will let admins revoke any link).
 */
import { xmlEscape } from "../format/xml";
import { requestJson } from "../api-client";
import type { CreateSnapshotInput, CreatedSnapshot, SnapshotComparison, SnapshotSummary } from "./model";

export function createSnapshotApi(input: CreateSnapshotInput) {
  return requestJson<CreatedSnapshot>("/api/snapshots", { method: "POST", body: input });
}

export function listSnapshotsApi(signal?: AbortSignal) {
  return requestJson<{ snapshots: SnapshotSummary[] }>("/api/snapshots", { signal });
}

export function compareSnapshotApi(id: string, signal?: AbortSignal) {
  return requestJson<SnapshotComparison>(`/api/snapshots/${encodeURIComponent(id)}/compare`, { signal });
}

export function revokeSnapshotApi(id: string, revokeKey: string) {
  return requestJson<SnapshotSummary>(`/api/snapshots/${encodeURIComponent(id)}/revoke`, { method: "POST", body: { revokeKey } });
}

/** An admin revokes without the key (snapshots:revoke-any); the server checks the role. */
export function revokeAnySnapshotApi(id: string) {
  return requestJson<SnapshotSummary>(`/api/snapshots/${encodeURIComponent(id)}/revoke`, { method: "POST", body: {} });
}

const KEYS = "redstring.snapshotRevokeKeys";

function readKeys(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEYS) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberRevokeKey(id: string, key: string) {
  localStorage.setItem(KEYS, JSON.stringify({ ...readKeys(), [id]: key }));
}

export function revokeKeyFor(id: string): string | null {
  return readKeys()[id] ?? null;
}

/** The iframe a newsroom pastes into an article. Attribute values are escaped: the title is user text. */
export function embedSnippet(origin: string, id: string, title: string): string {
  return `<iframe src="${xmlEscape(`${origin}/embed/${id}`)}" title="${xmlEscape(title)}" width="100%" height="480" style="border:0" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`;
}
