"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { snapshotKeys } from "@/lib/client/keys/snapshots";
import {
  compareSnapshotApi,
  createSnapshotApi,
  listSnapshotsApi,
  rememberRevokeKey,
  revokeAnySnapshotApi,
  revokeSnapshotApi,
} from "@/lib/snapshots/client";
import type { CreateSnapshotInput } from "@/lib/snapshots/model";

/** Every snapshot of this instance, once the role may list them (snapshots:list). */
export function useSnapshotList(mayList: boolean) {
  return useQuery({
    queryKey: snapshotKeys.list(),
    queryFn: ({ signal }) => listSnapshotsApi(signal).then(({ snapshots }) => snapshots),
    enabled: mayList,
  });
}

/** A snapshot against today's data, read when `asked` (and again with `refetch`), never before. */
export function useSnapshotComparison(id: string, asked: boolean) {
  return useQuery({
    queryKey: snapshotKeys.comparison(id),
    queryFn: ({ signal }) => compareSnapshotApi(id, signal),
    enabled: asked,
    staleTime: 0,
  });
}

/**
 * Making a link (its revoke key kept in this browser) and revoking one, with its key or, for a role with
 * snapshots:revoke-any, without. Either makes the list of shared links stale.
 */
export function useSnapshotWrites() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: snapshotKeys.list() });
  return {
    create: useMutation({
      mutationFn: (input: CreateSnapshotInput) => createSnapshotApi(input),
      onSuccess: (made) => {
        rememberRevokeKey(made.snapshot.id, made.revokeKey);
        onSuccess();
      },
    }),
    revoke: useMutation({
      mutationFn: ({ id, revokeKey }: { id: string; revokeKey: string | null }) =>
        revokeKey ? revokeSnapshotApi(id, revokeKey) : revokeAnySnapshotApi(id),
      onSuccess,
    }),
  };
}
