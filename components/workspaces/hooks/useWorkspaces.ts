"use client";

import type { Core } from "cytoscape";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, type RefObject } from "react";
import type { ViewControls, ViewState } from "@/lib/explore/view-state";
import { workspaceKeys } from "@/lib/client/keys/workspaces";
import { createWorkspaceApi, deleteWorkspaceApi, getWorkspaceApi, listWorkspacesApi, updateWorkspaceApi } from "@/lib/workspaces/client";
import { filtersOf, type Workspace } from "@/lib/workspaces/model";
import { positionsOf } from "./useWorkspaceView";

/** The signed-in user's workspaces, newest change first. */
export function useWorkspaceList(enabled: boolean) {
  return useQuery({
    queryKey: workspaceKeys.list(),
    queryFn: ({ signal }) => listWorkspacesApi(signal).then(({ workspaces }) => workspaces),
    enabled,
  });
}

/**
 * One workspace as it is opened at /w/{id}; never refetched behind the reader's back (the explorer holds
 * the live copy and saves it). Dropped from the cache once the page is left (gcTime 0): the autosave does
 * not write the cache, so a workspace opened again must be read again, or it would show the picture and the
 * version it was first opened at (and its next save would be refused as a conflict).
 */
export function useWorkspace(id: string, readByServer?: Workspace) {
  return useQuery({
    queryKey: workspaceKeys.one(id),
    queryFn: ({ signal }) => getWorkspaceApi(id, signal),
    // The page's server render read it already (app/(app)/w/[id]/page.tsx): no second read.
    ...(readByServer?.id === id ? { initialData: readByServer } : {}),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** Rename and delete from the list; either makes the list stale. */
export function useWorkspaceWrites() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: workspaceKeys.all });
  return {
    rename: useMutation({
      mutationFn: ({ id, version, title }: { id: string; version: number; title: string }) => updateWorkspaceApi(id, { version, title }),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => deleteWorkspaceApi(id), onSuccess }),
  };
}

export function defaultWorkspaceTitle(now = new Date()): string {
  return `Workspace of ${now.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`;
}

/**
 * Moves a view to a new workspace and opens it at /w/{id}: "Save as workspace", and what the explorer does
 * by itself when a view outgrows the URL. Positions come from the canvas, where it has them.
 */
export function useSaveAsWorkspace(coreRef: RefObject<Core | null>) {
  const router = useRouter();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ view, controls, title }: { view: ViewState; controls: ViewControls; title: string }) => {
      const cy = coreRef.current;
      return createWorkspaceApi({
        title,
        nodes: view.nodes,
        positions: positionsOf(cy),
        pinned: controls.pinned,
        hidden: controls.hidden,
        filters: filtersOf(controls),
        selected: view.selected,
        viewport: cy ? { zoom: cy.zoom(), pan: cy.pan() } : null,
      });
    },
    onSuccess: (made) => {
      void client.invalidateQueries({ queryKey: workspaceKeys.list() });
      router.push(made.path);
    },
  });
  const { mutate } = mutation;
  const saveAs = useCallback(
    (view: ViewState, controls: ViewControls, title = defaultWorkspaceTitle()) => mutate({ view, controls, title }),
    [mutate],
  );
  return { saveAs, saving: mutation.isPending, error: mutation.error };
}
