// Run by `npm run import` and `npm run import:legis` (scripts/import.mjs sets NEO4J_URI):
//   csv --mapping m.json [--dir D]     the files a column mapping names (lib/import/mapping.ts)
//   json FILE                          a Redstring JSON export
//   ftm FILE                           FollowTheMoney JSON lines
//   legis [--dir D]                    the legis-graph-114 data set through its committed mapping
// Options: --source-name, --dataset-id ID, --skip-invalid, --report FILE, --batch-size N, --id-prefix P.
// Every import creates or updates its data set's record (lib/datasets): its id is --dataset-id, else the
// mapping's source id, else a slug of the mapping's source name or of the file's name.
// Exits 1 with a readable message when the input is refused; the list of problems is capped on screen,
// the report file (with --skip-invalid, or --report) holds them all.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { datasetIdFrom } from "../lib/datasets/ids";
import { importDataset, type DatasetDescription } from "../lib/datasets/import-run";
import { openRefusedRowsFile } from "../lib/datasets/refused";
import { closeDriver } from "../lib/db/driver";
import { migrateSchema } from "../lib/migrations";
import { csvSource } from "../lib/import/csv";
import { datasetsDir } from "../lib/import/datasets";
import { ftmSource } from "../lib/import/ftm";
import { csvMappingSchema, slugify } from "../lib/import/mapping";
import { acquireImportLock, datasetKey } from "../lib/import/lock";
import { neo4jImportStore } from "../lib/import/neo4j-store";
import { type Progress, type SourceReport } from "../lib/import/pipeline";
import { redstringJsonSource } from "../lib/import/redstring-json";
import type { ImportSource } from "../lib/import/types";
import { describeIssues } from "../lib/validation";
import { LEGIS_MAPPING_FILE } from "./mappings";

class UsageError extends Error {}

const ROOT = path.resolve(import.meta.dirname, "..");
/** Resolved when the legis command runs, so other commands work on a machine without the data sets. */
const legisDir = () => path.join(datasetsDir(ROOT), "legis-graph-114");
const SHOWN_PROBLEMS = 50;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: "string" },
    dir: { type: "string" },
    "source-name": { type: "string" },
    "dataset-id": { type: "string" },
    "skip-invalid": { type: "boolean", default: false },
    report: { type: "string" },
    "batch-size": { type: "string" },
    "id-prefix": { type: "string" },
  },
});

