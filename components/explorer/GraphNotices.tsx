"use client";

import { Alert } from "@/components/ui/Alert";
import { UserText } from "@/components/ui/UserText";
import { NEIGHBOUR_PAGE_SIZE } from "@/lib/api-schemas";
import type { PendingExpansion } from "./state/reducer";

interface GraphNoticesProps {
  loading: boolean;
  error: string | null;
  /** Offer "Try again" with the error: the view could not be loaded. */
  onRetry: (() => void) | null;
  /** Entities of the link that no longer exist. */
  missing: number;
  notice: string | null;
  pending: PendingExpansion | null;
  onMore: (pending: PendingExpansion) => void;
}

/** What the explorer says over the graph: loading, a failure, entities gone, the id cap, the next page of neighbours. */
export function GraphNotices({ loading, error, onRetry, missing, notice, pending, onMore }: GraphNoticesProps) {
  const gone = missing === 1 ? "1 entity in this link no longer exists." : missing > 1 ? `${missing} entities in this link no longer exist.` : null;
  return (
    <div className="pointer-events-none absolute left-2 right-2 top-2 flex flex-col gap-2" aria-live="polite">
      {loading && <p className="pointer-events-auto w-fit rounded bg-white/90 px-2 py-1 text-xs text-gray-600 shadow">Loading…</p>}
      {error && (
        <Alert tone="error" className="pointer-events-auto w-fit shadow">
          {error}{" "}
          {onRetry && (
            <button type="button" className="underline" onClick={onRetry}>
              Try again
            </button>
          )}
        </Alert>
      )}
      {gone && <p className="pointer-events-auto w-fit rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 shadow">{gone}</p>}
      {notice && <p className="pointer-events-auto w-fit rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 shadow">{notice}</p>}
      {pending && (
        <p className="pointer-events-auto w-fit rounded bg-white/95 px-2 py-1 text-sm text-gray-700 shadow">
          Showing {pending.shown} of {pending.total} neighbours of <UserText>{pending.name}</UserText>.{" "}
          <button type="button" className="text-red-800 underline" onClick={() => onMore(pending)}>
            Add the next {Math.min(NEIGHBOUR_PAGE_SIZE, pending.total - pending.shown)}
          </button>
        </p>
      )}
    </div>
  );
}
