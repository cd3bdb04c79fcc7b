"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/api-client";
import { importKeys } from "@/lib/client/keys/imports";
import { listImportsApi } from "@/lib/import/client";
import type { ImportJob } from "@/lib/import/jobs";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { UserText } from "@/components/ui/UserText";

const STATUS_LABELS: Record<ImportJob["status"], string> = {
  running: "Running",
  imported: "Imported",
  refused: "Refused",
  failed: "Failed",
  interrupted: "Interrupted",
};

function describe(job: ImportJob): string {
  if (job.status === "interrupted" && job.resumedBy) return "Interrupted, run again";
  return STATUS_LABELS[job.status];
}

/**
 * The reader's recent imports, whichever server ran them (the jobs are records in Neo4j). An import
 * whose server stopped before the end is "Interrupted" and can be run again from the files it was given,
 * as long as they are still kept (a day after the upload).
 */
export function RecentImports({ onResume, resuming }: { onResume: (id: string) => void; resuming: boolean }) {
  const imports = useQuery({ queryKey: importKeys.list(), queryFn: ({ signal }) => listImportsApi(signal) });
  const jobs = imports.data?.imports ?? [];
  return (
    <section aria-labelledby="recent-imports-title" className="rounded-md border border-gray-200 bg-white p-4">
      <h2 id="recent-imports-title" className="text-lg font-semibold">
        Your recent imports
      </h2>
      {imports.error && <Alert tone="error">{errorMessage(imports.error, "Your imports could not be listed.")}</Alert>}
      {imports.isSuccess && jobs.length === 0 && <p className="mt-1 text-sm text-gray-600">None yet.</p>}
      {jobs.length > 0 && (
        <ul className="mt-2 divide-y divide-gray-100 text-sm">
          {jobs.map((job) => (
            <li key={job.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-import-id={job.id} data-import-status={job.status}>
              <span className="min-w-0">
                <span className="font-medium">
                  <UserText>{job.sourceName}</UserText>
                </span>{" "}
                <span className="text-gray-600">
                  {new Date(job.startedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} · {describe(job)}
                </span>
              </span>
              {job.status === "interrupted" && job.canResume && (
                <Button onClick={() => onResume(job.id)} disabled={resuming} aria-label={`Run again: ${job.sourceName}`}>
                  Run again
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
