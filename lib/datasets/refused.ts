import "server-only";
/**
 * The refused rows of an import as a TSV file (file, line, reason), written as the pipeline finds them,
 * with their summary by reason tallied on the way. The file is written beside its final name and moved
 * there once complete, so a failed or interrupted run leaves the last complete file in place instead of a
 * truncated one. A data set's own copy lives in REDSTRING_STORAGE_DIR (shared by every replica), under
 * `datasets/<id>/refused.tsv`; the command line's `--report` file is written the same way.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { getConfig } from "../config";
import { REFUSED_TSV_HEADER, ReasonTally, refusedTsvLine } from "./model";

export interface RefusedRowsFile {
  write(problem: { file: string; line: number; reason: string }): void;
  /** The rows so far, counted by reason. */
  readonly tally: ReasonTally;
  complete(): Promise<void>;
  /** Drops an unfinished file; does nothing once it is complete. */
  abandon(): void;
}

/** Where a data set's refused rows are kept; the id is a slug (model.ts), so it cannot leave the folder. */
export function refusedRowsPath(datasetId: string): string {
  return path.join(getConfig().storageDir, "datasets", datasetId, "refused.tsv");
}

export function openRefusedRowsFile(file: string): RefusedRowsFile {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Two imports of one data set at once are refused by the import lock (lib/import/lock.ts), so one partial file is enough.
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  stream.write(REFUSED_TSV_HEADER);
  const tally = new ReasonTally();
  let done = false;
  return {
    tally,
    write(problem) {
      tally.add(problem.reason);
      stream.write(refusedTsvLine(problem));
    },
    async complete() {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      renameSync(partial, file);
      done = true;
    },
    abandon() {
      if (done) return;
      done = true;
      stream.destroy();
      rmSync(partial, { force: true });
    },
  };
}
