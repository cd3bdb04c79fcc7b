"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ApiError, errorMessage } from "@/lib/api-client";
import { changeApi, changesApi, entityHistoryApi, revertApi } from "@/lib/editing/client";
import type { ChangeAction, ChangeDetails, ChangePage, ChangeSummary } from "@/lib/editing/model";
import { useSubmitKey } from "@/lib/submit-key";
import { ChangeDiff, EntityRef } from "./ChangeDiff";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

export interface ChangeListProps {
  /** An entity's History; every change (the recent-changes page) when absent. */
  entityId?: string;
  /** Offer "Revert" (graph:edit); the server checks it anyway. */
  canRevert: boolean;
  /** After a revert succeeded, with the revert's own change: the page reloads what it shows. */
  onReverted?: (change: ChangeSummary) => void;
  /** Shows an entity in the explorer; without it, entity ids are links to the explorer. */
  onShowEntity?: (id: string) => void;
  /** Bump it when the page made an edit of its own: the list reloads. */
  revision?: number;
}

const PAGE_SIZE = 30;
/** The server's largest page: a reload asks for as many changes as were shown, up to this. */
const MAX_PAGE = 100;

const ACTION_LABELS: Record<ChangeAction, string> = {
  "create-entity": "Created",
  "update-entity": "Edited",
  "delete-entity": "Deleted",
  "create-relationship": "Linked",
  "update-relationship": "Link edited",
  "delete-relationship": "Link deleted",
  merge: "Merged",
  revert: "Revert",
};

const ACTION_STYLES: Record<ChangeAction, string> = {
  "create-entity": "border-green-200 bg-green-50 text-green-900",
  "create-relationship": "border-green-200 bg-green-50 text-green-900",
  "update-entity": "border-amber-200 bg-amber-50 text-amber-900",
  "update-relationship": "border-amber-200 bg-amber-50 text-amber-900",
  "delete-entity": "border-red-200 bg-red-50 text-red-900",
  "delete-relationship": "border-red-200 bg-red-50 text-red-900",
  merge: "border-indigo-200 bg-indigo-50 text-indigo-900",
  revert: "border-gray-300 bg-gray-100 text-gray-800",
};

/** "20 Feb 2019, 14:03" in the reader's time zone; the full date-time is in <time dateTime> and the tooltip. */
function formatTime(iso: string): { short: string; full: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: iso, full: iso };
  return {
    short: date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }),
    full: date.toLocaleString("en-GB", { dateStyle: "full", timeStyle: "long" }),
  };
}

/** A page as the server sent it, read defensively: a list that is not one is an empty page. */
function readPage(page: ChangePage): ChangePage {
  return { changes: Array.isArray(page?.changes) ? page.changes : [], next: typeof page?.next === "string" ? page.next : null };
}

interface Loaded {
  /** What was asked: the scope, the revision and the reload count; a different key means "reloading". */
  key: string;
  /** The entity (or "" for every change) the list belongs to: another scope's list is never shown. */
  scope: string;
  changes: ChangeSummary[];
  next: string | null;
  error: string | null;
}

/**
 * The audit trail, newest first: an entity's History (entityId) or every change. Each change says when,
 * who, what (its summary, a badge for the action) and whether it was reverted; "Show details" loads its
 * diff, "Revert" (after an inline confirmation) undoes it as a change of its own. Everything in a change
 * is the server's data, rendered as text.
 */
