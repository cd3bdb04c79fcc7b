"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { subgraphQuery } from "@/lib/client/explore-queries";
import type { GraphData } from "@/lib/graph/types";

const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };

/**
 * The graph of the view the URL names, from the data cache. While another set of entities loads (or an
 * edit has the same ones read again) the previous graph stays on screen; an expansion puts its result in
 * the cache before it navigates, so the new view is there at once (hooks/useExpansion.ts).
 */
export function useViewGraph(nodes: readonly string[]) {
  const empty = nodes.length === 0;
  const query = useQuery({ ...subgraphQuery(nodes), enabled: !empty, placeholderData: keepPreviousData });
  // The last graph shown stays when a new view fails to load (the placeholder covers only the wait), as
  // before: remembered from earlier renders with React's state-during-render pattern.
  const [lastShown, setLastShown] = useState<GraphData>(EMPTY_GRAPH);
  if (query.data && query.data !== lastShown) setLastShown(query.data);
  const failed = !empty && query.isError && !query.isFetching ? errorMessage(query.error, "Could not load the graph.") : null;
  const missing = empty || query.isPlaceholderData ? 0 : (query.data?.missing.length ?? 0);
  return {
    graph: empty ? EMPTY_GRAPH : (query.data ?? lastShown),
    loading: !empty && query.isFetching,
    failed,
    /** Requested entities that no longer exist (deleted since the link was made). */
    missing,
    retry: () => void query.refetch(),
  };
}
