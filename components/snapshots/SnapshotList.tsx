"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { errorMessage } from "@/lib/api-client";
import { canFrom, useMe } from "@/lib/auth/client";
import { revokeKeyFor } from "@/lib/snapshots/client";
import type { SnapshotSummary } from "@/lib/snapshots/model";
import { formatSnapshotDate } from "./SnapshotView";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useSnapshotList, useSnapshotWrites } from "./hooks/useSnapshots";

/**
 * Every snapshot made on this instance: title, date, size, state (snapshots:list; a signed-out visitor is
 * told to sign in). Revoke for the links this browser made (it holds their keys), and for every link when
 * the role may revoke any (snapshots:revoke-any).
 */
export function SnapshotList() {
  const me = useMe();
  const listing = canFrom(me, "snapshots:list");
  const revokeAny = canFrom(me, "snapshots:revoke-any");
  const list = useSnapshotList(listing.allowed);
  const { revoke: revoking } = useSnapshotWrites();
  const [revokeFailure, setRevokeFailure] = useState<string | null>(null);
  // The snapshot whose Revoke was pressed, while the confirmation asks.
  const [asking, setAsking] = useState<SnapshotSummary | null>(null);
  const snapshots = list.data ?? null;
  const failure = revokeFailure ?? (list.error ? errorMessage(list.error, "The shared links could not be loaded.") : null);
  // Revoke keys live in this browser's storage, which only exists here, once the list has come.
  const keys = useMemo(
    () =>
      Object.fromEntries(
        (snapshots ?? []).flatMap((item) => {
          const key = revokeKeyFor(item.id);
          return key ? [[item.id, key]] : [];
        }),
      ) as Record<string, string>,
    [snapshots],
  );

  async function revoke(item: SnapshotSummary) {
    const key = keys[item.id];
    setAsking(null);
    if (!key && !revokeAny.allowed) return;
    try {
      await revoking.mutateAsync({ id: item.id, revokeKey: key ?? null });
    } catch (cause) {
      setRevokeFailure(errorMessage(cause, "The link could not be revoked."));
    }
  }

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-5xl p-4">
        <h1 className="text-xl font-semibold">Shared links</h1>
        <p className="mt-1 text-sm text-gray-600">
          Snapshots made with “Share” on this Redstring. Each shows its subgraph as it was when shared.{" "}
          {revokeAny.allowed ? "You can revoke any of them here." : "Links made in this browser can be revoked here."}
        </p>
        {listing.allowed && revokeAny.reason && (
          <p className="mt-1">
            <NeedsPermission can={revokeAny} />
          </p>
        )}
        {listing.reason && (
          <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <NeedsPermission can={listing} className="" />
          </p>
        )}
        {failure && (
          <Alert tone="error" size="lg" className="mt-3">
            {failure}
          </Alert>
        )}
        {snapshots === null && !failure && !listing.reason && <p className="mt-4 text-sm text-gray-600">Loading…</p>}
        {snapshots?.length === 0 && <p className="mt-4 text-sm text-gray-600">Nothing has been shared yet. Use “Share” in the explorer or on a query result.</p>}
        {snapshots && snapshots.length > 0 && (
          <table className="mt-4 w-full border border-gray-200 bg-white text-left text-sm">
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2">Shared</th>
                <th scope="col" className="px-3 py-2">Size</th>
                <th scope="col" className="px-3 py-2">State</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {snapshots.map((item) => (
                <tr key={item.id} className="border-t border-gray-100">
                  <td className="px-3 py-2">
                    {item.revokedAt ? (
                      <UserText>{item.title}</UserText>
                    ) : (
                      <Link href={`/s/${item.id}`} className="text-red-900 underline">
                        <UserText>{item.title}</UserText>
                      </Link>
                    )}
                  </td>
                  <td className="px-3 py-2">{formatSnapshotDate(item.createdAt)}</td>
                  <td className="px-3 py-2">{item.nodeCount} entities, {item.edgeCount} links</td>
                  <td className="px-3 py-2">{item.revokedAt ? `Revoked ${formatSnapshotDate(item.revokedAt)}` : "Active"}</td>
                  <td className="px-3 py-2 text-right">
                    {!item.revokedAt && (keys[item.id] || revokeAny.allowed) && (
                      <Button onClick={() => setAsking(item)} variant="danger" size="xs">
                        Revoke <UserText className="sr-only">{item.title}</UserText>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {asking && (
          <ConfirmDialog
            title={
              <>
                Revoke “<UserText>{asking.title}</UserText>”?
              </>
            }
            confirmLabel="Revoke link"
            onConfirm={() => void revoke(asking)}
            onCancel={() => setAsking(null)}
          >
            The link, its embed and its preview image will stop working.
          </ConfirmDialog>
        )}
      </main>
    </div>
  );
}
