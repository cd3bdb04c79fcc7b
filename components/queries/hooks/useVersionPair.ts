"use client";

import { useQueries } from "@tanstack/react-query";
import { errorMessage } from "@/lib/api-client";
import { savedQueryKeys } from "@/lib/client/keys/queries";
import { getQueryVersionApi } from "@/lib/queries/client";

/**
 * Two saved versions of a query, for the history's comparison. A saved version never changes, so each is
 * read once and kept (staleTime Infinity); `pair` null asks for nothing.
 */
export function useVersionPair(queryId: string, pair: { left: number; right: number } | null) {
  const versionQuery = (version: number | undefined) => ({
    queryKey: savedQueryKeys.version(queryId, version ?? 0),
    queryFn: ({ signal }: { signal: AbortSignal }) => getQueryVersionApi(queryId, version ?? 0, signal),
    enabled: version !== undefined,
    staleTime: Infinity,
  });
  const [before, after] = useQueries({ queries: [versionQuery(pair?.left), versionQuery(pair?.right)] as const });
  const error = before.error ?? after.error;
  return {
    comparison: before.data && after.data ? { before: before.data, after: after.data } : null,
    failure: error ? errorMessage(error, "The versions could not be loaded.") : null,
  };
}
