import Link from "next/link";
import { possibleMatchesText } from "@/components/datasets/PossibleMatches";
import { UserText } from "@/components/ui/UserText";
import type { ImportJob } from "@/lib/import/jobs";
import { isolateQuoted } from "@/lib/text/bidi";
import { Alert } from "@/components/ui/Alert";

/** A labelled progress bar, in whole percent. */
export function Bar({ label, value, max }: { label: string; value: number; max: number }) {
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

/** A running import's progress bar. */
export function ImportProgress({ job }: { job: ImportJob }) {
  return <Bar label={PHASE_LABELS[job.phase]} value={job.bytesRead} max={job.phase === "resolve" ? 0 : job.totalBytes} />;
}

/** How an import ended: imported, refused or failed, its counts, and every refused row with its line and reason. */
export function ImportOutcome({ job }: { job: ImportJob }) {
  const result = job.result;
  return (
    <Alert as="div" tone="info" plain className="space-y-2">
      <p className="font-semibold">
        {job.status === "imported" && "Imported."}
        {job.status === "refused" && "Refused: nothing was written."}
        {(job.status === "failed" || job.status === "interrupted") && job.error}
      </p>
      {result && (
        <p>
          {result.entities.created.toLocaleString("en-GB")} entities and {result.relationships.created.toLocaleString("en-GB")} relationships
          created ({result.entities.valid.toLocaleString("en-GB")} and {result.relationships.valid.toLocaleString("en-GB")} valid rows;
          {" "}{result.duplicatesIgnored.toLocaleString("en-GB")} repeated rows ignored; {result.problemCount.toLocaleString("en-GB")} refused) in{" "}
          {(result.elapsedMs / 1000).toFixed(1)} s.
        </p>
      )}
      {result?.possibleMatches !== undefined && (
        <p>
          <Link href="/resolution" className="text-red-800 underline">
            {possibleMatchesText(result.possibleMatches)}
          </Link>{" "}
          (the data set&rsquo;s page opens the review queue filtered to it).
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
    </Alert>
  );
}
