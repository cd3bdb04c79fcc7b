"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, type Dispatch } from "react";
import { afterGraphWrite } from "@/lib/client/graph-writes";
import type { PathsResult } from "@/lib/explore/paths";
import { withNodes } from "@/lib/explore/view-state";
import type { EditOutcome } from "../EditorPanel";
import { redoTarget, undoTarget, type ExplorerAction, type UrlHistory } from "../state/reducer";
import { afterEdit, afterPaths, cleared, toggleIn, withoutNode } from "../state/steps";
import type { ExplorerUrl } from "./useExplorerUrl";

/**
 * What the reader can do to the view, each a step through URLs (./state/steps.ts) plus the reducer's
 * messages: select, show, hide, pin, remove, clear, undo and redo, show paths, and the view after an edit.
 */
export function useExplorerActions(url: ExplorerUrl, dispatch: Dispatch<ExplorerAction>, history: UrlHistory, cancelExpansions: () => void) {
  const queryClient = useQueryClient();
  const { view, viewRef, controlsRef, navigate, setControls, go, currentQuery } = url;

  /** Undo and redo walk the session's earlier and later URLs; either cancels the expansions under way. */
  const walk = useCallback(
    (target: string | undefined, action: "undone" | "redone") => {
      if (target === undefined) return;
      cancelExpansions();
      dispatch({ type: action, current: currentQuery });
      go(target, "push");
    },
    [currentQuery, go, cancelExpansions, dispatch],
  );
  const undo = useCallback(() => walk(undoTarget(history), "undone"), [walk, history]);
  const redo = useCallback(() => walk(redoTarget(history), "redone"), [walk, history]);

  const select = useCallback(
    (id: string | null) => {
      if (id !== view.selected) navigate({ ...view, selected: id }, "replace");
    },
    [navigate, view],
  );

  const unselect = useCallback(() => navigate({ ...viewRef.current, selected: null }, "replace"), [navigate, viewRef]);

  const showEntity = useCallback((id: string) => navigate({ ...withNodes(view, [id]), selected: id }), [navigate, view]);

  const addToGraph = useCallback(
    (ids: string[]) => navigate({ ...withNodes(viewRef.current, ids), selected: viewRef.current.selected }),
    [navigate, viewRef],
  );

  const hideNode = useCallback((id: string) => setControls({ hidden: toggleIn(controlsRef.current.hidden, id) }), [setControls, controlsRef]);
  const pinNode = useCallback(
    (id: string) => setControls({ pinned: toggleIn(controlsRef.current.pinned, id) }, "replace"),
    [setControls, controlsRef],
  );

  const removeNode = useCallback(
    (id: string) => {
      const step = withoutNode(viewRef.current, controlsRef.current, id);
      navigate(step.next, "push", step.controls);
    },
    [navigate, viewRef, controlsRef],
  );

  const clear = useCallback(() => {
    cancelExpansions();
    const step = cleared(controlsRef.current);
    navigate(step.next, "push", step.controls);
  }, [cancelExpansions, navigate, controlsRef]);

  const showPaths = useCallback(
    (result: PathsResult) => {
      const step = afterPaths(viewRef.current, controlsRef.current, result);
      dispatch({ type: "paths-shown", highlight: step.highlight, notice: step.notice });
      navigate(step.next, "push", step.controls);
    },
    [navigate, viewRef, controlsRef, dispatch],
  );

  /** After a saved edit: the forms' mutations have marked the cached reads stale; show the view it leads to. */
  const edited = useCallback(
    (outcome: EditOutcome) => {
      const step = afterEdit(viewRef.current, outcome);
      dispatch({ type: "edit-saved", notice: step.notice });
      navigate(step.next);
    },
    [navigate, viewRef, dispatch],
  );

  /** A change reverted from History: everything on screen is read again. */
  const reverted = useCallback(() => void afterGraphWrite(queryClient), [queryClient]);

  return useMemo(
    () => ({ undo, redo, select, unselect, showEntity, addToGraph, hideNode, pinNode, removeNode, clear, showPaths, edited, reverted }),
    [undo, redo, select, unselect, showEntity, addToGraph, hideNode, pinNode, removeNode, clear, showPaths, edited, reverted],
  );
}

export type ExplorerActions = ReturnType<typeof useExplorerActions>;
