/** The browser's side of workspaces: the API calls (lib/api-client.ts turns error answers into ApiErrors). */
import { requestJson } from "../api-client";
import type { CreateWorkspaceInput, CreatedWorkspace, UpdateWorkspaceInput, Workspace, WorkspaceSummary } from "./model";

export function createWorkspaceApi(input: CreateWorkspaceInput, idempotencyKey?: string) {
  return requestJson<CreatedWorkspace>("/api/workspaces", { method: "POST", body: input, idempotencyKey });
}

export function listWorkspacesApi(signal?: AbortSignal) {
  return requestJson<{ workspaces: WorkspaceSummary[] }>("/api/workspaces", { signal });
}

export function getWorkspaceApi(id: string, signal?: AbortSignal) {
  return requestJson<Workspace>(`/api/workspaces/${encodeURIComponent(id)}`, { signal });
}

export function updateWorkspaceApi(id: string, change: UpdateWorkspaceInput) {
  return requestJson<WorkspaceSummary>(`/api/workspaces/${encodeURIComponent(id)}`, { method: "PATCH", body: change });
}

export function deleteWorkspaceApi(id: string) {
  return requestJson<{ deleted: string }>(`/api/workspaces/${encodeURIComponent(id)}`, { method: "DELETE" });
}
