import "server-only";
/**
 * Imports started from the browser (the Data page): files are uploaded one by one into a private
 * folder (uploads.ts: streamed to disk, owned by the uploader, within a quota), then one import job runs
 * them through the same pipeline as the CLI (lib/import/pipeline.ts) in the server process that started it,
 * recording its progress in Neo4j (job-store.ts), so the page's polls may reach any replica. A job whose
 * server died is reported "interrupted" and can be run again from its upload (imports are idempotent:
 * the second run adds only what is missing). Every step needs "imports:write" (editors and admins):
 * an import changes the graph. A job, like its upload, is seen only by the person who started it.
 *
 * Nothing here names the server's folders to the user: sources get the file names as they were uploaded,
 * so problems read "line 3 of companies.csv", never a path under the temp folder.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { ensureDatabaseReady } from "../database";
import { detached } from "../db/context";
import { sweepSometimes } from "../db/housekeeping";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import { describeBytes } from "../request-body";
import { withoutServerDetails } from "../server-text";
import { describeIssues } from "../validation";
import { datasetIdFrom } from "../datasets/ids";
import { importDataset, type DatasetDescription } from "../datasets/import-run";
import { csvSource } from "./csv";
import { ftmSource } from "./ftm";
import { csvMappingSchema, slugify } from "./mapping";
import { acquireImportLock, datasetKey } from "./lock";
import { neo4jImportStore } from "./neo4j-store";
import { createJob, deleteOldJobs, listJobs, markResumed, progressWriter, readJob, type ImportJob, type JobRequest, type JobUpdate } from "./job-store";
import { redstringJsonSource } from "./redstring-json";
import type { ImportSource } from "./types";
import { createUpload, holdUpload, ownedUploadDir, removeUpload, uploadNamePattern } from "./uploads";

export { MAX_UPLOAD_BYTES, saveUpload, uploadIdPattern, uploadNamePattern } from "./uploads";

export { IMPORT_FORMATS, type ImportFormat, type ImportJob } from "./job-store";

/** A CSV mapping is a small JSON document read whole; a bigger one is not a mapping. */
const MAX_MAPPING_BYTES = 1024 ** 2;
const KEPT_PROBLEMS = 200;

/** A fresh private folder for the files of one import (uploads.ts). */
export function newUploadId(actor: Actor): Promise<string> {
  return createUpload(actor);
}

/** json/ftm: `file` is the data file; csv: the mapping file (its data files were uploaded alongside). */
export type StartImport = JobRequest;

/** The source, and the data set it is: its id from the mapping or the file's name, its files as uploaded. */
interface JobSource {
  source: ImportSource;
  dataset: Omit<DatasetDescription, "importedBy">;
}

async function sourceFor(request: StartImport, dir: string): Promise<JobSource> {
  const file = path.join(dir, request.file);
  if (!existsSync(file)) throw new BadRequestError(`"${request.file}" was not uploaded to this upload.`);
  if (request.format !== "csv") {
    const name = request.sourceName || request.file;
    // The file as the user named it in problems ("line 3 of graph.json"), never where it sits on the server.
    const source = request.format === "json" ? redstringJsonSource(file, name, request.file) : ftmSource(file, name, request.file);
    return { source, dataset: { id: datasetIdFrom(request.file), name: source.name, files: [{ path: file, name: request.file }] } };
  }
  if ((await stat(file)).size > MAX_MAPPING_BYTES) {
    throw new BadRequestError(`The mapping "${request.file}" is larger than ${describeBytes(MAX_MAPPING_BYTES)}: upload the mapping JSON, not a data file, as the mapping.`);
  }
  let mappingJson: unknown;
  try {
    mappingJson = JSON.parse(await readFile(file, "utf8"));
  } catch {
    throw new BadRequestError(`The mapping "${request.file}" is not valid JSON.`);
  }
  const mapping = csvMappingSchema.safeParse(mappingJson);
  if (!mapping.success) throw new BadRequestError(`The mapping "${request.file}" is not valid: ${describeIssues(mapping.error)}`);
  // An uploaded mapping may only name files uploaded with it: "../../etc/passwd" must not be read.
  const named = [...mapping.data.nodes, ...mapping.data.relationships].map((entry) => entry.file);
  const outside = named.find((file) => !uploadNamePattern.test(file) || file.includes(".."));
  if (outside !== undefined) throw new BadRequestError(`The mapping names "${outside}": name the uploaded CSV files by their file names only.`);
  const missing = named.find((file) => !existsSync(path.join(dir, file)));
  if (missing !== undefined) throw new BadRequestError(`The mapping names "${missing}", which was not uploaded with it.`);
  // Named after the data, not the mapping file ("mapping.json"): the mapping's source name, else its files.
  const source = mapping.data.source;
  const dataFiles = [...new Set(named)];
  const name = request.sourceName || source?.name || dataFiles.join(", ").slice(0, 300);
  return {
    source: csvSource({ mapping: mapping.data, directory: dir, name }),
    dataset: {
      ...source,
      id: source?.id ?? datasetIdFrom(name),
      name,
      files: dataFiles.map((data) => ({ path: path.join(dir, data), name: data })),
    },
  };
}

