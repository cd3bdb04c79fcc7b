"use client";

import { Button } from "@/components/ui/Button";
import type { SaveStatus as Status } from "./hooks/useWorkspaceView";
import { Alert } from "@/components/ui/Alert";

const TEXT: Record<Exclude<Status["state"], "failed" | "conflict">, string> = {
  saved: "Saved",
  pending: "Changes not saved yet…",
  saving: "Saving…",
  "read-only": "Read-only: only its owner saves changes to this workspace",
};

/**
 * How the autosave of a workspace stands, announced politely as it changes: saved, saving, or what went
 * wrong with the way out (try again; reload after someone saved it elsewhere).
 */
export function SaveStatus({ status, onRetry, onReload }: { status: Status; onRetry: () => void; onReload: () => void }) {
  if (status.state === "failed" || status.state === "conflict") {
    return (
      <Alert tone="error" plain className="flex flex-wrap items-center gap-2">
        <span>Not saved: {status.message}</span>
        {status.state === "conflict" ? (
          <Button variant="link" size="sm" onClick={onReload}>
            Reload the workspace
          </Button>
        ) : (
          <Button variant="link" size="sm" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Alert>
    );
  }
  return (
    // Stays mounted while the state moves from pending to saving to saved: each change is announced.
    <Alert tone="info" plain data-save-state={status.state}>
      {TEXT[status.state]}
    </Alert>
  );
}
