"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useReducer } from "react";
import { errorMessage } from "@/lib/api-client";
import { failureOf } from "@/lib/queries/editor-failure";
import { INITIAL_EDITOR_STATE, editorReducer, inputOf, isDirty, type Draft } from "@/lib/queries/editor-state";
import type { RawParameterValues } from "@/lib/queries/parameters";
import { followLink, sameRun, type RunRequest } from "@/lib/queries/run-request";
import { initialValues, parseRunLink, runLinkSearch } from "@/lib/queries/run-link";
import { useSubmitKey } from "@/lib/submit-key";
import { useOpenQuery } from "./useOpenQuery";
import { useQueryRun } from "./useQueryRun";
import { useQueryWrites } from "./useQueryWrites";

/**
 * Everything the query editor does, for components/queries/QueryEditor.tsx to render: the form's state
 * (lib/queries/editor-state.ts), the open query, the run on screen, and save, restore and run. A run of a
 * saved, unchanged query goes through its run link, so the address bar always holds a link that re-runs
 * exactly what is on screen.
 */
export function useQueryEditor(queryId: string | null) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const link = useMemo(() => parseRunLink(new URLSearchParams(search)), [search]);
  const [state, dispatch] = useReducer(editorReducer, INITIAL_EDITOR_STATE);
  const { loaded, draft } = state;

  const opened = useOpenQuery(queryId, link?.version);
  const openedData = opened.data;
  useEffect(() => {
    if (openedData) dispatch({ type: "opened", ...openedData });
  }, [openedData]);

  // A run link runs as soon as its query is open (and again on back/forward to another run). A bare
  // `?version=N` (from the history) only runs when no required value is missing, so viewing an old
  // version of a query that needs an entity shows its form rather than an error.
  const autoRun =
    link !== null &&
    loaded !== null &&
    (Object.keys(link.values).length > 0 ||
      loaded.saved.parameters.every((parameter) => !parameter.required || parameter.defaultValue !== undefined));
  const linked: RunRequest | null =
    queryId !== null && link !== null && loaded !== null && autoRun
      ? { kind: "saved", id: queryId, version: link.version, values: link.values, viewing: loaded.viewing }
      : null;
  const followed = followLink(state.run, linked, search);
  // Adjusting state while rendering (React's pattern for state derived from a changed input), so the
  // new run starts in this render instead of after a frame showing the old one.
  if (followed !== state.run) dispatch({ type: "linkFollowed", run: followed });

  const run = useQueryRun(state.run?.request ?? null);
  const running = run.isFetching;
  const runFailure = !running && run.error ? failureOf(run.error, "The query could not be run.") : null;

  // The form shows the run link's values; once someone types, their values (for this link) win.
  const values = state.form && state.form.search === search ? state.form.values : initialValues(draft.parameters, link);
  const setValues = useCallback((next: RawParameterValues) => dispatch({ type: "valuesTyped", search, values: next }), [search]);
  const edit = useCallback((change: Partial<Draft>) => dispatch({ type: "edited", change }), []);
  const dirty = isDirty(state);

  // One Idempotency-Key per submit (creating, restoring): retrying the same request after a network
  // error reuses it, so the server answers the first attempt instead of saving twice.
  const submitKey = useSubmitKey();
  const writes = useQueryWrites();

  async function save() {
    dispatch({ type: "saveStarted" });
    try {
      if (loaded === null) {
        const input = inputOf(draft);
        const created = await writes.create.mutateAsync({ input, idempotencyKey: submitKey.keyFor(input) });
        submitKey.succeeded();
        router.replace(`/queries/${encodeURIComponent(created.id)}`);
        return;
      }
      const updated = await writes.update.mutateAsync({ id: loaded.query.id, input: inputOf(draft), baseVersion: loaded.query.version });
      dispatch({ type: "saved", query: updated, status: `Saved as version ${updated.version}.` });
      if (link?.version !== undefined) router.replace(pathname);
    } catch (cause) {
      dispatch({ type: "saveFailed", failure: failureOf(cause, "The query could not be saved.") });
    }
  }

  async function restore(version: number) {
    if (loaded === null) return;
    dispatch({ type: "restoreStarted" });
    try {
      const request = { id: loaded.query.id, version, baseVersion: loaded.query.version };
      const updated = await writes.restore.mutateAsync({ ...request, idempotencyKey: submitKey.keyFor(request) });
      submitKey.succeeded();
      dispatch({ type: "saved", query: updated, status: `Version ${version} restored as version ${updated.version}.` });
      router.replace(pathname);
    } catch (cause) {
      dispatch({ type: "saveFailed", failure: failureOf(cause, "That version could not be restored.") });
    }
  }

  function ask(request: RunRequest) {
    // The same run again: its key does not change, so fetch it anew.
    if (sameRun(state.run?.request, request)) void run.refetch();
    else dispatch({ type: "runAsked", request, search });
  }

  function runNow() {
    if (loaded !== null && !dirty) {
      const next = runLinkSearch(loaded.viewing, draft.parameters, values);
      if (next === search) {
        ask({ kind: "saved", id: loaded.query.id, version: loaded.viewing, values, viewing: loaded.viewing });
      } else {
        dispatch({ type: "valuesTyped", search: next, values });
        router.push(`${pathname}?${next}`);
      }
      return;
    }
    ask({ kind: "draft", cypher: draft.cypher, parameters: draft.parameters, values });
  }

  return {
    state,
    edit,
    values,
    setValues,
    dirty,
    loadFailure: opened.error ? errorMessage(opened.error, "This saved query could not be loaded.") : null,
    busy: writes.busy,
    run: {
      request: state.run?.request ?? null,
      /** Whether the run on screen is the address bar's run link (so the page offers the link). */
      isLink: state.run !== null && state.run.request.kind === "saved" && state.run.search === search && link !== null,
      running,
      result: running ? null : (run.data ?? null),
      failure: runFailure,
    },
    search,
    pathname,
    save,
    restore,
    runNow,
    viewVersion: (version: number) => router.push(loaded && version === loaded.query.version ? pathname : `${pathname}?version=${version}`),
  };
}
