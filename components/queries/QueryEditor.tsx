"use client";

import { useSubmitKey } from "@/lib/submit-key";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { ApiError, errorMessage } from "@/lib/api-client";
import { canFrom, useMe } from "@/lib/auth/client";
import {
  createQueryApi,
  getQueryApi,
  getQueryVersionApi,
  restoreVersionApi,
  runDraftApi,
  runSavedQueryApi,
  updateQueryApi,
} from "@/lib/queries/client";
import type { QueryRunResult } from "@/lib/queries/execute";
import type { SavedQuery, SavedQueryInput } from "@/lib/queries/model";
import type { ParameterDeclaration, ParameterProblem, RawParameterValues } from "@/lib/queries/parameters";
import { initialValues, parseRunLink, runLinkSearch } from "@/lib/queries/run-link";
import { ParameterDeclarations } from "./ParameterDeclarations";
import { ParameterForm } from "./ParameterForm";
import { QueryResultView } from "./QueryResultView";
import { VersionHistory } from "./VersionHistory";
import { UserText } from "@/components/ui/UserText";
import { isolateQuoted } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

const CypherInput = dynamic(() => import("./CypherInput"), {
  ssr: false,
  loading: () => <p className="rounded-md border border-gray-300 bg-white p-3 text-sm text-gray-500">Loading the editor…</p>,
});

interface Draft {
  title: string;
  description: string;
  tags: string;
  cypher: string;
  parameters: ParameterDeclaration[];
}

const EMPTY_DRAFT: Draft = { title: "", description: "", tags: "", cypher: "", parameters: [] };

function draftOf(content: { title: string; description: string; tags: string[]; cypher: string; parameters: ParameterDeclaration[] }): Draft {
  return { ...content, tags: content.tags.join(", ") };
}

function inputOf(draft: Draft): SavedQueryInput {
  return {
    title: draft.title,
    description: draft.description,
    cypher: draft.cypher,
    parameters: draft.parameters,
    tags: draft.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
  };
}

interface SyntaxProblem {
  line: number;
  column: number;
  offset: number;
  message: string;
}

/** What a failed save or run means for the form: a syntax error, parameter problems, or a message. */
interface Failure {
  message: string;
  syntax: SyntaxProblem | null;
  problems: ParameterProblem[];
}

function failureOf(cause: unknown, fallback: string): Failure {
  const details = cause instanceof ApiError ? cause.details : undefined;
  const syntax =
    details && typeof details === "object" && !Array.isArray(details) && "line" in details && "column" in details
      ? (details as SyntaxProblem)
      : null;
  const problems = Array.isArray(details)
    ? details.filter((item): item is ParameterProblem => typeof item === "object" && item !== null && "name" in item && "message" in item)
    : [];
  return { message: errorMessage(cause, fallback), syntax, problems };
}

interface Loaded {
  query: SavedQuery;
  /** The version in the editor: the latest, or an older one opened from the history or a run link. */
  viewing: number;
  /** The saved content of that version, to tell whether the editor holds unsaved changes. */
  saved: Draft;
}

interface RunState {
  /** Which run this answers: the URL's query string for a saved run, "draft:N" for an unsaved one. */
  key: string;
  result: QueryRunResult | null;
  failure: Failure | null;
  running: boolean;
}

/**
 * A saved query (or a new one): the Cypher editor, its parameters, its history, and runs. A run of a
 * saved, unchanged query goes through its run link (`/queries/{id}?version=N&name=value`), so the
 * address bar always holds a link that re-runs exactly what is on screen.
 *
 * Roles: running a saved, unchanged query needs graph:read; saving, restoring a version and running
 * changed (draft) Cypher need queries:write. Without it the fields are read-only and Save is replaced by
 * the reason (the server refuses anyway).
 */
