"use client";

import { useSubmitKey } from "@/lib/submit-key";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { errorMessage } from "@/lib/api-client";
import { useCan } from "@/lib/auth/client";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import type { SavedQuerySummary } from "@/lib/queries/model";
import { UserText, UserTextList } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button, buttonClass } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { useLibraryListing, useLibraryWrites } from "./hooks/useLibrary";
import { Field } from "@/components/ui/Field";

const DEBOUNCE_MS = 200;

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/**
 * The shared library of saved queries: filter by title, description or tag; open, duplicate, delete
 * (with undo), and a bin to bring back older deletions. Everyone who may read the graph opens and runs
 * queries; writing, duplicating, deleting and restoring are offered only to roles with queries:write.
 */
export function QueryLibrary() {
  const router = useRouter();
  const write = useCan("queries:write");
  const [text, setText] = useState("");
  const [bin, setBin] = useState(false);
  const [undo, setUndo] = useState<SavedQuerySummary | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const wanted = { q: text.trim(), bin };
  const filter = useDebouncedValue(wanted, DEBOUNCE_MS);
  const listing = useLibraryListing(filter);
  const writes = useLibraryWrites();
  const failure = listing.error ? errorMessage(listing.error, "The library could not be loaded.") : null;

  async function act(action: () => Promise<void>) {
    setStatus(null);
    try {
      await action();
    } catch (cause) {
      setStatus(errorMessage(cause, "That did not work. Try again."));
    }
  }

  const remove = (query: SavedQuerySummary) =>
    act(async () => {
      await writes.remove.mutateAsync(query.id);
      setUndo(query);
    });

  const restore = (query: SavedQuerySummary) =>
    act(async () => {
      await writes.undelete.mutateAsync(query.id);
      setUndo(null);
      setStatus(`“${isolate(query.title)}” is back in the library.`);
    });

  // A retried duplicate (after a network error) reuses its key: one copy, not two.
  const submitKey = useSubmitKey();
  const duplicate = (query: SavedQuerySummary) =>
    act(async () => {
      const copy = await writes.duplicate.mutateAsync({ id: query.id, idempotencyKey: submitKey.keyFor(query.id) });
      submitKey.succeeded();
      router.push(`/queries/${encodeURIComponent(copy.id)}`);
    });

  const queries = listing.data?.queries ?? [];
  // Busy while the typing has not settled, or the list on screen answers an older filter or write.
  const stale = JSON.stringify(wanted) !== JSON.stringify(filter) || listing.isPlaceholderData || listing.isFetching;

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-5xl p-4">
        <div className="flex flex-wrap items-end gap-3">
          <h1 className="mr-auto text-xl font-semibold">{bin ? "Bin" : "Saved queries"}</h1>
          {write.allowed && (
            <Link href="/queries/new" className={buttonClass({ variant: "primary", size: "lg" })}>
              New query
            </Link>
          )}
          <NeedsPermission can={write} className="text-sm text-gray-700" />
        </div>
        <p className="mt-1 text-sm text-gray-600">
          Parameterised Cypher shared by the team. Every query only reads: it can never change the graph.
        </p>

        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Field label="Filter by title, description or tag" className="flex min-w-64 flex-1 flex-col text-sm" labelClassName="mb-1 font-medium text-gray-800">
            {(control) => (
              <input
                {...control}
                type="search"
                value={text}
                maxLength={200}
                onChange={(event) => setText(event.target.value)}
                className="rounded-md border border-gray-300 px-3 py-2"
              />
            )}
          </Field>
          <label className="mt-5 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={bin} onChange={(event) => setBin(event.target.checked)} />
            Show the bin
          </label>
        </div>

        <div aria-live="polite" className="mt-3 space-y-2">
          {undo && (
            <p className="flex flex-wrap items-center gap-2 rounded bg-gray-800 px-3 py-2 text-sm text-white">
              <span>
                “<UserText>{undo.title}</UserText>” moved to the bin.
              </span>
              <button type="button" onClick={() => void restore(undo)} className="font-semibold underline">
                Undo
              </button>
            </p>
          )}
          {status && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{status}</p>}
          {failure && (
            <Alert tone="error" size="lg">
              {failure}
            </Alert>
          )}
        </div>

        {listing.data === undefined && !failure && <p className="mt-4 text-sm text-gray-600">Loading the library…</p>}
        {listing.data !== undefined && queries.length === 0 && (
          <p className="mt-4 text-sm text-gray-600">
            {text.trim() ? (
              <>
                No saved query matches “<UserText>{text.trim()}</UserText>”.
              </>
            ) : bin ? "The bin is empty." : "No saved queries yet."}
          </p>
        )}

        <ul aria-label={bin ? "Queries in the bin" : "Saved queries"} aria-busy={stale} className="mt-4 space-y-3">
          {queries.map((query) => (
            <li key={query.id} className="rounded-md border border-gray-200 bg-white p-3 shadow-sm">
              <div className="flex flex-wrap items-baseline gap-2">
                <h2 className="text-base font-semibold">
                  {bin ? (
                    <UserText>{query.title}</UserText>
                  ) : (
                    <Link href={`/queries/${encodeURIComponent(query.id)}`} className="text-red-900 hover:underline">
                      <UserText>{query.title}</UserText>
                    </Link>
                  )}
                </h2>
                <span className="text-xs text-gray-600">
                  version {query.version} · updated {formatDate(query.updatedAt)}
                </span>
              </div>
              {query.description && (
                <p dir="auto" className="mt-1 text-sm text-gray-700">
                  <UserText>{query.description}</UserText>
                </p>
              )}
              {query.parameters.length > 0 && (
                <p className="mt-1 text-xs text-gray-600">
                  Parameters: <UserTextList items={query.parameters.map((parameter) => `$${parameter.name} (${parameter.type})`)} />
                </p>
              )}
              <div className="mt-2 flex flex-wrap items-center gap-2">
                {query.tags.map((tag) => (
                  <button
                    key={tag}
                    type="button"
                    onClick={() => setText(tag)}
                    aria-label={`Show queries tagged ${isolate(tag)}`}
                    className="rounded-full bg-gray-100 px-2 py-0.5 text-xs text-gray-700 hover:bg-gray-200"
                  >
                    #<UserText>{tag}</UserText>
                  </button>
                ))}
                <span className="ml-auto flex gap-2">
                  {!write.allowed ? null : bin ? (
                    <Button onClick={() => void restore(query)} size="sm">
                      Restore <UserText className="sr-only">{query.title}</UserText>
                    </Button>
                  ) : (
                    <>
                      <Button onClick={() => void duplicate(query)} size="sm">
                        Duplicate <UserText className="sr-only">{query.title}</UserText>
                      </Button>
                      <Button onClick={() => void remove(query)} variant="danger" size="sm">
                        Delete <UserText className="sr-only">{query.title}</UserText>
                      </Button>
                    </>
                  )}
                </span>
              </div>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
