"use client";

import type { Core } from "cytoscape";
import type { ElementDefinitions } from "@/lib/graph/elements";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from "react";
import { MAX_LARGE_VIEW_IDS } from "@/lib/api-schemas";
import { ApiError, errorMessage } from "@/lib/api-client";
import { parseControls, parseViewState, serializeViewState, type ViewControls, type ViewState } from "@/lib/explore/view-state";
import { workspaceKeys } from "@/lib/client/keys/workspaces";
import { updateWorkspaceApi } from "@/lib/workspaces/client";
import { controlsOf, filtersOf, type Workspace, type WorkspacePositions } from "@/lib/workspaces/model";
import type { ExplorerAction } from "@/components/explorer/state/reducer";
import type { ExplorerUrl, NavigationMode } from "@/components/explorer/hooks/useExplorerUrl";

/** How long the view stays still before it is saved: one save for a burst of drags, pans and clicks. */
export const SAVE_DELAY_MS = 1_000;

export type SaveStatus =
  | { state: "saved" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "failed"; message: string }
  /** Saved elsewhere since it was opened (409): only reloading helps. */
  | { state: "conflict"; message: string }
  | { state: "read-only" };

const sameIds = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((id, index) => id === b[index]));

/** Where every node of the canvas is now, in model coordinates. */
export function positionsOf(cy: Core | null): WorkspacePositions {
  const positions: WorkspacePositions = {};
  cy?.nodes().forEach((node) => {
    const { x, y } = node.position();
    if (Number.isFinite(x) && Number.isFinite(y)) positions[node.id()] = { x, y };
  });
  return positions;
}

/**
 * The positions to send: those of nodes placed somewhere other than where the server last stored them
 * (or not stored at all). A drag of one node in a view of 20,000 sends one position, not 1.4 MB of them;
 * the server merges what it is sent into what it has (lib/workspaces/store.ts applyUpdate).
 */
export function positionChanges(now: WorkspacePositions, stored: WorkspacePositions): WorkspacePositions {
  const changes: WorkspacePositions = {};
  for (const [id, position] of Object.entries(now)) {
    const before = stored[id];
    if (!before || Math.abs(before.x - position.x) > 0.01 || Math.abs(before.y - position.y) > 0.01) changes[id] = position;
  }
  return changes;
}

/**
 * What the server holds after a save that sent `sent` for a view of `nodes`: the positions it had and
 * the new ones, for the nodes in the view only (a node taken out loses its position there, so if it comes
 * back, its position is sent again).
 */
export function storedAfterSave(stored: WorkspacePositions, sent: WorkspacePositions, nodes: readonly string[]): WorkspacePositions {
  const merged = { ...stored, ...sent };
  const kept: WorkspacePositions = {};
  for (const id of nodes) if (merged[id]) kept[id] = merged[id];
  return kept;
}

function copyPositions(positions: WorkspacePositions): WorkspacePositions {
  return Object.fromEntries(Object.entries(positions).map(([id, { x, y }]) => [id, { x, y }]));
}

/**
 * The canvas's element definitions with each node at its stored position (a node without one is laid
 * out). Given once, when the workspace opens: Cytoscape then owns where nodes are.
 */
export function withStoredPositions(elements: ElementDefinitions, positions: WorkspacePositions | null): ElementDefinitions {
  if (!positions) return elements;
  return {
    nodes: elements.nodes.map((node) => {
      const position = positions[node.data.id];
      // A copy: Cytoscape moves the very object it is given, which would move the stored one with it.
      return position ? { ...node, position: { x: position.x, y: position.y } } : node;
    }),
    edges: elements.edges,
  };
}

/**
 * The explorer's state kept in a workspace instead of the URL (/w/{id}): the same shape as useExplorerUrl
 * (view, controls, navigate, setControls, go for undo/redo), so the explorer is the same one; but the
 * state lives here, and every change, and every move, pan or zoom on the canvas, is saved to the server
 * after SAVE_DELAY_MS of stillness, from the version last saved (a 409 says someone saved elsewhere).
 */
