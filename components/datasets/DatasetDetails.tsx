import Link from "next/link";
import type { Dataset } from "@/lib/datasets/model";
import { describeBytes } from "@/lib/request-body";
import { UserText } from "@/components/ui/UserText";
import { count, describeTime, total } from "./format";
import { PossibleMatches } from "./PossibleMatches";

function CountTable({ title, counts, kind }: { title: string; counts: Record<string, number>; kind: string }) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const id = `counts-${kind}`;
  return (
    <section aria-labelledby={id} className="rounded-md border border-gray-200 bg-white p-4">
      <h2 id={id} className="font-semibold">
        {title} ({count(total(counts))})
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">None.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-gray-200">
              <th scope="col" className="py-1 font-medium">
                Type
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([type, value]) => (
              <tr key={type} className="border-b border-gray-100">
                <td className="py-1 font-mono">{type}</td>
                <td className="py-1 text-right tabular-nums">{count(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One data set: where it came from, its files, what it holds now, and what its last import refused. */
export function DatasetDetails({ dataset }: { dataset: Dataset }) {
  const importer = dataset.importedBy.kind === "user" ? dataset.importedBy.name : "the command line (npm run import)";
  const facts: [string, React.ReactNode][] = [
    ["Id", <span key="id" className="break-all font-mono">{dataset.id}</span>],
    ...(dataset.url
      ? ([["Origin", <a key="url" href={dataset.url} className="break-all text-red-800 underline" rel="noreferrer noopener" target="_blank"><UserText>{dataset.url}</UserText></a>]] as [string, React.ReactNode][])
      : []),
    ...(dataset.publisher ? ([["Publisher", <UserText key="publisher">{dataset.publisher}</UserText>]] as [string, React.ReactNode][]) : []),
    ...(dataset.licence ? ([["Licence", <UserText key="licence">{dataset.licence}</UserText>]] as [string, React.ReactNode][]) : []),
    ["Last imported", `${describeTime(dataset.lastImportedAt)} by ${importer}`],
    ["First imported", describeTime(dataset.firstImportedAt)],
    ["Imports", count(dataset.imports)],
  ];
  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-4xl space-y-4 p-4">
        <p className="text-sm">
          <Link href="/datasets" className="text-red-800 underline">
            All data sets
          </Link>
        </p>
        <h1 className="text-xl font-semibold">
          <UserText>{dataset.name}</UserText>
        </h1>
        {dataset.description && <p className="user-block text-sm text-gray-700">{dataset.description}</p>}
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-gray-700">{term}</dt>
              <dd className="mb-1 sm:mb-0">{value}</dd>
            </div>
          ))}
        </dl>

        <PossibleMatches dataset={dataset.id} matches={dataset.possibleMatches} />

        <section aria-labelledby="files-title" className="rounded-md border border-gray-200 bg-white p-4">
          <h2 id="files-title" className="font-semibold">
            Files ({dataset.files.length})
          </h2>
          {dataset.files.length === 0 ? (
            <p className="mt-2 text-sm text-gray-600">No files: this data set was loaded from data written in the code.</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm">
              {dataset.files.map((file) => (
                <li key={file.name}>
                  <span className="font-medium">
                    <UserText>{file.name}</UserText>
                  </span>{" "}
                  <span className="text-gray-600">({describeBytes(file.bytes)})</span>
                  <span className="block break-all font-mono text-xs text-gray-600">sha256 {file.sha256}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <div className="grid gap-4 sm:grid-cols-2">
          <CountTable title="Entities by type" counts={dataset.counts.entities} kind="entities" />
          <CountTable title="Relationships by type" counts={dataset.counts.relationships} kind="relationships" />
        </div>

        <section aria-labelledby="refused-title" className="rounded-md border border-gray-200 bg-white p-4">
          <h2 id="refused-title" className="font-semibold">
            Refused rows ({count(dataset.refused.total)})
          </h2>
          {dataset.refused.total === 0 ? (
            <p className="mt-2 text-sm text-gray-600">The last import refused no row.</p>
          ) : (
            <>
              <p className="mt-1 text-sm text-gray-600">The last import left these rows out, counted by reason (ids and numbers taken out).</p>
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-gray-200">
                    <th scope="col" className="py-1 font-medium">
                      Reason
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Rows
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {dataset.refused.byReason.map((entry) => (
                    <tr key={entry.reason} className="border-b border-gray-100 align-top">
                      <td className="break-words py-1 pr-2">
                        <UserText>{entry.reason}</UserText>
                      </td>
                      <td className="py-1 text-right tabular-nums">{count(entry.rows)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p className="mt-3 text-sm">
            <a href={`/api/datasets/${dataset.id}/refused`} download className="text-red-800 underline">
              Download all refused rows (TSV)
            </a>
          </p>
        </section>
      </main>
    </div>
  );
}
