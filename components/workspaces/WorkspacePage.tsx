"use client";

import { Suspense } from "react";
import { Explorer } from "@/components/explorer/Explorer";
import { Alert } from "@/components/ui/Alert";
import { errorMessage } from "@/lib/api-client";
import { useWorkspace } from "./hooks/useWorkspaces";

/** /w/{id}: the explorer with the workspace's picture, once it is read (a new explorer per workspace). */
export function WorkspacePage({ id }: { id: string }) {
  const workspace = useWorkspace(id);
  if (workspace.error) {
    return (
      <main className="mx-auto max-w-3xl p-4">
        <Alert tone="error" size="lg">
          {errorMessage(workspace.error, "The workspace could not be opened.")}
        </Alert>
      </main>
    );
  }
  if (!workspace.data) return <p className="p-4 text-sm text-gray-500">Opening the workspace…</p>;
  return (
    <Suspense fallback={<p className="p-4 text-sm text-gray-500">Loading Redstring…</p>}>
      <Explorer key={workspace.data.id} workspace={workspace.data} />
    </Suspense>
  );
}
