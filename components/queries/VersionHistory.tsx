"use client";

import { diffLines } from "diff";
import { useState } from "react";
import type { SavedQuery, SavedQueryVersion } from "@/lib/queries/model";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { useVersionPair } from "./hooks/useVersionPair";
import { Field } from "@/components/ui/Field";

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** Everything about a version except its Cypher, one line per field, so a line diff shows what changed; user parts isolated. */
function describe(version: SavedQueryVersion): string {
  const parameters = version.parameters.map(
    (parameter) =>
      `$${isolate(parameter.name)}: ${parameter.type}${parameter.required ? ", required" : ""}` +
      `${parameter.defaultValue !== undefined ? `, default ${isolate(String(parameter.defaultValue))}` : ""}` +
      `${parameter.label ? `, label "${isolate(parameter.label)}"` : ""}`,
  );
  return (
    [`Title: ${isolate(version.title)}`, `Description: ${isolate(version.description)}`, `Tags: ${version.tags.map(isolate).join(", ")}`, ...parameters].join("\n") + "\n"
  );
}

function Diff({ before, after }: { before: string; after: string }) {
  const parts = diffLines(before, after);
  return (
    <pre className="overflow-x-auto rounded border border-gray-200 bg-white p-2 text-xs leading-5">
      {parts.map((part, index) => (
        <span
          key={index}
          className={part.added ? "block bg-green-50 text-green-900" : part.removed ? "block bg-red-50 text-red-900 line-through" : "block text-gray-700"}
        >
          {part.value
            .replace(/\n$/, "")
            .split("\n")
            .map((line) => `${part.added ? "+ " : part.removed ? "- " : "  "}${line}`)
            .join("\n")}
        </span>
      ))}
    </pre>
  );
}

interface VersionHistoryProps {
  query: SavedQuery;
  /** The version shown in the editor. */
  viewing: number;
  onView: (version: number) => void;
  /** Absent when the role may not restore (queries:write): no Restore buttons then. */
  onRestore?: (version: number) => void;
  busy: boolean;
}

/** Every saved version: view one, compare any two, restore one (which saves it again as the newest). */
export function VersionHistory({ query, viewing, onView, onRestore, busy }: VersionHistoryProps) {
  const [left, setLeft] = useState(Math.max(1, query.version - 1));
  const [right, setRight] = useState(query.version);
  // The pair Compare was last pressed for: changing a select does not compare until it is pressed again.
  const [pair, setPair] = useState<{ left: number; right: number } | null>(null);
  const { comparison, failure } = useVersionPair(query.id, pair);

  const versionOptions = query.versions.map((version) => (
    <option key={version.version} value={version.version}>
      Version {version.version}
    </option>
  ));

  return (
    <section aria-labelledby="history-title" className="rounded-md border border-gray-200 bg-white p-3">
      <h2 id="history-title" className="text-sm font-semibold">
        History
      </h2>
      <ol className="mt-2 max-h-64 space-y-1 overflow-y-auto text-sm" aria-label="Versions">
        {query.versions.map((version) => (
          <li key={version.version} className="flex flex-wrap items-baseline gap-2">
            <span className={version.version === viewing ? "font-semibold" : ""}>
              Version {version.version}
              {version.version === query.version && " (latest)"}
            </span>
            <span className="text-xs text-gray-600">
              {when(version.createdAt)}
              {version.note && (
                <>
                  {" · "}
                  <UserText>{version.note}</UserText>
                </>
              )}
            </span>
            <span className="ml-auto flex gap-2">
              {version.version !== viewing && (
                <button type="button" onClick={() => onView(version.version)} className="text-xs text-red-900 underline">
                  View <span className="sr-only">version {version.version}</span>
                </button>
              )}
              {version.version !== query.version && onRestore && (
                <button type="button" disabled={busy} onClick={() => onRestore(version.version)} className="text-xs text-red-900 underline disabled:opacity-50">
                  Restore <span className="sr-only">version {version.version}</span>
                </button>
              )}
            </span>
          </li>
        ))}
      </ol>

      {query.versions.length > 1 && (
        <div className="mt-3 border-t border-gray-100 pt-3">
          <div className="flex flex-wrap items-end gap-2 text-sm">
            <Field label="Compare" className="flex flex-col" labelClassName="text-xs text-gray-700">
              {(control) => (
                <select {...control} value={left} onChange={(event) => setLeft(Number(event.target.value))} className="rounded border border-gray-300 px-1 py-1">
                  {versionOptions}
                </select>
              )}
            </Field>
            <Field label="with" className="flex flex-col" labelClassName="text-xs text-gray-700">
              {(control) => (
                <select {...control} value={right} onChange={(event) => setRight(Number(event.target.value))} className="rounded border border-gray-300 px-1 py-1">
                  {versionOptions}
                </select>
              )}
            </Field>
            <Button onClick={() => setPair({ left, right })} size="sm">
              Compare
            </Button>
          </div>
          {failure && <Alert tone="error" plain className="mt-2">{failure}</Alert>}
          {comparison && (
            <div className="mt-2 space-y-2" aria-label={`Changes from version ${comparison.before.version} to version ${comparison.after.version}`} role="region">
              <p className="text-xs text-gray-700">
                From version {comparison.before.version} to version {comparison.after.version}:
              </p>
              <Diff before={describe(comparison.before)} after={describe(comparison.after)} />
              <Diff before={`${comparison.before.cypher}\n`} after={`${comparison.after.cypher}\n`} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
