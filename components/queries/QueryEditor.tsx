"use client";

import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { canFrom, useMe } from "@/lib/auth/client";
import { EditorHeading } from "./editor/EditorHeading";
import { QueryFields } from "./editor/QueryFields";
import { QueryOpening } from "./editor/QueryOpening";
import { RunPanel } from "./editor/RunPanel";
import { useQueryEditor } from "./hooks/useQueryEditor";
import { QueryResultView } from "./QueryResultView";
import { VersionHistory } from "./VersionHistory";

/**
 * A saved query (or a new one): the Cypher editor, its parameters, its history, and runs. A run of a
 * saved, unchanged query goes through its run link (`/queries/{id}?version=N&name=value`), so the
 * address bar always holds a link that re-runs exactly what is on screen (hooks/useQueryEditor.ts).
 *
 * Roles: running a saved, unchanged query needs graph:read; saving, restoring a version and running
 * changed (draft) Cypher need queries:write. Without it the fields are read-only and Save is replaced by
 * the reason (the server refuses anyway).
 */
export function QueryEditor({ queryId }: { queryId: string | null }) {
  const editor = useQueryEditor(queryId);
  const { state, dirty, run, pathname } = editor;
  const { loaded, draft, saveFailure } = state;
  const me = useMe();
  const write = canFrom(me, "queries:write");
  const read = canFrom(me, "graph:read");
  // Until the user is known the fields stay editable (an analyst typing at once loses nothing).
  const readOnly = !write.allowed && !write.loading;

  if (queryId !== null && loaded === null) return <QueryOpening failure={editor.loadFailure} />;

  const title = draft.title.trim() || "Untitled query";
  const saved = loaded !== null && !dirty;
  const runLink = saved && run.isLink ? `${pathname}?${editor.search}` : null;
  const restore = (version: number) => void editor.restore(version);

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-6xl p-4">
        <EditorHeading
          isNew={queryId === null}
          title={title}
          loaded={loaded}
          dirty={dirty}
          canRestore={write.allowed}
          busy={editor.busy}
          onOpenLatest={() => editor.viewVersion(loaded?.query.version ?? 0)}
          onRestore={restore}
        />

        <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-3">
            <QueryFields
              draft={draft}
              onEdit={editor.edit}
              syntax={saveFailure?.syntax ?? run.failure?.syntax ?? null}
              readOnly={readOnly}
            />
            <div className="flex flex-wrap items-center gap-2">
              {!readOnly && (
                <Button onClick={() => void editor.save()} disabled={editor.busy || !write.allowed || saved} variant="primary" size="lg">
                  {loaded === null ? "Save" : "Save new version"}
                </Button>
              )}
              <NeedsPermission can={write} className="text-sm text-gray-700" />
              <span aria-live="polite" className="text-sm text-gray-700">
                {state.status}
              </span>
            </div>
            {saveFailure && !saveFailure.syntax && (
              <Alert tone="error" size="lg">
                {saveFailure.message}
              </Alert>
            )}

            <RunPanel
              parameters={draft.parameters}
              values={editor.values}
              onValues={editor.setValues}
              failure={run.failure}
              running={run.running}
              // A saved, unchanged query runs through its run link (graph:read); anything else is draft Cypher.
              can={saved ? read : write}
              canRun={draft.cypher.trim() !== ""}
              draftRun={dirty}
              runLink={runLink}
              onRun={editor.runNow}
            />
          </div>

          {loaded && (
            <VersionHistory
              key={loaded.query.version}
              query={loaded.query}
              viewing={loaded.viewing}
              busy={editor.busy}
              onView={editor.viewVersion}
              onRestore={write.allowed ? restore : undefined}
            />
          )}
        </div>

        {run.result && (
          <QueryResultView
            key={JSON.stringify(run.request)}
            result={run.result}
            title={title}
            origin={{
              kind: "query",
              queryId: saved ? loaded.query.id : null,
              version: saved ? loaded.viewing : null,
              title: title.slice(0, 120),
              values: Object.fromEntries(
                Object.entries(editor.values).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
              ),
            }}
          />
        )}
      </main>
    </div>
  );
}
