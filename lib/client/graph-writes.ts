/**
 * Writes to the graph from the browser, as TanStack mutations. A write can change anything read from the
 * graph (the view, panels, search, paths, history, recent changes), so a successful one marks every
 * cached read stale: what is on screen is read again, the rest when it is next shown. That replaces the
 * revision counters the pages used to bump.
 */
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { isDeletionPreview } from "./explore-queries";

export function afterGraphWrite(queryClient: QueryClient): Promise<void> {
  // A deletion preview is read afresh whenever it is shown (staleTime 0); the one on screen belongs to
  // the form that just wrote, which is closing, so it is not read again for nothing.
  return queryClient.invalidateQueries({ predicate: (query) => !isDeletionPreview(query.queryKey) });
}

/** A mutation whose success marks the cached graph reads stale before the caller hears of it. */
export function useGraphWrite<Input, Result>(write: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    // Not awaited: the caller moves on (closes the form, navigates) while what is on screen is read again.
    onSuccess: () => {
      void afterGraphWrite(queryClient);
    },
  });
}
