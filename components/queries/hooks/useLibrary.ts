"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { savedQueryKeys } from "@/lib/client/keys/queries";
import { deleteQueryApi, duplicateQueryApi, listQueriesApi, undeleteQueryApi } from "@/lib/queries/client";
import type { SavedQuerySummary } from "@/lib/queries/model";

/**
 * The library's listing for a filter and the bin switch. While the next listing loads, the last one stays
 * on screen (marked busy) instead of blanking the page; a newer filter cancels the older request.
 */
export function useLibraryListing(filter: { q: string; bin: boolean }) {
  return useQuery({
    queryKey: savedQueryKeys.list(filter),
    queryFn: ({ signal }) => listQueriesApi(filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** Deleting, bringing back and duplicating a query: each makes every listing stale (and refetches the one on screen). */
export function useLibraryWrites() {
  const client = useQueryClient();
  // Not awaited: the undo bar or the copy's page need not wait for the listing to come back.
  const onSuccess = () => void client.invalidateQueries({ queryKey: savedQueryKeys.all });
  return {
    remove: useMutation({
      mutationFn: (id: string) => deleteQueryApi(id),
      onSuccess: (_binned, id) => {
        // Gone from every library listing at once, whether or not the refetch that follows is quick (or fails).
        client.setQueriesData<{ queries: SavedQuerySummary[] }>({ queryKey: savedQueryKeys.lists() }, (listing) =>
          listing ? { ...listing, queries: listing.queries.filter((query) => query.id !== id) } : listing,
        );
        onSuccess();
      },
    }),
    undelete: useMutation({ mutationFn: (id: string) => undeleteQueryApi(id), onSuccess }),
    duplicate: useMutation({
      mutationFn: ({ id, idempotencyKey }: { id: string; idempotencyKey: string }) => duplicateQueryApi(id, idempotencyKey),
      onSuccess,
    }),
  };
}
