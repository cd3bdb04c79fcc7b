"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { changeKeys } from "@/lib/client/keys/changes";
import { changeApi, changesApi, entityHistoryApi, revertApi } from "@/lib/editing/client";
import type { ChangePage } from "@/lib/editing/model";

const PAGE_SIZE = 30;

/** A page as the server sent it, read defensively: a list that is not one is an empty page. */
function readPage(page: ChangePage): ChangePage {
  return { changes: Array.isArray(page?.changes) ? page.changes : [], next: typeof page?.next === "string" ? page.next : null };
}

/**
 * The audit trail of an entity (or of everything, `entityId` absent), newest first, a page at a time
 * through the server's cursor. Reloading (after a revert, an edit, "Try again") asks again for every page
 * shown, so the older pages stay in view. An edit anywhere invalidates every trail (changeKeys.trails()),
 * so the page that made it need not tell the list.
 */
export function useChangeTrail(entityId: string | undefined) {
  const scope = entityId ?? "";
  const trail = useInfiniteQuery({
    queryKey: changeKeys.trail(scope),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ChangePage) => last.next,
    queryFn: async ({ pageParam, signal }) => {
      const options = { before: pageParam, limit: PAGE_SIZE };
      return readPage(await (entityId ? entityHistoryApi(entityId, options, signal) : changesApi(options, signal)));
    },
  });
  return trail;
}

/** A change's details (its diff), asked for once the row is opened. */
export function useChangeDetails(id: string, open: boolean) {
  return useQuery({
    queryKey: changeKeys.details(id),
    queryFn: ({ signal }) => changeApi(id, signal),
    enabled: open,
    staleTime: Infinity,
  });
}

/** Reverting a change; a success or a conflict (409: the trail moved on) reloads every trail. */
export function useRevert() {
  const client = useQueryClient();
  const reload = () => void client.invalidateQueries({ queryKey: changeKeys.trails() });
  return {
    reload,
    revert: useMutation({
      mutationFn: ({ id, idempotencyKey }: { id: string; idempotencyKey: string }) => revertApi(id, idempotencyKey),
      onSuccess: reload,
    }),
  };
}
