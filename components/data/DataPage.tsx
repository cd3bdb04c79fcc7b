"use client";

import { useEffect, useId, useState } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { ApiError, errorMessage, requestJson } from "@/lib/api-client";
import { canFrom, useMe } from "@/lib/auth/client";
import type { ImportFormat, ImportJob } from "@/lib/import/jobs";
import { UserText } from "@/components/ui/UserText";
import { isolate, isolateQuoted } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

const FORMATS: { value: ImportFormat; label: string; hint: string }[] = [
  { value: "csv", label: "CSV with a column mapping", hint: "A mapping (.json) that names your CSV files and says how columns become entities and relationships." },
  { value: "json", label: "Redstring JSON", hint: "A file exported from Redstring (Share → Export, or the whole graph below)." },
  { value: "ftm", label: "FollowTheMoney JSON lines", hint: "An Aleph or OpenSanctions export (.ijson / .jsonl), one entity per line." },
];

const EXPORTS = [
  { format: "json", label: "Redstring JSON (re-importable)" },
  { format: "graphml", label: "GraphML (Gephi, yEd)" },
  { format: "gexf", label: "GEXF (Gephi)" },
  { format: "nodes.csv", label: "CSV of entities" },
  { format: "relationships.csv", label: "CSV of relationships" },
];

/** PUT one file as the raw body, reporting upload progress (fetch cannot report it; XHR can). */
function uploadFile(uploadId: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", `/api/imports/uploads/${uploadId}?name=${encodeURIComponent(file.name)}`);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else {
        let message = `The upload of ${isolate(file.name)} failed (${request.status}).`;
        try {
          message = (JSON.parse(request.responseText) as { error?: string }).error ?? message;
        } catch {
          // keep the generic message
        }
        reject(new ApiError(request.status, message));
      }
    };
    request.onerror = () => reject(new ApiError(0, "Redstring's server cannot be reached. Check your connection and try again."));
    request.send(file);
  });
}

