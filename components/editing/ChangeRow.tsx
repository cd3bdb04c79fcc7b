"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { UserText } from "@/components/ui/UserText";
import { ApiError, errorMessage } from "@/lib/api-client";
import type { ChangeSummary } from "@/lib/editing/model";
import { useSubmitKey } from "@/lib/submit-key";
import { ACTION_LABELS, ACTION_STYLES, formatTime } from "./change-labels";
import { ChangeDiff, EntityRef } from "./ChangeDiff";
import { useChangeDetails, useRevert } from "./hooks/useChangeTrail";

export interface ChangeRowProps {
  change: ChangeSummary;
  canRevert: boolean;
  /** The entity whose History this is: not listed again among the entities a change concerns. */
  currentEntity?: string;
  onShowEntity?: (id: string) => void;
  onReverted: (change: ChangeSummary) => void;
}

/** How many entity ids a row lists before "and N more" (a merge or a big delete touches many). */
const ROW_ENTITIES = 6;

/**
 * One change of the trail: when, who, what, whether it was reverted; "Show details" loads its diff,
 * "Revert" (after an inline confirmation) undoes it as a change of its own.
 */
export function ChangeRow({ change, canRevert, currentEntity, onShowEntity, onReverted }: ChangeRowProps) {
  const [open, setOpen] = useState(false);
  const detailsQuery = useChangeDetails(change.id, open);
  const details = detailsQuery.data ?? null;
  const detailsError = detailsQuery.error ? errorMessage(detailsQuery.error, "The details of this change could not be loaded. Try again.") : null;
  const [confirming, setConfirming] = useState(false);
  const { revert: revertMutation, reload } = useRevert();
  const reverting = revertMutation.isPending;
  const submitKey = useSubmitKey();
  const [revertError, setRevertError] = useState<string | null>(null);
  const pendingFocus = useRef<"confirm" | "revert" | "row" | null>(null);
  const rowRef = useRef<HTMLElement>(null);
  const revertRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const summaryId = `${id}-summary`;
  const detailsId = `${id}-details`;
  const questionId = `${id}-question`;

  // The button that had focus is replaced (Revert <-> the confirmation): focus follows, never lost to the page.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    (target === "confirm" ? confirmRef.current : target === "revert" ? (revertRef.current ?? rowRef.current) : rowRef.current)?.focus();
  });

  const time = formatTime(change.at);
  const known = Object.hasOwn(ACTION_LABELS, change.action);
  const action = known ? ACTION_LABELS[change.action] : String(change.action);
  const entities = (Array.isArray(change.entityIds) ? change.entityIds : []).filter((entity) => entity !== currentEntity);
  const mayRevert = canRevert && !change.revertedBy;

  // Opening asks for the details once (kept afterwards); after a failure, opening again asks again.
  const toggleDetails = () => setOpen(!open);

  function askToRevert() {
    setRevertError(null);
    setConfirming(true);
    pendingFocus.current = "confirm";
  }

  function cancel() {
    setConfirming(false);
    pendingFocus.current = "revert";
  }

  async function revert() {
    // A retry after a network error reuses the key: the server answers the first revert's result.
    setRevertError(null);
    try {
      const result = await revertMutation.mutateAsync({ id: change.id, idempotencyKey: submitKey.keyFor(change.id) });
      submitKey.succeeded();
      setConfirming(false);
      pendingFocus.current = "row";
      onReverted(result);
    } catch (cause) {
      setConfirming(false);
      setRevertError(errorMessage(cause, "The change could not be reverted. Try again."));
      pendingFocus.current = "revert";
      // Someone else got there first (already reverted, or a later edit): show the list as it is now.
      if (cause instanceof ApiError && cause.status === 409) reload();
    }
  }

  return (
    <li>
      <article
        ref={rowRef}
        tabIndex={-1}
        data-change-id={change.id}
        aria-labelledby={summaryId}
        className="rounded-md border border-gray-200 bg-white p-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
      >
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-600">
          <span className={`rounded border px-1.5 py-px font-medium ${known ? ACTION_STYLES[change.action] : ACTION_STYLES.revert}`}>{action}</span>
          <time dateTime={change.at} title={time.full}>
            {time.short}
          </time>
          <span>
            by <UserText className="font-medium text-gray-800">{change.actor?.name ?? "someone"}</UserText>
          </span>
        </p>
        <p id={summaryId} className="mt-1 break-words text-gray-900">
          <UserText>{change.summary}</UserText>
        </p>
        {(change.revertedBy || change.revertOf) && (
          <p className="mt-1 flex flex-wrap gap-2 text-xs">
            {change.revertedBy && <span className="rounded border border-gray-300 bg-gray-100 px-1.5 py-px text-gray-800">Reverted</span>}
            {change.revertOf && <span className="rounded border border-gray-300 bg-gray-50 px-1.5 py-px text-gray-700">Revert of an earlier change</span>}
          </p>
        )}
        {entities.length > 0 && (
          <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-gray-700">
            <span>Concerns:</span>
            {entities.slice(0, ROW_ENTITIES).map((entity) => (
              <EntityRef key={entity} id={entity} onShowEntity={onShowEntity} />
            ))}
            {entities.length > ROW_ENTITIES && <span>and {entities.length - ROW_ENTITIES} more</span>}
          </p>
        )}
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Button
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={toggleDetails}
            size="xs"
          >
            {open ? "Hide details" : "Show details"}
          </Button>
          {mayRevert && !confirming && (
            <Button ref={revertRef} onClick={askToRevert} variant="danger" size="xs">
              Revert
            </Button>
          )}
        </div>
        {mayRevert && confirming && (
          <div
            role="group"
            aria-labelledby={questionId}
            onKeyDown={(event) => {
              if (event.key === "Escape" && !reverting) cancel();
            }}
            className="mt-2 flex flex-wrap items-center gap-2 rounded border border-amber-200 bg-amber-50 px-2 py-1.5 text-xs text-amber-950"
          >
            <span id={questionId}>Revert this change? It will be recorded too.</span>
            <Button
              ref={confirmRef}
              onClick={() => void revert()}
              disabled={reverting}
              variant="primary"
              size="xs"
            >
              Confirm revert
            </Button>
            <Button onClick={cancel} disabled={reverting} size="xs">
              Cancel
            </Button>
            {reverting && (
              <Alert as="span" tone="info" plain size="xs">
                Reverting…
              </Alert>
            )}
          </div>
        )}
        {revertError && (
          <Alert tone="error" size="xs" className="mt-2">
            {revertError}
          </Alert>
        )}
        {open && (
          <div id={detailsId} className="mt-2 rounded bg-gray-50 p-2">
            {detailsQuery.isFetching && !details && <p className="text-xs text-gray-600">Loading details…</p>}
            {detailsError && !detailsQuery.isFetching && (
              <Alert tone="error" size="xs" plain>
                {detailsError}
              </Alert>
            )}
            {details && <ChangeDiff change={details} onShowEntity={onShowEntity} />}
          </div>
        )}
      </article>
    </li>
  );
}