/** Checks the request, then runs the import in the background; the answer is the job to poll. */
export async function startImport(actor: Actor, request: StartImport): Promise<ImportJob> {
  requirePermission(actor, "imports:write");
  const dir = await ownedUploadDir(actor, request.uploadId);
  if (!uploadNamePattern.test(request.file)) throw new BadRequestError("Name the file to import.");
  let source: ImportSource;
  let dataset: DatasetDescription;
  try {
    const found = await sourceFor(request, dir);
    source = found.source;
    dataset = { ...found.dataset, importedBy: { kind: "user", id: actor.user?.id ?? "", name: actor.user?.name ?? "" } };
  } catch (cause) {
    if (cause instanceof BadRequestError) throw cause;
    // A file-system error's message names the server's folders: log it, tell the user what to do.
    console.error("[redstring] an uploaded file could not be read", cause);
    throw new BadRequestError("The uploaded files could not be read. Upload them again.");
  }
  // The server does not migrate (a deploy step does): it checks, and answers 503 "run npm run migrate".
  await ensureDatabaseReady();
  // Taken before the job exists: a second import of the same data set is refused (409) right away.
  const lock = await acquireImportLock(datasetKey(source.name), { by: `${actor.user?.name ?? "someone"} on the Data page` });
  const job: ImportJob = {
    id: randomBytes(12).toString("base64url"),
    format: request.format,
    sourceName: source.name,
    status: "running",
    phase: "starting",
    rows: 0,
    bytesRead: 0,
    totalBytes: source.totalBytes,
    created: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    result: null,
    problems: [],
    error: null,
  };
  let release: () => Promise<void>;
  try {
    await createJob(actor.user?.id ?? "", job, request);
    release = await holdUpload(request.uploadId, job.id);
  } catch (cause) {
    await lock.release().catch(() => undefined);
    throw cause;
  }
  sweepSometimes("old import jobs", () => deleteOldJobs());

  const report =
    request.format === "json"
      ? null // the file's relationships cite their own reports; adding one would change what round-trips
      : { id: `import-${slugify(source.name).slice(0, 100) || "data"}`, name: `Imported data set: ${source.name}`.slice(0, 300), description: "Uploaded on the Data page." };
  // Detached from the request (lib/db/context.ts): the job outlives it, and a browser that leaves the
  // page does not stop the import. Its progress writer's timers start inside, so they are detached too.
  void detached(async () => {
    const progress = progressWriter(job.id);
    let outcome: JobUpdate;
    try {
      const result = await importDataset(
        source,
        {
          store: neo4jImportStore,
          sourceReport: report,
          skipInvalid: request.skipInvalid,
          keepProblems: KEPT_PROBLEMS,
          onProgress: ({ phase, rows, bytesRead, totalBytes, created }) => progress.push({ phase, rows, bytesRead, totalBytes, created }),
        },
        dataset,
      );
      const { problems, ...counts } = result;
      // Reasons quote parsers (JSON.parse, csv-parse): the same check as every answer gets (lib/http.ts).
      const shown = problems.map((problem) => ({ ...problem, reason: withoutServerDetails(problem.reason) }));
      outcome = { status: result.status, result: counts, problems: shown };
    } catch (cause) {
      console.error("[redstring] import failed", cause);
      outcome = { status: "failed", error: "The import stopped on an unexpected error. Run it again: what was written stays, and nothing is duplicated." };
    }
    // Cleaned up before the job says it ended: whoever sees the end sees the lock free and the files gone.
    await release().catch(() => undefined);
    await lock.release().catch((cause: unknown) => console.error("[redstring] the import lock could not be released; it frees itself when its heartbeat stops", cause));
    await removeUpload(request.uploadId).catch((cause: unknown) => console.warn("[redstring] an upload could not be removed; the sweep will", cause));
    await progress.finish({ ...outcome, finishedAt: new Date().toISOString() });
  });
  return job;
}

/** One of the caller's own imports; anyone else's is not found, like an unknown id. */
export async function getImportJob(actor: Actor, id: string): Promise<ImportJob> {
  return (await ownJob(actor, id)).job;
}

async function ownJob(actor: Actor, id: string) {
  requirePermission(actor, "imports:write");
  const stored = await readJob(id);
  if (!stored || stored.owner !== actor.user?.id) throw new NotFoundError("No import with this id exists.");
  return stored;
}

/** The caller's own imports, newest first. */
export async function listImportJobs(actor: Actor): Promise<ImportJob[]> {
  requirePermission(actor, "imports:write");
  return (await listJobs(actor.user?.id ?? "")).map((stored) => stored.job);
}

/**
 * Runs an interrupted import again, from the same upload with the same options: a new job (the old one
 * names it). Refused for a job that is not interrupted, or whose files are gone.
 */
export async function resumeImport(actor: Actor, id: string): Promise<ImportJob> {
  const stored = await ownJob(actor, id);
  if (stored.job.status !== "interrupted") throw new ConflictError("Only an interrupted import can be run again; this one is not.");
  if (stored.job.resumedBy) throw new ConflictError("This import was already run again.");
  if (!stored.job.canResume) throw new ConflictError("The files of this import are gone (uploads are kept a day). Upload them again to import them.");
  const job = await startImport(actor, stored.request);
  await markResumed(id, job.id);
  return job;
}
