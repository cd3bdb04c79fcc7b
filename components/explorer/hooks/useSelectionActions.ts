"use client";

import type { Core } from "cytoscape";
import { useMemo, type RefObject } from "react";
import type { SelectionActions } from "@/components/graph/SelectionBar";
import type { Reading } from "@/components/graph/useReading";
import { withoutNode } from "../state/steps";
import type { ExplorerUrl } from "./useExplorerUrl";

/** At most this many of a selection are expanded at once: each expansion is a read and a step of the URL. */
export const MAX_EXPANDED_AT_ONCE = 10;

const union = (list: readonly string[], more: readonly string[]) => [...new Set([...list, ...more])];

/** The selection bar's actions, as the single-node ones applied to many: one URL step each. */
export function useSelectionActions(url: ExplorerUrl, expand: (id: string) => Promise<unknown>, reading: Reading, coreRef: RefObject<Core | null>): SelectionActions {
  const { viewRef, controlsRef, navigate, setControls } = url;
  return useMemo(() => {
    const clear = () => coreRef.current?.nodes(":selected").unselect();
    return {
      expand: (ids) => {
        void (async () => {
          for (const id of ids.slice(0, MAX_EXPANDED_AT_ONCE)) await expand(id);
        })();
      },
      hide: (ids) => {
        setControls({ hidden: union(controlsRef.current.hidden, ids) });
        clear();
      },
      pin: (ids) => setControls({ pinned: union(controlsRef.current.pinned, ids) }, "replace"),
      group: (ids) => {
        const names = new Map((coreRef.current?.nodes().map((node) => [node.id(), String(node.data("label"))]) ?? []) as [string, string][]);
        reading.groupSelection(ids, names.get(ids[0] ?? "") ?? "");
        clear();
      },
      remove: (ids) => {
        let step = { next: viewRef.current, controls: controlsRef.current };
        for (const id of ids) step = withoutNode(step.next, step.controls, id);
        navigate(step.next, "push", step.controls);
      },
      clear,
    };
  }, [viewRef, controlsRef, navigate, setControls, expand, reading, coreRef]);
}
