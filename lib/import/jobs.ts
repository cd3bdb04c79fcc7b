import "server-only";
/**
 * Imports started from the browser (the Data page): files are uploaded one by one into a private
 * folder (uploads.ts: streamed to disk, owned by the uploader, within a quota), then one import job runs
 * them through the same pipeline as the CLI (lib/import/pipeline.ts) in this server process, reporting
 * progress that the page polls. Jobs live in memory: a restart forgets them, and the import itself can
 * simply be run again (imports are idempotent). Every step needs "imports:write" (editors and admins):
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
import { migrateSchema } from "../migrations";
import { BadRequestError, NotFoundError } from "../errors";
import { describeBytes } from "../request-body";
import { withoutServerDetails } from "../server-text";
import { describeIssues } from "../validation";
import { csvSource } from "./csv";
import { ftmSource } from "./ftm";
import { csvMappingSchema, slugify } from "./mapping";
import { acquireImportLock, datasetKey } from "./lock";
import { neo4jImportStore } from "./neo4j-store";
import { runImport, type ImportResult, type Phase } from "./pipeline";
import { redstringJsonSource } from "./redstring-json";
import type { ImportSource } from "./types";
import { createUpload, holdUpload, ownedUploadDir, removeUpload, uploadNamePattern } from "./uploads";

export { MAX_UPLOAD_BYTES, saveUpload, uploadIdPattern, uploadNamePattern } from "./uploads";

export const IMPORT_FORMATS = ["csv", "json", "ftm"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A CSV mapping is a small JSON document read whole; a bigger one is not a mapping. */
const MAX_MAPPING_BYTES = 1024 ** 2;
const KEPT_PROBLEMS = 200;
const KEPT_JOBS = 20;

export interface ImportJob {
  id: string;
  format: ImportFormat;
  sourceName: string;
  status: "running" | "imported" | "refused" | "failed";
  phase: Phase | "starting";
  rows: number;
  bytesRead: number;
  totalBytes: number;
  created: number;
  startedAt: string;
  finishedAt: string | null;
  result: Omit<ImportResult, "problems"> | null;
  problems: { file: string; line: number; reason: string }[];
  error: string | null;
}

interface Registry {
  jobs: Map<string, { job: ImportJob; owner: string }>;
}

// Kept on globalThis so that a dev server's module reloads do not lose running jobs.
const registry: Registry = ((globalThis as { __redstringImportJobs?: Registry }).__redstringImportJobs ??= { jobs: new Map() });

/** A fresh private folder for the files of one import (uploads.ts). */
export function newUploadId(actor: Actor): Promise<string> {
  return createUpload(actor);
}

export interface StartImport {
  uploadId: string;
  format: ImportFormat;
  /** json/ftm: the data file; csv: the mapping file (its data files were uploaded alongside). */
  file: string;
  sourceName?: string;
  skipInvalid: boolean;
}

async function sourceFor(request: StartImport, dir: string): Promise<ImportSource> {
  const file = path.join(dir, request.file);
  const name = request.sourceName || request.file;
  if (!existsSync(file)) throw new BadRequestError(`"${request.file}" was not uploaded to this upload.`);
  // The file as the user named it in problems ("line 3 of graph.json"), never where it sits on the server.
  if (request.format === "json") return redstringJsonSource(file, name, request.file);
  if (request.format === "ftm") return ftmSource(file, name, request.file);
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
  return csvSource({ mapping: mapping.data, directory: dir, name });
}

/** Checks the request, then runs the import in the background; the answer is the job to poll. */
export async function startImport(actor: Actor, request: StartImport): Promise<ImportJob> {
  requirePermission(actor, "imports:write");
  const dir = await ownedUploadDir(actor, request.uploadId);
  if (!uploadNamePattern.test(request.file)) throw new BadRequestError("Name the file to import.");
  let source: ImportSource;
  try {
    source = await sourceFor(request, dir);
  } catch (cause) {
    if (cause instanceof BadRequestError) throw cause;
    // A file-system error's message names the server's folders: log it, tell the user what to do.
    console.error("[redstring] an uploaded file could not be read", cause);
    throw new BadRequestError("The uploaded files could not be read. Upload them again.");
  }
  // Taken before the job exists: a second import of the same data set is refused (409) right away.
  await migrateSchema();
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
  registry.jobs.set(job.id, { job, owner: actor.user?.id ?? "" });
  const release = holdUpload(request.uploadId);
  for (const old of [...registry.jobs.keys()].slice(0, Math.max(0, registry.jobs.size - KEPT_JOBS))) registry.jobs.delete(old);

  const report =
    request.format === "json"
      ? null // the file's relationships cite their own reports; adding one would change what round-trips
      : { id: `import-${slugify(source.name).slice(0, 100) || "data"}`, name: `Imported data set: ${source.name}`.slice(0, 300), description: "Uploaded on the Data page." };
  void (async () => {
    try {
      const result = await runImport(source, {
        store: neo4jImportStore,
        sourceReport: report,
        skipInvalid: request.skipInvalid,
        keepProblems: KEPT_PROBLEMS,
        onProgress: (progress) => Object.assign(job, progress),
      });
      const { problems, ...counts } = result;
      // Reasons quote parsers (JSON.parse, csv-parse): the same check as every answer gets (lib/http.ts).
      const shown = problems.map((problem) => ({ ...problem, reason: withoutServerDetails(problem.reason) }));
      Object.assign(job, { status: result.status, result: counts, problems: shown, finishedAt: new Date().toISOString() });
    } catch (cause) {
      console.error("[redstring] import failed", cause);
      Object.assign(job, { status: "failed", error: "The import stopped on an unexpected error. Run it again: what was written stays, and nothing is duplicated.", finishedAt: new Date().toISOString() });
    } finally {
      release();
      await lock.release().catch((cause: unknown) => console.error("[redstring] the import lock could not be released; it frees itself when its heartbeat stops", cause));
      await removeUpload(dir);
    }
  })();
  return job;
}

/** One of the caller's own imports; anyone else's is not found, like an unknown id. */
export function getImportJob(actor: Actor, id: string): ImportJob {
  requirePermission(actor, "imports:write");
  const entry = registry.jobs.get(id);
  if (!entry || entry.owner !== actor.user?.id) throw new NotFoundError("No import with this id is known to this server (it may have restarted).");
  return entry.job;
}

/** The caller's own imports, newest first. */
export function listImportJobs(actor: Actor): ImportJob[] {
  requirePermission(actor, "imports:write");
  return [...registry.jobs.values()]
    .filter((entry) => entry.owner === actor.user?.id)
    .map((entry) => entry.job)
    .reverse();
}
