import "server-only";
/**
 * Imports started from the browser (the Data page): files are uploaded one by one into a private
 * temporary folder (streamed to disk, never held in memory), then one import job runs them through the
 * same pipeline as the CLI (lib/import/pipeline.ts) in this server process, reporting progress that the
 * page polls. Jobs live in memory: a restart forgets them, and the import itself can simply be run again
 * (imports are idempotent). Every step needs "imports:write" (editors and admins): an import changes the graph.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline as pipe } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { requirePermission, type Actor } from "../auth/permissions";
import { migrateSchema } from "../db/schema";
import { BadRequestError, NotFoundError } from "../errors";
import { describeIssues } from "../validation";
import { csvSource } from "./csv";
import { ftmSource } from "./ftm";
import { csvMappingSchema, slugify } from "./mapping";
import { neo4jImportStore } from "./neo4j-store";
import { runImport, type ImportResult, type Phase } from "./pipeline";
import { redstringJsonSource } from "./redstring-json";
import type { ImportSource } from "./types";

export const IMPORT_FORMATS = ["csv", "json", "ftm"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Big enough for a real data set, bounded so a mistake cannot fill the disk. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
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
  jobs: Map<string, ImportJob>;
}

// Kept on globalThis so that a dev server's module reloads do not lose running jobs.
const registry: Registry = ((globalThis as { __redstringImports?: Registry }).__redstringImports ??= { jobs: new Map() });

const uploadRoot = () => path.join(os.tmpdir(), "redstring-uploads");

export const uploadIdPattern = /^[A-Za-z0-9_-]{16}$/;
/** A file name as the mapping refers to it; no folders, nothing hidden. */
export const uploadNamePattern = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}$/;

export function newUploadId(actor: Actor): string {
  requirePermission(actor, "imports:write");
  return randomBytes(12).toString("base64url");
}

function uploadDir(uploadId: string): string {
  if (!uploadIdPattern.test(uploadId)) throw new BadRequestError("The upload id is not valid.");
  return path.join(uploadRoot(), uploadId);
}

/** Streams one uploaded file to disk. Refuses names with paths and files over the size limit. */
export async function saveUpload(actor: Actor, uploadId: string, name: string, body: ReadableStream<Uint8Array> | null, declaredBytes: number): Promise<number> {
  requirePermission(actor, "imports:write");
  if (!uploadNamePattern.test(name) || name.includes("..")) throw new BadRequestError(`"${name}" is not a file name Redstring accepts (letters, digits, spaces, . _ -).`);
  if (!body) throw new BadRequestError("The upload is empty.");
  if (declaredBytes > MAX_UPLOAD_BYTES) throw new BadRequestError(`A file may be at most ${MAX_UPLOAD_BYTES / 1024 ** 3} GB.`);
  const dir = uploadDir(uploadId);
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  const counted = Readable.fromWeb(body as WebReadableStream<Uint8Array>).on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_UPLOAD_BYTES) counted.destroy(new BadRequestError(`A file may be at most ${MAX_UPLOAD_BYTES / 1024 ** 3} GB.`));
  });
  await pipe(counted, createWriteStream(path.join(dir, name)));
  return bytes;
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
  if (request.format === "json") return redstringJsonSource(file, name);
  if (request.format === "ftm") return ftmSource(file, name);
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
  const dir = uploadDir(request.uploadId);
  if (!uploadNamePattern.test(request.file)) throw new BadRequestError("Name the file to import.");
  let source: ImportSource;
  try {
    source = await sourceFor(request, dir);
  } catch (cause) {
    if (cause instanceof BadRequestError) throw cause;
    throw new BadRequestError(cause instanceof Error ? cause.message : "The files could not be read.");
  }
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
  registry.jobs.set(job.id, job);
  for (const old of [...registry.jobs.keys()].slice(0, Math.max(0, registry.jobs.size - KEPT_JOBS))) registry.jobs.delete(old);

  const report =
    request.format === "json"
      ? null // the file's relationships cite their own reports; adding one would change what round-trips
      : { id: `import-${slugify(source.name).slice(0, 100) || "data"}`, name: `Imported data set: ${source.name}`.slice(0, 300), description: "Uploaded on the Data page." };
  void (async () => {
    try {
      await migrateSchema();
      const result = await runImport(source, {
        store: neo4jImportStore,
        sourceReport: report,
        skipInvalid: request.skipInvalid,
        keepProblems: KEPT_PROBLEMS,
        onProgress: (progress) => Object.assign(job, progress),
      });
      const { problems, ...counts } = result;
      Object.assign(job, { status: result.status, result: counts, problems, finishedAt: new Date().toISOString() });
    } catch (cause) {
      console.error("[redstring] import failed", cause);
      Object.assign(job, { status: "failed", error: "The import stopped on an unexpected error. Run it again: what was written stays, and nothing is duplicated.", finishedAt: new Date().toISOString() });
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  })();
  return job;
}

export function getImportJob(actor: Actor, id: string): ImportJob {
  requirePermission(actor, "imports:write");
  const job = registry.jobs.get(id);
  if (!job) throw new NotFoundError("No import with this id is known to this server (it may have restarted).");
  return job;
}

export function listImportJobs(actor: Actor): ImportJob[] {
  requirePermission(actor, "imports:write");
  return [...registry.jobs.values()].reverse();
}
