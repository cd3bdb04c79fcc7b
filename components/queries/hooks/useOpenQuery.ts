"use client";

import { useQuery } from "@tanstack/react-query";
import { savedQueryKeys } from "@/lib/client/keys/queries";
import { getQueryApi, getQueryVersionApi } from "@/lib/queries/client";
import type { SavedQuery, SavedQueryVersion } from "@/lib/queries/model";

export interface OpenedQuery {
  query: SavedQuery;
  /** The version to show: the one asked for, or the latest. */
  viewing: number;
  /** That version's saved content. */
  content: SavedQuery | SavedQueryVersion;
}

/**
 * A saved query as the editor opens it: the query, then, when an older version is asked for (a run link or
 * the history), that version's content. Both requests share the query's signal, so leaving the page or
 * asking for another version cancels them. `queryId` null (a new query) asks for nothing.
 */
export function useOpenQuery(queryId: string | null, wantedVersion: number | undefined) {
  return useQuery({
    queryKey: savedQueryKeys.open(queryId ?? "", wantedVersion),
    enabled: queryId !== null,
    queryFn: async ({ signal }): Promise<OpenedQuery> => {
      const id = queryId ?? "";
      const query = await getQueryApi(id, signal);
      const viewing = wantedVersion && wantedVersion !== query.version ? wantedVersion : query.version;
      const content = viewing === query.version ? query : await getQueryVersionApi(id, viewing, signal);
      return { query, viewing, content };
    },
  });
}
