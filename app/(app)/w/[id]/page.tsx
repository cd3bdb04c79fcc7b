import type { Metadata } from "next";
import { Suspense } from "react";
import { WorkspaceOpening, WorkspacePage, type OpenedWorkspace } from "@/components/workspaces/WorkspacePage";
import { actorFromCookies } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getLargeSubgraph } from "@/lib/explore/large-subgraph";
import { withPage } from "@/lib/page-context";
import { getWorkspace } from "@/lib/workspaces/store";
import { isWorkspaceId } from "@/lib/workspaces/model";

export const metadata: Metadata = { title: "Workspace · Redstring" };
export const dynamic = "force-dynamic";

/**
 * /w/{id}: the workspace is read here, with the reader's session (the same checks as its API), and its
 * graph read is started at once and streamed to the page as it comes, so both reads run while the
 * browser loads the page's scripts (sent first, before either read ends) instead of after them: a view
 * of 20,000 elements is no longer three round trips away from its first picture.
 * A workspace this render cannot read (signed out, not theirs, gone, the database away) is left to the
 * browser, which asks the API and shows the reason; a graph read that fails is asked again by the page.
 */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The page's frame and scripts go out at once; the workspace follows in the stream when it is read.
  return (
    <Suspense fallback={<WorkspaceOpening />}>
      <ReadWorkspace id={id} />
    </Suspense>
  );
}

async function ReadWorkspace({ id }: { id: string }) {
  const opened = isWorkspaceId(id) ? await withPage("/w/[id]", () => openWorkspace(id)) : null;
  return <WorkspacePage id={id} opened={opened} />;
}

async function openWorkspace(id: string): Promise<OpenedWorkspace | null> {
  const actor = await actorFromCookies();
  try {
    const workspace = await getWorkspace(actor, id);
    // Not awaited: the promise is handed to the page and resolves in the stream.
    const graph = workspace.nodes.length === 0 ? Promise.resolve(null) : getLargeSubgraph(actor, workspace.nodes).catch(unread);
    return { workspace, graph };
  } catch (cause) {
    return unread(cause);
  }
}

/** The browser asks again and shows the API's message; only what is not the app's own refusal is logged. */
function unread(cause: unknown): null {
  if (!(cause instanceof AppError)) console.error("[redstring] the workspace page could not read ahead", cause);
  return null;
}
