"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Suspense, use, useState } from "react";
import { Explorer } from "@/components/explorer/Explorer";
import { Alert } from "@/components/ui/Alert";
import { errorMessage } from "@/lib/api-client";
import { subgraphQuery } from "@/lib/client/explore-queries";
import type { GraphData } from "@/lib/graph/types";
import type { Workspace } from "@/lib/workspaces/model";
import { useWorkspace } from "./hooks/useWorkspaces";

/**
 * What the server read for the page before the browser asked (app/(app)/w/[id]/page.tsx): the workspace,
 * and its graph as a promise that streams in; null for a graph the server could not read.
 */
export interface OpenedWorkspace {
  workspace: Workspace;
  graph: Promise<(GraphData & { missing: string[] }) | null>;
}

/** What the page shows until the workspace and its graph are there (also the server page's fallback). */
export function WorkspaceOpening() {
  return <p className="p-4 text-sm text-gray-500">Opening the workspace…</p>;
}

const opening = <WorkspaceOpening />;

/** /w/{id}: the explorer with the workspace's picture, once it is read (a new explorer per workspace). */
export function WorkspacePage({ id, opened = null }: { id: string; opened?: OpenedWorkspace | null }) {
  const workspace = useWorkspace(id, opened?.workspace);
  if (workspace.error) {
    return (
      <main className="mx-auto max-w-3xl p-4">
        <Alert tone="error" size="lg">
          {errorMessage(workspace.error, "The workspace could not be opened.")}
        </Alert>
      </main>
    );
  }
  if (!workspace.data) return opening;
  const explorer = <Explorer key={workspace.data.id} workspace={workspace.data} />;
  return (
    <Suspense fallback={opening}>
      {opened && opened.workspace.id === workspace.data.id ? (
        <WithGraphFromServer graph={opened.graph} nodes={workspace.data.nodes}>
          {explorer}
        </WithGraphFromServer>
      ) : (
        explorer
      )}
    </Suspense>
  );
}

/**
 * Waits for the graph the server streams and puts it in the data cache under the view's key before the
 * explorer mounts, so the explorer finds it there instead of asking for it again. Without one (the server
 * could not read it), the explorer asks as it always does.
 */
function WithGraphFromServer({ graph, nodes, children }: { graph: OpenedWorkspace["graph"]; nodes: readonly string[]; children: React.ReactNode }) {
  const streamed = use(graph);
  const client = useQueryClient();
  // Once, before the first render of the explorer below (a state initialiser, not an effect, which would
  // run after the explorer had already started its own read). Writing the same data twice is harmless.
  useState(() => {
    if (streamed) client.setQueryData(subgraphQuery(nodes).queryKey, streamed);
    return null;
  });
  return children;
}
