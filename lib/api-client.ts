/**
 * The browser's side of the API: typed fetches that turn an error answer into an ApiError carrying the
 * server's message, so components can show it as it is.
 */
import type { EntityType, RelationshipType } from "./model/registry";
import type { GraphData, GraphEdge, GraphNode, NeighbourPage, SearchHit } from "./graph/types";
import { MAX_VIEW_IDS, type NeighbourOrder } from "./api-schemas";
import type { ClaimsPage } from "./explore/claims";
import type { NeighbourSummary } from "./explore/neighbour-summary";
import type { PathsResult } from "./explore/paths";
import { isolateQuoted } from "./text/bidi";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** What the server added to its message: a syntax error's position, the fields that are wrong... */
    readonly details?: unknown,
  ) {
    // The server's messages quote user text (ids, names): isolated, so it cannot reorder the words around it.
    super(isolateQuoted(message));
  }
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as the Idempotency-Key header: a repeat with the same key is answered without acting twice. */
  idempotencyKey?: string;
}

/** A JSON request to our API; an error answer becomes an ApiError with the server's message. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      signal: options.signal,
      headers: {
        accept: "application/json",
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(options.idempotencyKey !== undefined ? { "idempotency-key": options.idempotencyKey } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "Redstring's server cannot be reached. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => null)) as { error?: string; details?: unknown } | null;
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? `The server answered ${response.status}.`, body?.details);
  }
  if (body === null) throw new ApiError(response.status, "The server's answer could not be read. Try again.");
  return body as T;
}

function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { signal });
}

/** What to tell the reader about a failed call: the server's own message when there is one. */
export function errorMessage(cause: unknown, fallback: string): string {
  return cause instanceof ApiError ? cause.message : fallback;
}

export function searchApi(q: string, options: { limit?: number; type?: EntityType; datasets?: readonly string[] } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams({ q });
  if (options.limit) params.set("limit", String(options.limit));
  if (options.type) params.set("type", options.type);
  if (options.datasets && options.datasets.length > 0) params.set("datasets", options.datasets.join(","));
  return getJson<{ results: SearchHit[] }>(`/api/search?${params}`, signal);
}

export interface NeighbourApiOptions {
  limit?: number;
  offset?: number;
  type?: EntityType;
  /** Only neighbours joined by this relationship type. */
  relationship?: RelationshipType;
  /** "name" (the server's default) or "degree": the most connected first. */
  order?: NeighbourOrder;
  /** The explorer's view: the answer's `links` then join the page to it (lib/explore/expansion.ts). */
  within?: readonly string[];
}

export function neighboursApi(id: string, options: NeighbourApiOptions = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (options.limit !== undefined) params.set("limit", String(options.limit));
  if (options.offset !== undefined) params.set("offset", String(options.offset));
  if (options.type) params.set("type", options.type);
  if (options.relationship) params.set("relationship", options.relationship);
  if (options.order) params.set("order", options.order);
  if (options.within) params.set("within", options.within.join(","));
  const query = params.size > 0 ? `?${params}` : "";
  return getJson<NeighbourPage & { degrees: Record<string, number>; links: GraphEdge[] }>(
    `/api/entities/${encodeURIComponent(id)}/neighbours${query}`,
    signal,
  );
}

export function subgraphApi(ids: readonly string[], signal?: AbortSignal) {
  // A workspace's view is past what an address holds: the same read with the ids in a body.
  if (ids.length > MAX_VIEW_IDS) {
    return requestJson<GraphData & { missing: string[] }>("/api/graph", { method: "POST", body: { ids }, signal });
  }
  return getJson<GraphData & { missing: string[] }>(`/api/graph?ids=${ids.map(encodeURIComponent).join(",")}`, signal);
}

export function entityApi(id: string, signal?: AbortSignal) {
  return getJson<{ entity: GraphNode; degree: number }>(`/api/entities/${encodeURIComponent(id)}`, signal);
}

/** How `from` is connected to `to`: up to k shortest paths (the server's defaults: k 3, maxLength 6). */
export function pathsApi(
  from: string,
  to: string,
  options: { k?: number; maxLength?: number; avoid?: readonly EntityType[] } = {},
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ from, to });
  if (options.k !== undefined) params.set("k", String(options.k));
  if (options.maxLength !== undefined) params.set("maxLength", String(options.maxLength));
  if (options.avoid && options.avoid.length > 0) params.set("avoid", options.avoid.join(","));
  return getJson<PathsResult>(`/api/paths?${params}`, signal);
}

/** Neighbour counts per entity type and per relationship type: cheap, even for a hub. */
export function neighbourSummaryApi(id: string, signal?: AbortSignal) {
  return getJson<NeighbourSummary>(`/api/entities/${encodeURIComponent(id)}/neighbour-summary`, signal);
}

/** The relationships a report is cited by, a page at a time (at most 200). */
export function claimsApi(id: string, options: { limit?: number; offset?: number } = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (options.limit !== undefined) params.set("limit", String(options.limit));
  if (options.offset !== undefined) params.set("offset", String(options.offset));
  const query = params.size > 0 ? `?${params}` : "";
  return getJson<ClaimsPage>(`/api/entities/${encodeURIComponent(id)}/claims${query}`, signal);
}
