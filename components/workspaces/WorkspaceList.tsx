"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { UserText } from "@/components/ui/UserText";
import { formatSnapshotDate } from "@/components/snapshots/SnapshotView";
import { errorMessage } from "@/lib/api-client";
import { canFrom, useMe } from "@/lib/auth/client";
import { workspacePath, type WorkspaceSummary } from "@/lib/workspaces/model";
import { useWorkspaceList, useWorkspaceWrites } from "./hooks/useWorkspaces";
import { Field } from "@/components/ui/Field";

/** One workspace's row: open it, rename it in place, delete it (after a confirmation). */
function WorkspaceRow({ item, onFailure }: { item: WorkspaceSummary; onFailure: (message: string) => void }) {
  const { rename, remove } = useWorkspaceWrites();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(item.title);
  const [confirming, setConfirming] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await rename.mutateAsync({ id: item.id, version: item.version, title });
      setEditing(false);
    } catch (cause) {
      onFailure(errorMessage(cause, "The workspace could not be renamed."));
    }
  }

  async function drop() {
    setConfirming(false);
    try {
      await remove.mutateAsync(item.id);
    } catch (cause) {
      onFailure(errorMessage(cause, "The workspace could not be deleted."));
    }
  }

  return (
    <tr className="border-t border-gray-200 align-top">
      <td className="px-2 py-1.5">
        {editing ? (
          <form onSubmit={(event) => void submit(event)} className="flex flex-wrap gap-1">
            <Field id={`title-${item.id}`} label="New title" className="flex min-w-0 flex-1" labelClassName="sr-only">
              {(control) => (
                <input
                  {...control}
                  value={title}
                  maxLength={120}
                  required
                  onChange={(event) => setTitle(event.target.value)}
                  className="min-w-0 flex-1 rounded border border-gray-300 px-2 py-1"
                />
              )}
            </Field>
            <Button type="submit" variant="primary" size="xs" disabled={rename.isPending}>
              Save
            </Button>
            <Button variant="link" size="xs" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <Link href={workspacePath(item.id)} className="font-medium text-red-900 underline">
            <UserText>{item.title}</UserText>
          </Link>
        )}
      </td>
      <td className="px-2 py-1.5 tabular-nums">{item.nodeCount.toLocaleString("en-US")}</td>
      <td className="px-2 py-1.5">{formatSnapshotDate(item.updatedAt)}</td>
      <td className="px-2 py-1.5">
        <div className="flex flex-wrap gap-1">
          <Button variant="secondary" size="xs" onClick={() => setEditing(true)} aria-label={`Rename ${item.title}`}>
            Rename
          </Button>
          <Button variant="danger" size="xs" onClick={() => setConfirming(true)} disabled={remove.isPending} aria-label={`Delete ${item.title}`}>
            Delete
          </Button>
        </div>
        {confirming && (
          <ConfirmDialog
            title={
              <>
                Delete “<UserText>{item.title}</UserText>”?
              </>
            }
            confirmLabel="Delete workspace"
            onConfirm={() => void drop()}
            onCancel={() => setConfirming(false)}
          >
            Its link will stop working. The entities themselves stay.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

/** /workspaces: the reader's workspaces (views kept on the server), newest change first. */
export function WorkspaceList() {
  const me = useMe();
  const keeping = canFrom(me, "workspaces:own");
  const list = useWorkspaceList(keeping.allowed);
  const [failure, setFailure] = useState<string | null>(null);
  const workspaces = list.data ?? null;
  const shown = failure ?? (list.error ? errorMessage(list.error, "The workspaces could not be loaded.") : null);
  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-5xl p-4">
        <h1 className="text-xl font-semibold">Workspaces</h1>
        <p className="mt-1 text-sm text-gray-600">
          Views kept on the server, up to 20,000 entities each, saved as you work. Anyone signed in who has a workspace’s link can open
          it read-only; only you change yours.
        </p>
        {keeping.reason && (
          <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <NeedsPermission can={keeping} className="" />
          </p>
        )}
        {shown && (
          <Alert tone="error" size="lg" className="mt-3">
            {shown}
          </Alert>
        )}
        {workspaces === null && !shown && !keeping.reason && <p className="mt-4 text-sm text-gray-600">Loading…</p>}
        {workspaces?.length === 0 && <p className="mt-4 text-sm text-gray-600">No workspaces yet. Use “Save as workspace” in the explorer.</p>}
        {workspaces && workspaces.length > 0 && (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border border-gray-200 bg-white text-left text-sm">
              <thead className="bg-gray-50">
                <tr>
                  <th scope="col" className="px-2 py-1.5">Title</th>
                  <th scope="col" className="px-2 py-1.5">Entities</th>
                  <th scope="col" className="px-2 py-1.5">Updated</th>
                  <th scope="col" className="px-2 py-1.5">Actions</th>
                </tr>
              </thead>
              <tbody>
                {workspaces.map((item) => (
                  <WorkspaceRow key={item.id} item={item} onFailure={setFailure} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </div>
  );
}
