"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { UserText } from "@/components/ui/UserText";
import { errorMessage } from "@/lib/api-client";
import type { Workspace } from "@/lib/workspaces/model";
import { SaveStatus } from "./SaveStatus";
import type { SaveStatus as Status } from "./hooks/useWorkspaceView";

interface WorkspaceBarProps {
  /** The workspace on screen (/w/{id}), or null in the URL's explorer. */
  workspace: Workspace | null;
  status: Status;
  /** Whether the reader may keep workspaces (signed in). */
  canSave: boolean;
  hasGraph: boolean;
  saving: boolean;
  saveError: unknown;
  onSaveAs: () => void;
  onRetry: () => void;
}

/**
 * The explorer's workspace line: "Save as workspace" (a copy, for a workspace someone else owns), and on
 * /w/{id} its title and how its autosave stands.
 */
export function WorkspaceBar({ workspace, status, canSave, hasGraph, saving, saveError, onSaveAs, onRetry }: WorkspaceBarProps) {
  if (!workspace && !canSave) return null;
  return (
    <div role="region" aria-label="Workspace" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-gray-200 bg-white px-3 py-1.5">
      {workspace && (
        <>
          <h2 className="min-w-0 truncate text-sm font-semibold">
            <UserText>{workspace.title}</UserText>
          </h2>
          <SaveStatus status={status} onRetry={onRetry} onReload={() => window.location.reload()} />
          <Link href="/workspaces" className="text-sm text-red-900 underline">
            All workspaces
          </Link>
        </>
      )}
      {canSave && (!workspace || !workspace.canEdit) && (
        <Button variant="secondary" size="sm" className="ml-auto" disabled={!hasGraph || saving} onClick={onSaveAs}>
          {saving ? "Saving as a workspace…" : workspace ? "Save a copy as workspace" : "Save as workspace"}
        </Button>
      )}
      {saveError !== null && saveError !== undefined && (
        <Alert tone="error" size="sm">
          {errorMessage(saveError, "The workspace could not be made.")}
        </Alert>
      )}
    </div>
  );
}
