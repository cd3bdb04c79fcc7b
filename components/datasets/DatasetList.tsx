import Link from "next/link";
import type { Dataset } from "@/lib/datasets/model";
import { UserText } from "@/components/ui/UserText";
import { count, describeTime, total } from "./format";

/** Every data set imported on this instance, each a card linking to its page (a list, so 390 px reads well). */
export function DatasetList({ datasets }: { datasets: readonly Dataset[] }) {
  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-4xl p-4">
        <h1 className="text-xl font-semibold">Data sets</h1>
        <p className="mt-1 text-sm text-gray-600">
          Every import is recorded here: where the data came from, its files, what it added to the graph (counted now, so edits and merges
          show) and the rows it refused. Entities and relationships list their data sets in the <code>datasets</code> property.{" "}
          <Link href="/data" className="text-red-800 underline">
            Import data
          </Link>
        </p>
        {datasets.length === 0 ? (
          <p className="mt-4 text-sm text-gray-600">Nothing has been imported yet.</p>
        ) : (
          <ul className="mt-4 space-y-3" aria-label="Data sets">
            {datasets.map((dataset) => (
              <li key={dataset.id} className="rounded-md border border-gray-200 bg-white p-3">
                <h2 className="font-medium">
                  <Link href={`/datasets/${dataset.id}`} className="text-red-800 underline">
                    <UserText>{dataset.name}</UserText>
                  </Link>
                </h2>
                <p className="mt-1 break-all font-mono text-xs text-gray-600">{dataset.id}</p>
                <p className="mt-1 text-sm text-gray-700">
                  {count(total(dataset.counts.entities))} entities, {count(total(dataset.counts.relationships))} relationships,{" "}
                  {count(dataset.refused.total)} rows refused · last imported {describeTime(dataset.lastImportedAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
