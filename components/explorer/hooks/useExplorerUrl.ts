"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, type Dispatch } from "react";
import { MAX_VIEW_IDS } from "@/lib/api-schemas";
import { parseControls, parseViewState, serializeViewState, type ViewControls, type ViewState } from "@/lib/explore/view-state";
import type { ExplorerAction } from "../state/reducer";

export type NavigationMode = "push" | "replace";

/**
 * The explorer's side of the URL (`?nodes=...&selected=...` and the view controls): what it says, and
 * the one way to change it. A push is an exploration step the reader can undo (recorded through the
 * reducer); a replace (selection, pins, the steps of "Play") is not.
 */
export function useExplorerUrl(dispatch: Dispatch<ExplorerAction>, onOutgrown?: (next: ViewState, controls: ViewControls) => void) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => parseViewState(searchParams), [searchParams]);
  const controls = useMemo(() => parseControls(searchParams), [searchParams]);
  const currentQuery = searchParams.toString();

  // Answers that arrive after the user moved on (an expansion) build on the latest view, not on the
  // render that asked; navigate() moves these at once, as the router updates the URL asynchronously.
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const controlsRef = useRef(controls);
  useEffect(() => {
    controlsRef.current = controls;
  }, [controls]);

  const go = useCallback(
    (query: string, mode: NavigationMode) => router[mode](query ? `${pathname}?${query}` : pathname, { scroll: false }),
    [router, pathname],
  );

  const navigate = useCallback(
    (next: ViewState, mode: NavigationMode = "push", nextControls?: ViewControls) => {
      // Past what an address holds, the view moves to a workspace (/w/{id}) instead of the URL.
      if (onOutgrown && next.nodes.length > MAX_VIEW_IDS) {
        onOutgrown(next, nextControls ?? controlsRef.current);
        return;
      }
      viewRef.current = next;
      if (nextControls) controlsRef.current = nextControls;
      const query = serializeViewState(next, controlsRef.current);
      if (mode === "push") dispatch({ type: "stepped", from: currentQuery, to: query });
      go(query, mode);
    },
    [go, currentQuery, dispatch, onOutgrown],
  );

  const setControls = useCallback(
    (change: Partial<ViewControls>, mode: NavigationMode = "push") => navigate(viewRef.current, mode, { ...controlsRef.current, ...change }),
    [navigate],
  );

  return { view, controls, currentQuery, viewRef, controlsRef, go, navigate, setControls };
}

export type ExplorerUrl = ReturnType<typeof useExplorerUrl>;
