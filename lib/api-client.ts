/**
 * The browser's side of the API: typed fetches that turn an error answer into an ApiError carrying the
 * server's message, so components can show it as it is.
 */
import type { EntityType } from "./model/registry";
import type { GraphData, NeighbourPage, SearchHit } from "./graph/types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: "application/json" } });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "Redstring's server cannot be reached. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? `The server answered ${response.status}.`);
  }
  if (body === null) throw new ApiError(response.status, "The server's answer could not be read. Try again.");
  return body as T;
}

/** What to tell the reader about a failed call: the server's own message when there is one. */
export function errorMessage(cause: unknown, fallback: string): string {
  return cause instanceof ApiError ? cause.message : fallback;
}

export function searchApi(q: string, options: { limit?: number; type?: EntityType } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams({ q });
  if (options.limit) params.set("limit", String(options.limit));
  if (options.type) params.set("type", options.type);
  return getJson<{ results: SearchHit[] }>(`/api/search?${params}`, signal);
}

export function neighboursApi(id: string, options: { limit?: number; offset?: number } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (options.limit !== undefined) params.set("limit", String(options.limit));
  if (options.offset !== undefined) params.set("offset", String(options.offset));
  const query = params.size > 0 ? `?${params}` : "";
  return getJson<NeighbourPage>(`/api/entities/${encodeURIComponent(id)}/neighbours${query}`, signal);
}

export function subgraphApi(ids: readonly string[], signal?: AbortSignal) {
  return getJson<GraphData & { missing: string[] }>(`/api/graph?ids=${ids.map(encodeURIComponent).join(",")}`, signal);
}