function Bar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.min(100, Math.round((100 * value) / max)) : 0;
  return (
    <div>
      <div className="flex justify-between text-xs text-gray-700">
        <span>{label}</span>
        <span>{percent}%</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 rounded bg-gray-200">
        <div className="h-2 rounded bg-red-700 transition-all" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

const PHASE_LABELS: Record<ImportJob["phase"], string> = {
  starting: "Starting",
  validate: "Reading and checking every row",
  resolve: "Checking references against the graph",
  check: "Checking relationships",
  "write entities": "Writing entities",
  "write relationships": "Writing relationships",
};

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
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = upload !== null || job?.status === "running";

  // Poll a running import twice a second.
  const jobId = job?.status === "running" ? job.id : null;
  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => {
      requestJson<ImportJob>(`/api/imports/${jobId}`)
        .then(setJob)
        .catch((cause: unknown) => setFailure(errorMessage(cause, "The import's progress could not be read.")));
    }, 500);
    return () => clearInterval(timer);
  }, [jobId]);

  async function start(event: React.FormEvent) {
    event.preventDefault();
    if (!mainFile) return;
    setFailure(null);
    setJob(null);
    const files = format === "csv" ? [mainFile, ...dataFiles] : [mainFile];
    const total = files.reduce((sum, file) => sum + file.size, 0);
    try {
      const { uploadId } = await requestJson<{ uploadId: string }>("/api/imports/uploads", { method: "POST" });
      let done = 0;
      setUpload({ sent: 0, total });
      for (const file of files) {
        await uploadFile(uploadId, file, (sent) => setUpload({ sent: done + sent, total }));
        done += file.size;
      }
      setUpload(null);
      setJob(
        await requestJson<ImportJob>("/api/imports", {
          method: "POST",
          body: { uploadId, format, file: mainFile.name, skipInvalid, ...(sourceName.trim() ? { sourceName: sourceName.trim() } : {}) },
        }),
      );
    } catch (cause) {
      setUpload(null);
      setFailure(errorMessage(cause, "The import could not be started."));
    }
  }

  const hint = FORMATS.find((item) => item.value === format)?.hint;
  const result = job?.result;

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-4xl space-y-6 p-4">
        <h1 className="text-xl font-semibold">Import and export</h1>

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
          <form onSubmit={(event) => void start(event)} className="mt-3 text-sm">
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
              <label className="block">
                <span className="font-medium">{format === "csv" ? "Column mapping (.json)" : "File"}</span>
                <input type="file" required onChange={(event) => setMainFile(event.target.files?.[0] ?? null)} className="mt-1 block" />
              </label>
              {format === "csv" && (
                <label className="block">
                  <span className="font-medium">CSV files named in the mapping</span>
                  <input type="file" multiple accept=".csv,text/csv" onChange={(event) => setDataFiles([...(event.target.files ?? [])])} className="mt-1 block" />
                </label>
              )}
              <label className="block">
                <span className="font-medium">Name of the data set (optional)</span>
                <input value={sourceName} maxLength={200} onChange={(event) => setSourceName(event.target.value)} className="mt-1 block w-full rounded border border-gray-300 px-2 py-1" />
                <span className="text-xs text-gray-600">Every imported relationship cites a report with this name as its source.</span>
              </label>
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
            {job?.status === "running" && (
              <Bar label={PHASE_LABELS[job.phase]} value={job.bytesRead} max={job.phase === "resolve" ? 0 : job.totalBytes} />
            )}
            {job && job.status !== "running" && (
              <div role="status" className="space-y-2 text-sm">
                <p className="font-semibold">
                  {job.status === "imported" && "Imported."}
                  {job.status === "refused" && "Refused: nothing was written."}
                  {job.status === "failed" && job.error}
                </p>
                {result && (
                  <p>
                    {result.entities.created.toLocaleString("en-GB")} entities and {result.relationships.created.toLocaleString("en-GB")} relationships
                    created ({result.entities.valid.toLocaleString("en-GB")} and {result.relationships.valid.toLocaleString("en-GB")} valid rows;
                    {" "}{result.duplicatesIgnored.toLocaleString("en-GB")} repeated rows ignored; {result.problemCount.toLocaleString("en-GB")} refused) in{" "}
                    {(result.elapsedMs / 1000).toFixed(1)} s.
                  </p>
                )}
                {job.problems.length > 0 && (
                  <table aria-label="Refused rows" className="w-full border border-gray-200 text-left text-xs">
                    <thead className="bg-gray-50">
                      <tr>
                        <th scope="col" className="px-2 py-1">File</th>
                        <th scope="col" className="px-2 py-1">Line</th>
                        <th scope="col" className="px-2 py-1">Reason</th>
                      </tr>
                    </thead>
                    <tbody>
                      {job.problems.map((problem, index) => (
                        <tr key={index} className="border-t border-gray-100">
                          <td className="px-2 py-1">
                            <UserText>{problem.file}</UserText>
                          </td>
                          <td className="px-2 py-1">{problem.line}</td>
                          <td className="px-2 py-1">
                            <UserText>{isolateQuoted(problem.reason)}</UserText>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {result && result.problemCount > job.problems.length && (
                  <p className="text-xs text-gray-600">The first {job.problems.length} of {result.problemCount} refused rows are shown.</p>
                )}
              </div>
            )}
          </div>
        </section>

        <section aria-labelledby="export-title" className="rounded-md border border-gray-200 bg-white p-4">
          <h2 id="export-title" className="text-lg font-semibold">
            Export the whole graph
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            Streamed page by page, however big the graph. To export only what is on screen, use Export in the explorer, on a query result or on a
            shared link.
          </p>
          {reading.allowed ? (
            <ul className="mt-2 space-y-1 text-sm">
              {EXPORTS.map((item) => (
                <li key={item.format}>
                  <a href={`/api/export?format=${item.format}`} download className="text-red-900 underline">
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-gray-700">
              {reading.loading ? "…" : <NeedsPermission can={reading} className="" />}
            </p>
          )}
        </section>
      </main>
    </div>
  );
}