export function ChangeList({ entityId, canRevert, onReverted, onShowEntity, revision = 0 }: ChangeListProps) {
  const scope = entityId ?? "";
  const [reloads, setReloads] = useState(0);
  const key = `${scope}\u0000${revision}\u0000${reloads}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [older, setOlder] = useState<{ key: string; loading: boolean; error: string | null } | null>(null);
  // How many changes this scope showed last, so a reload (after a revert) keeps the older pages in view.
  const shown = useRef<{ scope: string; count: number }>({ scope: "", count: 0 });
  const focusAfterLoad = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    const count = shown.current.scope === scope ? shown.current.count : 0;
    const options = { limit: Math.min(MAX_PAGE, Math.max(PAGE_SIZE, count)) };
    (entityId ? entityHistoryApi(entityId, options, controller.signal) : changesApi(options, controller.signal))
      .then((answer) => {
        const page = readPage(answer);
        shown.current = { scope, count: page.changes.length };
        setLoaded({ key, scope, changes: page.changes, next: page.next, error: null });
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        const error = errorMessage(cause, "The changes could not be loaded. Try again.");
        setLoaded((previous) =>
          previous?.scope === scope ? { ...previous, key, error } : { key, scope, changes: [], next: null, error },
        );
      });
    return () => controller.abort();
  }, [entityId, scope, key]);

  // After "Show older changes", focus moves to the first change it added (the button may be gone).
  useEffect(() => {
    const id = focusAfterLoad.current;
    if (!id || !listRef.current) return;
    focusAfterLoad.current = null;
    const target = [...listRef.current.querySelectorAll<HTMLElement>("[data-change-id]")].find((element) => element.dataset.changeId === id);
    target?.focus();
  }, [loaded]);

  // A list of another entity is never shown; the same list stays in view while it reloads.
  const current = loaded?.scope === scope ? loaded : null;
  const fresh = loaded?.key === key;
  const error = fresh ? loaded.error : null;
  const olderState = older?.key === key ? older : null;

  async function showOlder() {
    if (!current || !fresh || !current.next) return;
    const at = key;
    const before = current.next;
    setOlder({ key: at, loading: true, error: null });
    try {
      const options = { before, limit: PAGE_SIZE };
      const page = readPage(await (entityId ? entityHistoryApi(entityId, options) : changesApi(options)));
      const known = new Set(current.changes.map((change) => change.id));
      const added = page.changes.filter((change) => !known.has(change.id));
      focusAfterLoad.current = added[0]?.id ?? null;
      shown.current = { scope, count: current.changes.length + added.length };
      setLoaded((previous) => (previous?.key === at ? { ...previous, changes: [...previous.changes, ...added], next: page.next } : previous));
      setOlder(null);
    } catch (cause) {
      setOlder({ key: at, loading: false, error: errorMessage(cause, "The older changes could not be loaded. Try again.") });
    }
  }

  function reverted(change: ChangeSummary) {
    setReloads((count) => count + 1);
    onReverted?.(change);
  }

  const label = entityId ? "History" : "Recent changes";
  return (
    <section aria-label={label} aria-busy={!fresh} className="text-sm">
      {error && (
        // The box only looks like an alert: the message inside is announced, without the button's label.
        <Alert as="div" tone="error" size="lg" live={false} className="mb-2 flex flex-wrap items-center gap-2">
          <p role="alert">{error}</p>
          <Button onClick={() => setReloads((count) => count + 1)} variant="danger" size="xs">
            Try again
          </Button>
        </Alert>
      )}
      {current === null && !error && <p className="text-gray-600">Loading changes…</p>}
      {current !== null && current.changes.length === 0 && !error && fresh && (
        <p className="text-gray-600">{entityId ? "No recorded changes to this entity yet." : "No changes have been recorded yet."}</p>
      )}
      {current !== null && current.changes.length > 0 && (
        <ol ref={listRef} className="space-y-2">
          {current.changes.map((change) => (
            <ChangeRow
              key={change.id}
              change={change}
              canRevert={canRevert}
              currentEntity={entityId}
              onShowEntity={onShowEntity}
              onReverted={reverted}
              onStale={() => setReloads((count) => count + 1)}
            />
          ))}
        </ol>
      )}
      {current?.next && fresh && (
        <Button
          onClick={() => void showOlder()}
          disabled={olderState?.loading}
          size="sm"
          className="mt-3"
        >
          Show older changes
        </Button>
      )}
      {olderState?.loading && <p className="mt-1 text-xs text-gray-600">Loading older changes…</p>}
      {olderState?.error && (
        <Alert tone="error" size="lg" className="mt-2">
          {olderState.error}
        </Alert>
      )}
    </section>
  );
}

interface ChangeRowProps {
  change: ChangeSummary;
  canRevert: boolean;
  /** The entity whose History this is: not listed again among the entities a change concerns. */
  currentEntity?: string;
  onShowEntity?: (id: string) => void;
  onReverted: (change: ChangeSummary) => void;
  /** The server said the list is out of date (a 409): reload it. */
  onStale: () => void;
}

/** How many entity ids a row lists before "and N more" (a merge or a big delete touches many). */
const ROW_ENTITIES = 6;

function ChangeRow({ change, canRevert, currentEntity, onShowEntity, onReverted, onStale }: ChangeRowProps) {
  const [open, setOpen] = useState(false);
  const [details, setDetails] = useState<ChangeDetails | null>(null);
  const [detailsState, setDetailsState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const [confirming, setConfirming] = useState(false);
  const [reverting, setReverting] = useState(false);
  const submitKey = useSubmitKey();
  const [revertError, setRevertError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const pendingFocus = useRef<"confirm" | "revert" | "row" | null>(null);
  const rowRef = useRef<HTMLElement>(null);
  const revertRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const summaryId = `${id}-summary`;
  const detailsId = `${id}-details`;
  const questionId = `${id}-question`;

  useEffect(() => {
    const ours = new AbortController();
    controller.current = ours;
    return () => ours.abort();
  }, []);

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

  function toggleDetails() {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    if (details || detailsState.loading) return;
    setDetailsState({ loading: true, error: null });
    changeApi(change.id, controller.current?.signal)
      .then((loadedDetails) => {
        setDetails(loadedDetails);
        setDetailsState({ loading: false, error: null });
      })
      .catch((cause: unknown) => {
        if (controller.current?.signal.aborted) return;
        setDetailsState({ loading: false, error: errorMessage(cause, "The details of this change could not be loaded. Try again.") });
      });
  }

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
    setReverting(true);
    setRevertError(null);
    try {
      const result = await revertApi(change.id, submitKey.keyFor(change.id));
      submitKey.succeeded();
      setReverting(false);
      setConfirming(false);
      pendingFocus.current = "row";
      onReverted(result);
    } catch (cause) {
      setReverting(false);
      setConfirming(false);
      setRevertError(errorMessage(cause, "The change could not be reverted. Try again."));
      pendingFocus.current = "revert";
      // Someone else got there first (already reverted, or a later edit): show the list as it is now.
      if (cause instanceof ApiError && cause.status === 409) onStale();
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
            {reverting && <span role="status">Reverting…</span>}
          </div>
        )}
        {revertError && (
          <Alert tone="error" size="xs" className="mt-2">
            {revertError}
          </Alert>
        )}
        {open && (
          <div id={detailsId} className="mt-2 rounded bg-gray-50 p-2">
            {detailsState.loading && <p className="text-xs text-gray-600">Loading details…</p>}
            {detailsState.error && (
              <Alert tone="error" size="xs" plain>
                {detailsState.error}
              </Alert>
            )}
            {details && <ChangeDiff change={details} onShowEntity={onShowEntity} />}
          </div>
        )}
      </article>
    </li>
  );
}