export function QueryEditor({ queryId }: { queryId: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const searchKey = searchParams.toString();
  const link = useMemo(() => parseRunLink(new URLSearchParams(searchKey)), [searchKey]);
  const cypherLabelId = useId();
  const runReasonId = useId();
  const me = useMe();
  const write = canFrom(me, "queries:write");
  const read = canFrom(me, "graph:read");
  // Until the user is known the fields stay editable (an analyst typing at once loses nothing).
  const readOnly = !write.allowed && !write.loading;

  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [form, setForm] = useState<{ key: string; values: RawParameterValues } | null>(null);
  const [saveFailure, setSaveFailure] = useState<Failure | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<RunState | null>(null);
  const draftRuns = useRef(0);

  const wantedVersion = link?.version;
  useEffect(() => {
    if (queryId === null) return;
    const controller = new AbortController();
    (async () => {
      const query = await getQueryApi(queryId, controller.signal);
      const viewing = wantedVersion && wantedVersion !== query.version ? wantedVersion : query.version;
      const content = viewing === query.version ? query : await getQueryVersionApi(queryId, viewing, controller.signal);
      const saved = draftOf(content);
      setLoaded({ query, viewing, saved });
      setDraft(saved);
      setLoadFailure(null);
    })().catch((cause: unknown) => {
      if (!controller.signal.aborted) setLoadFailure(errorMessage(cause, "This saved query could not be loaded."));
    });
    return () => controller.abort();
  }, [queryId, wantedVersion]);

  // A run link runs as soon as its query has loaded (and again on back/forward to another run). A bare
  // `?version=N` (from the history) only runs when no required value is missing, so viewing an old
  // version of a query that needs an entity shows its form rather than an error.
  const readyVersion = loaded === null ? null : loaded.viewing;
  const autoRun =
    link !== null &&
    loaded !== null &&
    (Object.keys(link.values).length > 0 ||
      loaded.saved.parameters.every((parameter) => !parameter.required || parameter.defaultValue !== undefined));
  useEffect(() => {
    if (queryId === null || link === null || readyVersion === null || !autoRun) return;
    const controller = new AbortController();
    const key = searchKey;
    const started = setTimeout(() => setRun({ key, result: null, failure: null, running: true }), 0);
    // An answer faster than the timer (a cached or stubbed one) must not be overwritten by "running".
    runSavedQueryApi(queryId, link.values, link.version, controller.signal)
      .then(({ result }) => {
        clearTimeout(started);
        setRun({ key, result, failure: null, running: false });
      })
      .catch((cause: unknown) => {
        clearTimeout(started);
        if (!controller.signal.aborted) setRun({ key, result: null, failure: failureOf(cause, "The query could not be run."), running: false });
      });
    return () => {
      clearTimeout(started);
      controller.abort();
    };
  }, [queryId, link, searchKey, readyVersion, autoRun]);

  // The form shows the run link's values; once someone types, their values (for this link) win.
  const values = form && form.key === searchKey ? form.values : initialValues(draft.parameters, link);
  const setValues = useCallback((next: RawParameterValues) => setForm({ key: searchKey, values: next }), [searchKey]);

  const dirty = loaded === null || JSON.stringify(draft) !== JSON.stringify(loaded.saved);
  const title = draft.title.trim() || "Untitled query";

  // One Idempotency-Key per submit (creating, restoring): retrying the same request after a network
  // error reuses it, so the server answers the first attempt instead of saving twice.
  const submitKey = useSubmitKey();

  async function save() {
    setBusy(true);
    setSaveFailure(null);
    setStatus(null);
    try {
      if (loaded === null) {
        const input = inputOf(draft);
        const created = await createQueryApi(input, submitKey.keyFor(input));
        submitKey.succeeded();
        router.replace(`/queries/${encodeURIComponent(created.id)}`);
        return;
      }
      const updated = await updateQueryApi(loaded.query.id, inputOf(draft), loaded.query.version);
      const saved = draftOf(updated);
      setLoaded({ query: updated, viewing: updated.version, saved });
      setDraft(saved);
      setStatus(`Saved as version ${updated.version}.`);
      if (link?.version !== undefined) router.replace(pathname);
    } catch (cause) {
      setSaveFailure(failureOf(cause, "The query could not be saved."));
    } finally {
      setBusy(false);
    }
  }

  async function restore(version: number) {
    if (loaded === null) return;
    setBusy(true);
    setSaveFailure(null);
    try {
      const request = { id: loaded.query.id, version, baseVersion: loaded.query.version };
      const updated = await restoreVersionApi(request.id, version, request.baseVersion, submitKey.keyFor(request));
      submitKey.succeeded();
      const saved = draftOf(updated);
      setLoaded({ query: updated, viewing: updated.version, saved });
      setDraft(saved);
      setStatus(`Version ${version} restored as version ${updated.version}.`);
      router.replace(pathname);
    } catch (cause) {
      setSaveFailure(failureOf(cause, "That version could not be restored."));
    } finally {
      setBusy(false);
    }
  }

  function runNow() {
    if (loaded !== null && !dirty) {
      const search = runLinkSearch(loaded.viewing, draft.parameters, values);
      // The same link again: the URL does not change, so run it here.
      if (search === searchKey) {
        setRun({ key: searchKey, result: null, failure: null, running: true });
        runSavedQueryApi(loaded.query.id, values, loaded.viewing)
          .then(({ result }) => setRun({ key: searchKey, result, failure: null, running: false }))
          .catch((cause: unknown) => setRun({ key: searchKey, result: null, failure: failureOf(cause, "The query could not be run."), running: false }));
      } else {
        setForm({ key: search, values });
        router.push(`${pathname}?${search}`);
      }
      return;
    }
    const key = `draft:${++draftRuns.current}`;
    setRun({ key, result: null, failure: null, running: true });
    runDraftApi(draft.cypher, draft.parameters, values)
      .then(({ result }) => setRun((current) => (current?.key === key ? { key, result, failure: null, running: false } : current)))
      .catch((cause: unknown) =>
        setRun((current) => (current?.key === key ? { key, result: null, failure: failureOf(cause, "The query could not be run."), running: false } : current)),
      );
  }

  if (queryId !== null && loaded === null) {
    return (
      <div className="flex-1 bg-gray-50">
        <main className="mx-auto max-w-6xl p-4">
          {loadFailure ? (
            <div role="alert" className="space-y-2">
              <h1 className="text-xl font-semibold">This query could not be opened</h1>
              <p className="text-sm text-red-800">{loadFailure}</p>
              <Link href="/queries" className="text-sm text-red-900 underline">
                Back to the library
              </Link>
            </div>
          ) : (
            <p className="text-sm text-gray-600">Loading the query…</p>
          )}
        </main>
      </div>
    );
  }

  const syntax = saveFailure?.syntax ?? run?.failure?.syntax ?? null;
  // A saved, unchanged query runs through its run link (graph:read); anything else is draft Cypher.
  const runCan = loaded !== null && !dirty ? read : write;
  const runLink = loaded && !dirty && run?.key === searchKey && link ? `${pathname}?${searchKey}` : null;
  const olderVersion = loaded !== null && loaded.viewing !== loaded.query.version;

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-6xl p-4">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/queries" className="text-red-900 underline">
            Saved queries
          </Link>
        </nav>
        <h1 className="mt-1 text-xl font-semibold">{queryId === null ? "New query" : <UserText>{title}</UserText>}</h1>
        {loaded && (
          <p className="text-xs text-gray-600">
            Version {loaded.viewing} of {loaded.query.version}
            {dirty && " · unsaved changes"}
            {loaded.query.deletedAt && " · in the bin"}
          </p>
        )}
        {olderVersion && (
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You are looking at version {loaded.viewing}; the latest is version {loaded.query.version}.{" "}
            <button type="button" className="underline" onClick={() => router.push(pathname)}>
              Open the latest
            </button>{" "}
            {write.allowed && (
              <button type="button" className="underline" onClick={() => void restore(loaded.viewing)} disabled={busy}>
                Restore this version
              </button>
            )}
          </p>
        )}

        <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <label className="flex flex-col text-sm">
                <span className="mb-1 font-medium">Title</span>
                <input
                  value={draft.title}
                  maxLength={120}
                  readOnly={readOnly}
                  onChange={(event) => setDraft({ ...draft, title: event.target.value })}
                  className="rounded-md border border-gray-300 px-2 py-1.5"
                />
              </label>
              <label className="flex flex-col text-sm">
                <span className="mb-1 font-medium">Tags (comma-separated)</span>
                <input
                  value={draft.tags}
                  readOnly={readOnly}
                  onChange={(event) => setDraft({ ...draft, tags: event.target.value })}
                  className="rounded-md border border-gray-300 px-2 py-1.5"
                />
              </label>
            </div>
            <label className="flex flex-col text-sm">
              <span className="mb-1 font-medium">Description</span>
              <textarea
                value={draft.description}
                maxLength={2000}
                readOnly={readOnly}
                rows={2}
                onChange={(event) => setDraft({ ...draft, description: event.target.value })}
                className="rounded-md border border-gray-300 px-2 py-1.5"
              />
            </label>
            <div>
              <p id={cypherLabelId} className="mb-1 text-sm font-medium">
                Cypher
              </p>
              <CypherInput
                value={draft.cypher}
                onChange={(cypher) => setDraft((current) => ({ ...current, cypher }))}
                parameterNames={draft.parameters.map((parameter) => parameter.name)}
                errorOffset={syntax?.offset}
                labelledBy={cypherLabelId}
                readOnly={readOnly}
              />
              {syntax && (
                <Alert tone="error" size="xs" className="mt-1 font-mono" data-testid="syntax-error">
                  Line {syntax.line}, column {syntax.column}: <UserText>{isolateQuoted(syntax.message)}</UserText>
                </Alert>
              )}
            </div>
            <ParameterDeclarations
              declarations={draft.parameters}
              onChange={(parameters) => setDraft({ ...draft, parameters })}
              cypher={draft.cypher}
              readOnly={readOnly}
            />
            <div className="flex flex-wrap items-center gap-2">
              {!readOnly && (
                <Button
                  onClick={() => void save()}
                  disabled={busy || !write.allowed || (loaded !== null && !dirty)}
                  variant="primary"
                  size="lg"
                >
                  {loaded === null ? "Save" : "Save new version"}
                </Button>
              )}
              <NeedsPermission can={write} className="text-sm text-gray-700" />
              <span aria-live="polite" className="text-sm text-gray-700">
                {status}
              </span>
            </div>
            {saveFailure && !saveFailure.syntax && (
              <Alert tone="error" size="lg">
                {saveFailure.message}
              </Alert>
            )}

            <section aria-labelledby="run-title" className="rounded-md border border-gray-200 bg-white p-3">
              <h2 id="run-title" className="mb-2 text-sm font-semibold">
                Run
              </h2>
              <ParameterForm declarations={draft.parameters} values={values} onChange={setValues} problems={run?.failure?.problems ?? []} />
              <div className="mt-3 flex flex-wrap items-center gap-2">
                <Button
                  onClick={runNow}
                  disabled={run?.running === true || draft.cypher.trim() === "" || !runCan.allowed}
                  aria-describedby={runCan.reason ? runReasonId : undefined}
                  variant="outline"
                  size="lg"
                >
                  {run?.running ? "Running…" : "Run"}
                </Button>
                {dirty && draft.cypher.trim() !== "" && runCan.allowed && (
                  <span className="text-xs text-gray-600">Runs the unsaved text. Save to get a link to the run.</span>
                )}
                <NeedsPermission can={runCan} id={runReasonId} />
              </div>
              {runLink && (
                <p className="mt-2 text-sm">
                  <label className="flex flex-col">
                    <span className="text-xs text-gray-700">Link to this run</span>
                    <input
                      readOnly
                      value={typeof window === "undefined" ? runLink : `${window.location.origin}${runLink}`}
                      onFocus={(event) => event.target.select()}
                      className="rounded border border-gray-300 bg-gray-50 px-2 py-1 font-mono text-xs"
                    />
                  </label>
                </p>
              )}
              {run?.failure && !run.failure.syntax && (
                <Alert tone="error" size="lg" className="mt-2">
                  {run.failure.message}
                </Alert>
              )}
            </section>
          </div>

          {loaded && (
            <VersionHistory
              key={loaded.query.version}
              query={loaded.query}
              viewing={loaded.viewing}
              busy={busy}
              onView={(version) => router.push(version === loaded.query.version ? pathname : `${pathname}?version=${version}`)}
              onRestore={write.allowed ? (version) => void restore(version) : undefined}
            />
          )}
        </div>

        {run?.result && (
          <QueryResultView
            key={run.key}
            result={run.result}
            title={title}
            origin={{
              kind: "query",
              queryId: loaded && !dirty ? loaded.query.id : null,
              version: loaded && !dirty ? loaded.viewing : null,
              title: title.slice(0, 120),
              values: Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")),
            }}
          />
        )}
      </main>
    </div>
  );
}