export function useWorkspaceView(workspace: Workspace | null, dispatch: Dispatch<ExplorerAction>) {
  const [view, setView] = useState<ViewState>(() => ({ nodes: workspace?.nodes ?? [], selected: workspace?.selected ?? null }));
  const [controls, setControlsState] = useState<ViewControls>(() => (workspace ? controlsOf(workspace) : parseControls(new URLSearchParams())));
  const [status, setStatus] = useState<SaveStatus>(workspace && !workspace.canEdit ? { state: "read-only" } : { state: "saved" });
  const viewRef = useRef(view);
  const controlsRef = useRef(controls);
  const coreRef = useRef<Core | null>(null);
  const client = useQueryClient();
  const version = useRef(workspace?.version ?? 1);
  // What the server holds, as far as this page knows: a save sends only what differs from it.
  // A copy of each point, so nothing that moves the canvas's nodes can move these.
  const storedPositions = useRef<WorkspacePositions>(copyPositions(workspace?.positions ?? {}));
  const storedNodes = useRef<readonly string[] | null>(workspace?.nodes ?? null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  // Nothing is saved until the stored viewport is back on screen: fitting and restoring it are not edits.
  const armed = useRef(false);
  const currentQuery = serializeViewState(view, controls);
  const editable = workspace?.canEdit === true;
  const id = workspace?.id ?? "";

  /** One save at a time: a change made while one is on the wire is saved right after it, from its version. */
  const save = useCallback(async () => {
    if (!editable) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        setStatus({ state: "saving" });
        const cy = coreRef.current;
        const nodes = viewRef.current.nodes;
        const nodesChanged = storedNodes.current === null || !sameIds(storedNodes.current, nodes);
        const positions = positionChanges(positionsOf(cy), storedPositions.current);
        const saved = await updateWorkspaceApi(id, {
          version: version.current,
          // The parts that can be big (20,000 ids, their positions) only when they changed.
          ...(nodesChanged ? { nodes } : {}),
          selected: viewRef.current.selected,
          pinned: controlsRef.current.pinned,
          hidden: controlsRef.current.hidden,
          filters: filtersOf(controlsRef.current),
          ...(Object.keys(positions).length > 0 ? { positions } : {}),
          ...(cy ? { viewport: { zoom: cy.zoom(), pan: cy.pan() } } : {}),
        });
        version.current = saved.version;
        // The list on /workspaces shows when each was saved and its size: read it again when next shown.
        void client.invalidateQueries({ queryKey: workspaceKeys.list() });
        storedNodes.current = nodes;
        storedPositions.current = storedAfterSave(storedPositions.current, positions, nodes);
      } while (again.current);
      // A change made while this one was on the wire, whose pause has not ended yet, is not saved.
      setStatus(timer.current ? { state: "pending" } : { state: "saved" });
    } catch (cause) {
      again.current = false;
      if (cause instanceof ApiError && cause.status === 409) setStatus({ state: "conflict", message: cause.message });
      else setStatus({ state: "failed", message: errorMessage(cause, "The workspace could not be saved.") });
    } finally {
      inFlight.current = false;
    }
  }, [client, editable, id]);

  const schedule = useCallback(() => {
    if (!editable || !armed.current) return;
    // The same state object when already pending: no re-render, so a canvas that moves its viewport
    // while rendering cannot keep postponing the save (a loop the e2e run showed stuck on "not saved yet").
    setStatus((now) => (now.state === "conflict" || now.state === "pending" ? now : { state: "pending" }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void save();
    }, SAVE_DELAY_MS);
  }, [editable, save]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const navigate = useCallback(
    (next: ViewState, mode: NavigationMode = "push", nextControls?: ViewControls) => {
      const from = serializeViewState(viewRef.current, controlsRef.current);
      viewRef.current = next;
      if (nextControls) controlsRef.current = nextControls;
      if (mode === "push") dispatch({ type: "stepped", from, to: serializeViewState(next, controlsRef.current) });
      setView(next);
      setControlsState(controlsRef.current);
      schedule();
    },
    [dispatch, schedule],
  );

  const setControls = useCallback(
    (change: Partial<ViewControls>, mode: NavigationMode = "push") => navigate(viewRef.current, mode, { ...controlsRef.current, ...change }),
    [navigate],
  );

  /** Undo and redo hand back an earlier state as a query string, read back with the workspace's cap. */
  const go = useCallback(
    (query: string, mode: NavigationMode) => {
      const params = new URLSearchParams(query);
      navigate(parseViewState(params, MAX_LARGE_VIEW_IDS), mode === "push" ? "replace" : mode, parseControls(params, MAX_LARGE_VIEW_IDS));
    },
    [navigate],
  );

  /**
   * The canvas, once it exists: the stored viewport is put back when the nodes are drawn, then moves,
   * pans, zooms and finished layouts count as changes.
   */
  const attach = useCallback(
    (cy: Core) => {
      if (coreRef.current === cy) return;
      coreRef.current = cy;
      const restore = () => {
        if (cy.destroyed()) return;
        if (cy.nodes().length === 0) {
          requestAnimationFrame(restore);
          return;
        }
        if (workspace?.viewport) cy.viewport({ zoom: workspace.viewport.zoom, pan: workspace.viewport.pan });
        requestAnimationFrame(() => {
          armed.current = true;
        });
      };
      requestAnimationFrame(restore);
      cy.on("dragfree", "node", schedule);
      cy.on("layoutstop", schedule);
      // A viewport event is a change only when zoom or pan really moved: the canvas may set the same
      // viewport again and again (fitting a settled view), which would postpone the save for ever.
      let shown = "";
      cy.on("viewport", () => {
        const pan = cy.pan();
        const now = `${cy.zoom().toFixed(4)} ${pan.x.toFixed(1)} ${pan.y.toFixed(1)}`;
        if (now === shown) return;
        shown = now;
        schedule();
      });
    },
    [schedule, workspace],
  );

  const url: ExplorerUrl = useMemo(
    () => ({ view, controls, currentQuery, viewRef, controlsRef, go, navigate, setControls }),
    [view, controls, currentQuery, go, navigate, setControls],
  );
  return { url, status, attach, retry: save };
}
