"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { savedQueryKeys } from "@/lib/client/keys/queries";
import { createQueryApi, restoreVersionApi, updateQueryApi } from "@/lib/queries/client";
import type { SavedQuery, SavedQueryInput } from "@/lib/queries/model";
import type { OpenedQuery } from "./useOpenQuery";

/**
 * Creating, saving and restoring a saved query. Each answers with the query as saved, which becomes the
 * cached latest version at once (no second read); every other cached view of that query (older versions
 * opened with their "latest" pointer) is marked stale, and so is every library listing.
 */
export function useQueryWrites() {
  const client = useQueryClient();
  const remember = (saved: SavedQuery) => {
    void client.invalidateQueries({ queryKey: savedQueryKeys.query(saved.id), refetchType: "none" });
    client.setQueryData<OpenedQuery>(savedQueryKeys.open(saved.id, undefined), { query: saved, viewing: saved.version, content: saved });
    void client.invalidateQueries({ queryKey: savedQueryKeys.lists() });
  };

  const create = useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: SavedQueryInput; idempotencyKey: string }) => createQueryApi(input, idempotencyKey),
    onSuccess: remember,
  });
  const update = useMutation({
    mutationFn: ({ id, input, baseVersion }: { id: string; input: SavedQueryInput; baseVersion: number }) => updateQueryApi(id, input, baseVersion),
    onSuccess: remember,
  });
  const restore = useMutation({
    mutationFn: ({ id, version, baseVersion, idempotencyKey }: { id: string; version: number; baseVersion: number; idempotencyKey: string }) =>
      restoreVersionApi(id, version, baseVersion, idempotencyKey),
    onSuccess: remember,
  });

  return { create, update, restore, busy: create.isPending || update.isPending || restore.isPending };
}