function readMapping(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new UsageError(`Cannot read the mapping ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const parsed = csvMappingSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`The mapping ${file} is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

interface CommandSource {
  source: ImportSource;
  report: SourceReport | null;
  dataset: DatasetDescription;
}

/** The data set an import is: its id (see the top of this file), the files read, who ran it. */
function datasetFor(source: ImportSource, files: { path: string; name: string }[], own: { id?: string; description?: string; url?: string; publisher?: string; licence?: string } = {}): DatasetDescription {
  const id = `${values["id-prefix"] ?? ""}${values["dataset-id"] ?? own.id ?? datasetIdFrom(source.name)}`;
  return { ...own, id, name: source.name, files, importedBy: { kind: "command line" } };
}

const oneFile = (file: string) => [{ path: path.resolve(file), name: path.basename(file) }];

function sourceFor(command: string | undefined, args: string[]): CommandSource {
  const name = values["source-name"];
  const reportFor = (sourceName: string, extra: Partial<SourceReport> = {}): SourceReport => ({
    id: `import-${slugify(sourceName).slice(0, 100) || "data"}`,
    name: `Imported data set: ${sourceName}`.slice(0, 300),
    description: `Loaded with \`npm run import\` from ${sourceName}.`,
    ...extra,
  });
  switch (command) {
    case "csv":
    case "legis": {
      const mappingFile = command === "legis" ? LEGIS_MAPPING_FILE : values.mapping;
      if (!mappingFile) throw new UsageError("csv needs --mapping FILE (a JSON column mapping)");
      const mapping = readMapping(mappingFile);
      const directory = values.dir ?? (command === "legis" ? legisDir() : path.dirname(path.resolve(mappingFile)));
      const source = csvSource({ mapping, directory, name });
      const url = mapping.source?.url;
      const files = source.files.map((file) => ({ path: path.resolve(directory, file), name: file }));
      return {
        source,
        report: reportFor(source.name, { ...(mapping.source?.description ? { description: mapping.source.description } : {}), ...(url ? { url } : {}) }),
        dataset: datasetFor(source, files, mapping.source ?? {}),
      };
    }
    case "json": {
      const [file] = args;
      if (!file) throw new UsageError("json needs a FILE (a Redstring JSON export)");
      // The file's relationships cite their own Reports; adding one would change the graph it round-trips.
      const source = redstringJsonSource(file, name);
      return { source, report: null, dataset: datasetFor(source, oneFile(file), { id: datasetIdFrom(path.basename(file)) }) };
    }
    case "ftm": {
      const [file] = args;
      if (!file) throw new UsageError("ftm needs a FILE (FollowTheMoney JSON lines)");
      const source = ftmSource(file, name);
      return { source, report: reportFor(source.name), dataset: datasetFor(source, oneFile(file), { id: datasetIdFrom(path.basename(file)) }) };
    }
    default:
      throw new UsageError("usage: npm run import -- csv --mapping m.json [--dir D] | json FILE | ftm FILE  [--skip-invalid] [--report FILE] [--source-name NAME]");
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Below this a rate is noise (a phase that began a moment ago has no honest rate yet). */
const RATE_AFTER_MS = 1_000;

function printProgress(progress: Progress) {
  if (stopping) return;
  const elapsedMs = Date.now() - progress.phaseStartedAt;
  const share = progress.totalBytes > 0 && progress.phase !== "resolve" ? ` ${Math.min(100, (100 * progress.bytesRead) / progress.totalBytes).toFixed(0)}% of ${megabytes(progress.totalBytes)},` : "";
  const rate = elapsedMs >= RATE_AFTER_MS ? `, ${Math.round((progress.rows * 1000) / elapsedMs).toLocaleString("en")} rows/s` : "";
  const created = progress.phase.startsWith("write") ? `, ${progress.created.toLocaleString("en")} created` : "";
  const event = progress.committed ? " (batch committed)" : "";
  process.stderr.write(`[import] ${progress.phase}:${share} ${progress.rows.toLocaleString("en")} rows${rate}${created}${event}\n`);
}

/** What an interruption must undo before the process ends: the partial report, the data set's lock. */
let onStop: () => Promise<void> = async () => {};
let stopping = false;

/**
 * Ctrl-C, a SIGTERM, or (under scripts/import.mjs) the end of the parent that started this: stop at once.
 * Nothing is lost: every committed batch stays, and running the same command again adds only what is missing.
 */
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\n[import] stopped (${reason}): the batches committed so far stay; run the same command again to finish (it adds only what is missing).\n`);
  await undoOnStop();
  await closeDriver().catch(() => undefined);
  process.exit(130);
}
/**
 * Runs onStop, tried again a few times: giving the lock back is a write, and the database may refuse one
 * while the import's own batches still hold the line (the parent's grace period, 20 s, bounds the tries).
 * If it still fails, the lock is taken over once its heartbeat is a minute old, and the message says so.
 */
async function undoOnStop() {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await onStop();
    } catch (error) {
      if (attempt >= 4) {
        process.stderr.write(`[import] the data set's lock could not be given back (${(error as Error).message}); another import takes it over after a minute.\n`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
// scripts/import.mjs holds our stdin open: its end means that the parent died (kill -9) and nobody waits for us.
if (process.env.REDSTRING_STOP_WITH_PARENT === "1") {
  process.stdin.on("end", () => void stop("its parent process ended"));
  process.stdin.resume();
  // Listening must not keep a finished import alive.
  (process.stdin as { unref?: () => void }).unref?.();
}

async function main() {
  const [command, ...args] = positionals;
  const { source, report, dataset } = sourceFor(command, args);
  const skipInvalid = values["skip-invalid"] || command === "legis";
  const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) throw new UsageError("--batch-size must be a whole number");

  const reportFile =
    values.report ?? (skipInvalid ? path.join(process.env.REDSTRING_DATA_DIR ? path.resolve(process.env.REDSTRING_DATA_DIR) : path.join(ROOT, ".data"), "imports", `${slugify(source.name) || "import"}-refused.tsv`) : undefined);

  await migrateSchema();
  // A stop while the lock is being taken must still give it back: the lock is visible to others once its
  // transaction commits, before this process hears so, and a signal can come in between.
  const locking = acquireImportLock(datasetKey(source.name), { by: `npm run import on ${os.hostname()}` });
  onStop = async () => {
    const taken = await locking.catch(() => null);
    await taken?.release();
  };
  const lock = await locking;
  // The same TSV as the data set's own copy, where the person running the command looks for it.
  const refusedRows = reportFile ? openRefusedRowsFile(reportFile) : undefined;
  onStop = async () => {
    refusedRows?.abandon();
    await lock.release();
  };
  process.stderr.write(`[import] ${source.name}: ${source.files.length} file(s), ${megabytes(source.totalBytes)}${skipInvalid ? ", skipping invalid rows" : ""}\n`);
  let result;
  try {
    result = await importDataset(source, {
      store: neo4jImportStore,
      sourceReport: report,
      skipInvalid,
      ...(batchSize !== undefined ? { batchSize } : {}),
      ...(values["id-prefix"] ? { idPrefix: values["id-prefix"] } : {}),
      onProgress: printProgress,
      onProblem: (problem) => refusedRows?.write(problem),
    }, dataset);
    await refusedRows?.complete();
  } finally {
    refusedRows?.abandon();
    await lock.release();
    onStop = async () => {};
  }

  for (const problem of result.problems.slice(0, SHOWN_PROBLEMS)) console.log(`  ${problem.file}:${problem.line}: ${problem.reason}`);
  if (result.problemCount > SHOWN_PROBLEMS) console.log(`  ... and ${(result.problemCount - SHOWN_PROBLEMS).toLocaleString("en")} more`);
  const seconds = result.elapsedMs / 1000;
  const rows = result.entities.valid + result.relationships.valid + result.duplicatesIgnored + result.problemCount;
  const summary =
    `${result.entities.valid.toLocaleString("en")} entities and ${result.relationships.valid.toLocaleString("en")} relationships valid, ` +
    `${result.duplicatesIgnored.toLocaleString("en")} identical repeated rows ignored, ${result.problemCount.toLocaleString("en")} rows refused`;
  if (result.status === "refused") {
    console.log(`[import] refused: nothing was written. ${summary}.`);
    if (reportFile) console.log(`[import] every problem is listed in ${reportFile}`);
    console.log("[import] fix the rows above and run again, or pass --skip-invalid to load the valid rows only.");
    process.exitCode = 1;
    return;
  }
  console.log(
    `[import] done in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString("en")} rows/s): ${summary}; ` +
      `created ${result.entities.created.toLocaleString("en")} entities and ${result.relationships.created.toLocaleString("en")} relationships` +
      (result.entities.created + result.relationships.created === 0 ? " (everything was already there)" : ""),
  );
  console.log(`[import] data set "${dataset.id}" recorded: /datasets/${dataset.id}`);
  if (result.problemCount > 0) {
    console.log(`[import] the ${result.problemCount.toLocaleString("en")} refused rows were left out; every one is listed in ${reportFile} and on the data set's page`);
    process.exitCode = 2;
  }
}

main()
  .catch((error: unknown) => {
    console.error(`[import] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(closeDriver);
