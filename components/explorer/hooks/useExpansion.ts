"use client";

import { isCancelledError, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, type Dispatch, type RefObject } from "react";
import { errorMessage, type NeighbourApiOptions } from "@/lib/api-client";
import { MAX_VIEW_IDS, NEIGHBOUR_PAGE_SIZE } from "@/lib/api-schemas";
import { entityQuery, expansionPageQuery, exploreKeys, neighbourSummaryQuery, subgraphQuery } from "@/lib/client/explore-queries";
import { expansionGraph, mergeGraph, type ExpansionPage } from "@/lib/explore/expansion";
import type { ViewState } from "@/lib/explore/view-state";
import type { ExpandChoice } from "../ExpandChooser";
import type { ExplorerAction } from "../state/reducer";
import { afterExpansion, keyOf } from "../state/steps";
import type { NavigationMode } from "./useExplorerUrl";

/** Expanding a node with more neighbours than this asks the reader what to add. */
const BIG_NEIGHBOURHOOD = NEIGHBOUR_PAGE_SIZE;

export interface ExpandOptions {
  /** Where the page starts: the "Add the next 50" offer. */
  offset?: number;
  /** What the reader chose for a big neighbourhood. */
  choice?: ExpandChoice;
  /** The entity's name when the caller knows it (a search hit), for the chooser's title. */
  name?: string;
}

/** The cached graph of a view, if it has been read. */
function cachedGraph(queryClient: QueryClient, view: ViewState) {
  if (view.nodes.length === 0) return { nodes: [], edges: [], missing: [] };
  return queryClient.getQueryData(subgraphQuery(view.nodes).queryKey);
}

/**
 * Puts the view after an expansion in the cache, so navigating to it reads nothing: the graph on screen
 * plus what the page brought. Only when the page was asked with every entity of the view it builds on;
 * if another expansion changed the view meanwhile, the page lacks the links to what that one added, and
 * the new view is read whole instead.
 */
function seedNextView(queryClient: QueryClient, base: ViewState, askedWith: readonly string[], page: ExpansionPage, next: ViewState) {
  const asked = new Set(askedWith);
  if (!base.nodes.every((id) => asked.has(id))) return;
  const current = cachedGraph(queryClient, base);
  if (!current) return;
  queryClient.setQueryData(subgraphQuery(next.nodes).queryKey, { ...mergeGraph(current, expansionGraph(page), next.nodes), missing: current.missing });
}

interface ExpansionDeps {
  viewRef: RefObject<ViewState>;
  navigate: (next: ViewState, mode?: NavigationMode) => void;
  dispatch: Dispatch<ExplorerAction>;
}

/**
 * "Expand" on a node: a first expansion asks what the node is connected to (a big neighbourhood is the
 * reader's choice), then one page of neighbours, asked with the view so it brings every relationship
 * joining it to what is shown. The page is added to the view; the view is not read again.
 * Expansions finish after the reader may have moved on: they build on the latest view, and "Clear
 * graph", undo/redo and back/forward cancel them, so an old answer never brings back a view they left.
 */
export function useExpansion({ viewRef, navigate, dispatch }: ExpansionDeps) {
  const queryClient = useQueryClient();
  // Cancelling a read that has already answered (from the cache) cannot stop its answer: a cancelled
  // expansion also knows it by this count.
  const generation = useRef(0);

  const cancelExpansions = useCallback(() => {
    generation.current += 1;
    void queryClient.cancelQueries({ queryKey: exploreKeys.expansions() });
  }, [queryClient]);

  useEffect(() => {
    window.addEventListener("popstate", cancelExpansions);
    return () => {
      window.removeEventListener("popstate", cancelExpansions);
      cancelExpansions();
    };
  }, [cancelExpansions]);

  const expand = useCallback(
    async (id: string, { offset = 0, choice, name }: ExpandOptions = {}) => {
      const started = generation.current;
      const cancelled = () => generation.current !== started;
      try {
        if (offset === 0 && !choice) {
          const summary = await queryClient.fetchQuery(neighbourSummaryQuery(id));
          if (cancelled()) return;
          if (summary.total > BIG_NEIGHBOURHOOD) {
            const known = name ?? cachedGraph(queryClient, viewRef.current)?.nodes.find((node) => node.id === id)?.name;
            const title = known ?? (await queryClient.fetchQuery(entityQuery(id))).entity.name;
            if (!cancelled()) dispatch({ type: "chooser-opened", chooser: { id, name: title, summary } });
            return;
          }
        }
        // A workspace's view is past what an address holds: then the page comes without its links to the
        // view, and the new view is read whole (seedNextView sees the page was not asked with every entity).
        const within = viewRef.current.nodes.length <= MAX_VIEW_IDS ? viewRef.current.nodes : [];
        const options: NeighbourApiOptions = choice
          ? { limit: choice.limit, type: choice.type, relationship: choice.relationship, order: "degree", within }
          : { limit: NEIGHBOUR_PAGE_SIZE, offset, within };
        const page = await queryClient.fetchQuery(expansionPageQuery(id, options));
        if (cancelled()) return;
        const base = viewRef.current;
        const step = afterExpansion(base, page, { id, offset, chosen: choice !== undefined });
        seedNextView(queryClient, base, within, page, step.next);
        dispatch({ type: "expanded", pending: step.pending, notice: step.notice });
        navigate(step.next);
      } catch (cause) {
        if (cancelled() || isCancelledError(cause)) return;
        dispatch({ type: "expansion-failed", error: { key: keyOf(viewRef.current), text: errorMessage(cause, "Could not expand this entity.") } });
      }
    },
    [queryClient, viewRef, navigate, dispatch],
  );

  return { expand, cancelExpansions };
}
