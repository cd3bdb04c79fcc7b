"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { errorMessage } from "@/lib/api-client";
import type { ChangeSummary } from "@/lib/editing/model";
import { ChangeRow } from "./ChangeRow";
import { useChangeTrail } from "./hooks/useChangeTrail";

export interface ChangeListProps {
  /** An entity's History; every change (the recent-changes page) when absent. */
  entityId?: string;
  /** Offer "Revert" (graph:edit); the server checks it anyway. */
  canRevert: boolean;
  /** After a revert succeeded, with the revert's own change (every trail reloads by itself). */
  onReverted?: (change: ChangeSummary) => void;
  /** Shows an entity in the explorer; without it, entity ids are links to the explorer. */
  onShowEntity?: (id: string) => void;
}

/**
 * The audit trail, newest first: an entity's History (entityId) or every change. Each change says when,
 * who, what (its summary, a badge for the action) and whether it was reverted (ChangeRow). Everything in
 * a change is the server's data, rendered as text.
 */
export function ChangeList({ entityId, canRevert, onReverted, onShowEntity }: ChangeListProps) {
  const trail = useChangeTrail(entityId);
  const focusAfterLoad = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // A change can move to the next page while the pages reload (a revert adds one on top): shown once.
  const pages = trail.data?.pages;
  const changes = pages ? [...new Map(pages.flatMap((page) => page.changes).map((change) => [change.id, change])).values()] : null;
  const reloading = trail.isFetching && !trail.isFetchingNextPage;
  const olderFailed = trail.isFetchNextPageError;
  const error = trail.error && !olderFailed && !reloading ? errorMessage(trail.error, "The changes could not be loaded. Try again.") : null;

  // After "Show older changes", focus moves to the first change it added (the button may be gone).
  useEffect(() => {
    const id = focusAfterLoad.current;
    if (!id || !listRef.current) return;
    focusAfterLoad.current = null;
    const target = [...listRef.current.querySelectorAll<HTMLElement>("[data-change-id]")].find((element) => element.dataset.changeId === id);
    target?.focus();
  }, [pages]);

  async function showOlder() {
    if (!changes || reloading || !trail.hasNextPage) return;
    const known = new Set(changes.map((change) => change.id));
    const result = await trail.fetchNextPage();
    const added = result.data?.pages.at(-1)?.changes.filter((change) => !known.has(change.id)) ?? [];
    focusAfterLoad.current = added[0]?.id ?? null;
  }

  const label = entityId ? "History" : "Recent changes";
  return (
    <section aria-label={label} aria-busy={reloading} className="text-sm">
      {error && (
        // The box only looks like an alert: the message inside is announced, without the button's label.
        <Alert as="div" tone="error" size="lg" live={false} className="mb-2 flex flex-wrap items-center gap-2">
          <Alert tone="error" plain size="lg">
            {error}
          </Alert>
          <Button onClick={() => void trail.refetch()} variant="danger" size="xs">
            Try again
          </Button>
        </Alert>
      )}
      {changes === null && !error && <p className="text-gray-600">Loading changes…</p>}
      {changes !== null && changes.length === 0 && !error && !reloading && (
        <p className="text-gray-600">{entityId ? "No recorded changes to this entity yet." : "No changes have been recorded yet."}</p>
      )}
      {changes !== null && changes.length > 0 && (
        <ol ref={listRef} className="space-y-2">
          {changes.map((change) => (
            <ChangeRow
              key={change.id}
              change={change}
              canRevert={canRevert}
              currentEntity={entityId}
              onShowEntity={onShowEntity}
              onReverted={(made) => onReverted?.(made)}
            />
          ))}
        </ol>
      )}
      {trail.hasNextPage && !reloading && (
        <Button onClick={() => void showOlder()} disabled={trail.isFetchingNextPage} size="sm" className="mt-3">
          Show older changes
        </Button>
      )}
      {trail.isFetchingNextPage && <p className="mt-1 text-xs text-gray-600">Loading older changes…</p>}
      {olderFailed && !trail.isFetching && (
        <Alert tone="error" size="lg" className="mt-2">
          {errorMessage(trail.error, "The older changes could not be loaded. Try again.")}
        </Alert>
      )}
    </section>
  );
}
