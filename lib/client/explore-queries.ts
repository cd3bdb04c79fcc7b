/**
 * The explorer's reads in the browser's data cache (TanStack Query): one key and one query per read, so
 * every component asks by key and shares, cancels and invalidates the same entries. Each query hands its
 * `signal` to the API call: a read nobody waits for any more (the view changed, the search text changed,
 * "Clear graph") is cancelled on the wire. After any write, lib/client/graph-writes.ts marks them stale.
 */
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import {
  claimsApi,
  entityApi,
  neighbourSummaryApi,
  neighboursApi,
  pathsApi,
  searchApi,
  subgraphApi,
  type NeighbourApiOptions,
} from "../api-client";
import { NEIGHBOUR_PAGE_SIZE } from "../api-schemas";
import { deletionPreviewApi } from "../editing/client";
import type { EntityType } from "../model/registry";

/** What a path search asks: the two ends and the limits. */
export interface PathRequest {
  from: string;
  to: string;
  k: number;
  maxLength: number;
  avoid: EntityType[];
}

export const exploreKeys = {
  all: ["explore"] as const,
  /** The set of ids decides the view's graph, not their order. */
  subgraph: (ids: readonly string[]) => ["explore", "subgraph", [...ids].sort().join(",")] as const,
  /** Reads an expansion makes, under one prefix so "Clear graph" and back/forward cancel them all. */
  expansions: () => ["explore", "expansion"] as const,
  neighbourSummary: (id: string) => ["explore", "expansion", "summary", id] as const,
  entity: (id: string) => ["explore", "expansion", "entity", id] as const,
  expansionPage: (id: string, options: NeighbourApiOptions) => ["explore", "expansion", "page", id, options] as const,
  panelNeighbours: (id: string) => ["explore", "neighbours", id] as const,
  claims: (id: string) => ["explore", "claims", id] as const,
  search: (q: string, type: EntityType | null, limit: number, datasets: readonly string[] = []) => ["explore", "search", q, type, limit, [...datasets]] as const,
  paths: (request: PathRequest) => ["explore", "paths", request] as const,
  deletion: (id: string) => ["explore", "deletion", id] as const,
};

/** The entities of a view and every relationship among them (what a URL of the explorer shows). */
export const subgraphQuery = (ids: readonly string[]) =>
  queryOptions({ queryKey: exploreKeys.subgraph(ids), queryFn: ({ signal }) => subgraphApi(ids, signal) });

export const neighbourSummaryQuery = (id: string) =>
  queryOptions({ queryKey: exploreKeys.neighbourSummary(id), queryFn: ({ signal }) => neighbourSummaryApi(id, signal) });

export const entityQuery = (id: string) => queryOptions({ queryKey: exploreKeys.entity(id), queryFn: ({ signal }) => entityApi(id, signal) });

/** A page of neighbours for "expand": asked with the view (`within`), so it brings what joins it to the view. */
export const expansionPageQuery = (id: string, options: NeighbourApiOptions) =>
  queryOptions({ queryKey: exploreKeys.expansionPage(id, options), queryFn: ({ signal }) => neighboursApi(id, options, signal) });

/**
 * An entity's connections in the details panel, a page at a time. The first page is asked without an
 * offset (the server's default), later ones from the count already loaded.
 */
export const panelNeighboursQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: exploreKeys.panelNeighbours(id),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      neighboursApi(id, pageParam === 0 ? { limit: NEIGHBOUR_PAGE_SIZE } : { limit: NEIGHBOUR_PAGE_SIZE, offset: pageParam }, signal),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.nodes.length, 0);
      return loaded < last.total && last.nodes.length > 0 ? loaded : undefined;
    },
  });

/** How many claims of a report the panel lists. */
export const CLAIMS_PAGE = 100;

export const claimsQuery = (id: string) =>
  queryOptions({ queryKey: exploreKeys.claims(id), queryFn: ({ signal }) => claimsApi(id, { limit: CLAIMS_PAGE }, signal) });

/** Search suggestions; the answer carries the text it is for, so a box can tell an old answer from the current one. */
export const searchQuery = (q: string, type: EntityType | undefined, limit: number, datasets: readonly string[] = []) =>
  queryOptions({
    queryKey: exploreKeys.search(q, type ?? null, limit, datasets),
    queryFn: async ({ signal }) => ({ q, results: (await searchApi(q, { limit, type, datasets }, signal)).results }),
  });

export const pathsQuery = (request: PathRequest) =>
  queryOptions({
    queryKey: exploreKeys.paths(request),
    queryFn: ({ signal }) => pathsApi(request.from, request.to, { k: request.k, maxLength: request.maxLength, avoid: request.avoid }, signal),
  });

/** What deleting an entity takes with it: always read afresh, the confirmation must be current. */
export const deletionPreviewQuery = (id: string) =>
  queryOptions({ queryKey: exploreKeys.deletion(id), queryFn: ({ signal }) => deletionPreviewApi(id, signal), staleTime: 0 });

export const isDeletionPreview = (key: readonly unknown[]): boolean => key[0] === "explore" && key[1] === "deletion";
