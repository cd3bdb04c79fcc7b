"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { errorMessage } from "@/lib/api-client";
import { canFrom, useMe } from "@/lib/auth/client";
import type { ImportFormat } from "@/lib/import/jobs";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { useImport } from "./hooks/useImport";
import { Bar, ImportOutcome, ImportProgress } from "./ImportOutcome";
import { RecentImports } from "./RecentImports";
import { WholeGraphExport } from "./WholeGraphExport";
import { Field } from "@/components/ui/Field";

const FORMATS: { value: ImportFormat; label: string; hint: string }[] = [
  { value: "csv", label: "CSV with a column mapping", hint: "A mapping (.json) that names your CSV files and says how columns become entities and relationships." },
  { value: "json", label: "Redstring JSON", hint: "A file exported from Redstring (Share → Export, or the whole graph below)." },
  { value: "ftm", label: "FollowTheMoney JSON lines", hint: "An Aleph or OpenSanctions export (.ijson / .jsonl), one entity per line." },
];

/**
 * Data in and out: upload a CSV (with its column mapping), a Redstring JSON export or FollowTheMoney
 * lines, watch the upload and the import progress, and read every refused row with its line and reason.
 * And the whole graph as a download in every export format. Importing needs imports:write (once the user
 * is known, the form is disabled for everyone else, with the reason); the export needs graph:read.
 */
export function DataPage() {
  const me = useMe();
  const importing = canFrom(me, "imports:write");
  const reading = canFrom(me, "graph:read");
  const importReasonId = useId();
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [mainFile, setMainFile] = useState<File | null>(null);
  const [dataFiles, setDataFiles] = useState<File[]>([]);
  const [sourceName, setSourceName] = useState("");
  const [skipInvalid, setSkipInvalid] = useState(false);
  const { start: starting, resume, upload, job, pollError } = useImport();
  const running = upload !== null || job?.status === "running";
  const failure = starting.error
    ? errorMessage(starting.error, "The import could not be started.")
    : resume.error
      ? errorMessage(resume.error, "The import could not be run again.")
      : pollError
        ? errorMessage(pollError, "The import's progress could not be read.")
        : null;

  function start(event: React.FormEvent) {
    event.preventDefault();
    if (!mainFile) return;
    const trimmed = sourceName.trim();
    starting.mutate({ files: format === "csv" ? [mainFile, ...dataFiles] : [mainFile], format, skipInvalid, ...(trimmed ? { sourceName: trimmed } : {}) });
  }

  const hint = FORMATS.find((item) => item.value === format)?.hint;

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-4xl space-y-6 p-4">
        <h1 className="text-xl font-semibold">Import and export</h1>
        <p className="text-sm text-gray-700">
          Every import is recorded as a data set, with its files, counts and refused rows:{" "}
          <Link href="/datasets" className="text-red-900 underline">
            see the data sets
          </Link>
          . What the imports wrote, type by type, with each key&rsquo;s value type and the data sets it comes from:{" "}
          <Link href="/schema" className="text-red-900 underline">
            the schema
          </Link>
          .
        </p>

        <section aria-labelledby="import-title" className="rounded-md border border-gray-200 bg-white p-4">
          <h2 id="import-title" className="text-lg font-semibold">
            Import
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            Every row is checked before anything is written. Rows with problems are listed with their line and the reason; importing the same
            data again changes nothing.
          </p>
          {importing.reason && (
            <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <NeedsPermission can={importing} id={importReasonId} className="" />
            </p>
          )}
          <form onSubmit={start} className="mt-3 text-sm">
            <fieldset disabled={!importing.allowed && !importing.loading} aria-describedby={importing.reason ? importReasonId : undefined} className="space-y-3 disabled:opacity-60">
              <fieldset>
                <legend className="font-medium">Format</legend>
                {FORMATS.map((item) => (
                  <label key={item.value} className="mr-4 inline-flex items-center gap-1">
                    <input type="radio" name="format" value={item.value} checked={format === item.value} onChange={() => setFormat(item.value)} />
                    {item.label}
                  </label>
                ))}
                <p className="text-xs text-gray-600">{hint}</p>
              </fieldset>
              <Field label={format === "csv" ? "Column mapping (.json)" : "File"} className="block" labelClassName="font-medium">
                {(control) => (
                  <input {...control} type="file" required onChange={(event) => setMainFile(event.target.files?.[0] ?? null)} className="mt-1 block" />
                )}
              </Field>
              {format === "csv" && (
                <Field label="CSV files named in the mapping" className="block" labelClassName="font-medium">
                  {(control) => (
                    <input {...control} type="file" multiple accept=".csv,text/csv" onChange={(event) => setDataFiles([...(event.target.files ?? [])])} className="mt-1 block" />
                  )}
                </Field>
              )}
              {/* The note is the field's hint (its description), no longer part of its name. */}
              <Field label="Name of the data set (optional)" className="block" labelClassName="font-medium" hint="Every imported relationship cites a report with this name as its source.">
                {(control) => (
                  <input {...control} value={sourceName} maxLength={200} onChange={(event) => setSourceName(event.target.value)} className="mt-1 block w-full rounded border border-gray-300 px-2 py-1" />
                )}
              </Field>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={skipInvalid} onChange={(event) => setSkipInvalid(event.target.checked)} />
                Import the valid rows and list the refused ones (otherwise one bad row refuses the whole import)
              </label>
              <Button type="submit" disabled={!mainFile || running} variant="primary">
                {running ? "Importing…" : "Import"}
              </Button>
            </fieldset>
          </form>

          <div aria-live="polite" className="mt-4 space-y-3">
            {failure && (
              <Alert tone="error" size="lg">
                {failure}
              </Alert>
            )}
            {upload && <Bar label="Uploading" value={upload.sent} max={upload.total} />}
            {job?.status === "running" && <ImportProgress job={job} />}
            {job && job.status !== "running" && <ImportOutcome job={job} />}
          </div>
        </section>

        {importing.allowed && <RecentImports onResume={(id) => resume.mutate(id)} resuming={running || resume.isPending} />}

        <WholeGraphExport reading={reading} />
      </main>
    </div>
  );
}
