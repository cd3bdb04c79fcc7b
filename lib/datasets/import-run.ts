import "server-only";
/**
 * An import as a data set: the pipeline run with the data set's id (every record it writes lists it in
 * `datasets`), every refused row kept in the data set's TSV file, and the data set's record created or
 * updated once the rows are in. The command line, the Data page's jobs and the demo seed all import this
 * way, so every import leaves the same record. A refused run (nothing written) leaves the record and its
 * last refused-rows file as they were. An import that wrote ends by cross-referencing: the data set's
 * entities matched against the rest of the graph (lib/resolution/cross-reference.ts), its candidate pairs
 * stored for the review queue, and their number returned as `possibleMatches`.
 */
import { runImport, type ImportOptions, type ImportResult } from "../import/pipeline";
import type { ImportSource, Problem } from "../import/types";
import { read } from "../database";
import { crossReference } from "../resolution/cross-reference";
import { possibleMatchesOf } from "../resolution/counts";
import { withoutServerDetails } from "../server-text";
import { recordDatasetImport, type DatasetImport } from "./record";
import { openRefusedRowsFile, refusedRowsPath } from "./refused";

export type DatasetDescription = Omit<DatasetImport, "refused">;

/**
 * Cross-referencing comes after the import's data is written and recorded: if it fails (the database
 * slow or gone), the import still succeeded, so it says so in a log line and reports no count; "Cross-
 * reference again" on the data set's page, or POST /api/resolution/runs, runs it later.
 */
async function crossReferenced(datasetId: string): Promise<{ possibleMatches?: number }> {
  try {
    await crossReference(datasetId);
    return { possibleMatches: await read((tx) => possibleMatchesOf(tx, datasetId)) };
  } catch (cause) {
    console.warn(`[redstring] the import of ${datasetId} is complete, but cross-referencing it failed: ${withoutServerDetails(cause instanceof Error ? cause.message : String(cause))}`);
    return {};
  }
}

export async function importDataset(source: ImportSource, options: Omit<ImportOptions, "dataset">, dataset: DatasetDescription): Promise<ImportResult> {
  const refused = openRefusedRowsFile(refusedRowsPath(dataset.id));
  try {
    const result = await runImport(source, {
      ...options,
      dataset: dataset.id,
      onProblem: (problem: Problem) => {
        // The file is served to readers: parsers' messages may name the server's folders (lib/server-text.ts).
        refused.write({ ...problem, reason: withoutServerDetails(problem.reason) });
        options.onProblem?.(problem);
      },
    });
    if (result.status === "imported") {
      await refused.complete();
      await recordDatasetImport({ ...dataset, refused: { total: refused.tally.total, byReason: refused.tally.summary() } });
      return { ...result, ...(await crossReferenced(dataset.id)) };
    }
    return result;
  } finally {
    refused.abandon();
  }
}
