import "server-only";
/**
 * Data-page import jobs as `:ImportJob` nodes, so that any replica answers a poll, and a job whose server
 * died is seen as such: a running job beats a heartbeat (with each progress write, and at least every
 * HEARTBEAT_MS); one whose heartbeat is STALE_AFTER_MS old is reported "interrupted" and can be run again.
 * Not an `Entity`: neither the explorer nor a saved query ever sees it.
 */
import os from "node:os";
import { read, write } from "../database";
import { toInteger } from "../db/params";
import { mapToPlain } from "../db/values";
import { IMPORT_JOB_LABEL, UPLOAD_LABEL } from "./job-schema";
import type { ImportResult, Phase } from "./pipeline";

export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;
/** How many of a person's jobs the list shows; older ones are deleted after JOBS_KEPT_FOR_MS. */
export const LISTED_JOBS = 20;
export const JOBS_KEPT_FOR_MS = 30 * 24 * 60 * 60 * 1000;

export const IMPORT_FORMATS = ["csv", "json", "ftm"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type JobStatus = "running" | "imported" | "refused" | "failed" | "interrupted";

/** A job as the API answers it. */
export interface ImportJob {
  id: string;
  format: ImportFormat;
  sourceName: string;
  status: JobStatus;
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
  /** For an interrupted job: whether its files are still there to run it again. */
  canResume?: boolean;
  /** The job that ran this one again, when it was. */
  resumedBy?: string | null;
}

/** What a job was asked to do: enough to run it again. */
export interface JobRequest {
  uploadId: string;
  format: ImportFormat;
  file: string;
  sourceName?: string;
  skipInvalid: boolean;
}

export interface StoredJob {
  job: ImportJob;
  owner: string;
  request: JobRequest;
}

export type JobUpdate = Partial<Pick<ImportJob, "status" | "phase" | "rows" | "bytesRead" | "totalBytes" | "created" | "finishedAt" | "result" | "problems" | "error">>;

const SERVER = `${os.hostname()}:${process.pid}`;

export async function createJob(owner: string, job: ImportJob, request: JobRequest, now = Date.now()): Promise<void> {
  await write((tx) =>
    tx.run(
      `CREATE (j:${IMPORT_JOB_LABEL})
       SET j = $props`,
      {
        props: {
          ...scalars(job),
          result: null,
          problems: "[]",
          owner,
          uploadId: request.uploadId,
          file: request.file,
          requestedSourceName: request.sourceName ?? null,
          skipInvalid: request.skipInvalid,
          server: SERVER,
          heartbeatAt: now,
          resumedBy: null,
        },
      },
    ),
  );
}

/** A job's fields as node properties: the lists and objects as JSON text; what is derived on reading left out. */
function scalars(job: Partial<ImportJob>) {
  const { result, problems, ...rest } = job;
  delete rest.canResume;
  delete rest.resumedBy;
  return {
    ...rest,
    ...(result !== undefined ? { result: result === null ? null : JSON.stringify(result) } : {}),
    ...(problems !== undefined ? { problems: JSON.stringify(problems) } : {}),
  };
}

/** Writes what changed and beats the heartbeat; only the server running the job calls it. */
export async function updateJob(id: string, update: JobUpdate, now = Date.now()): Promise<void> {
  await write((tx) => tx.run(`MATCH (j:${IMPORT_JOB_LABEL} {id: $id}) SET j += $props, j.heartbeatAt = $now`, { id, props: scalars(update), now }));
}

export async function markResumed(id: string, by: string): Promise<void> {
  await write((tx) => tx.run(`MATCH (j:${IMPORT_JOB_LABEL} {id: $id}) SET j.resumedBy = $by`, { id, by }));
}

type Row = Record<string, unknown>;

function fromRow(row: Row, now: number): StoredJob {
  const plain = mapToPlain(row.j as Row) as Record<string, unknown>;
  const stale = plain.status === "running" && now - Number(plain.heartbeatAt) > STALE_AFTER_MS;
  const job: ImportJob = {
    id: String(plain.id),
    format: plain.format as ImportFormat,
    sourceName: String(plain.sourceName),
    status: stale ? "interrupted" : (plain.status as JobStatus),
    phase: plain.phase as ImportJob["phase"],
    rows: Number(plain.rows),
    bytesRead: Number(plain.bytesRead),
    totalBytes: Number(plain.totalBytes),
    created: Number(plain.created),
    startedAt: String(plain.startedAt),
    finishedAt: stale ? null : ((plain.finishedAt as string | null) ?? null),
    result: typeof plain.result === "string" ? (JSON.parse(plain.result) as ImportJob["result"]) : null,
    problems: typeof plain.problems === "string" ? (JSON.parse(plain.problems) as ImportJob["problems"]) : [],
    error: stale
      ? "The server running this import stopped before it finished. Run it again: what was written stays, and nothing is duplicated."
      : ((plain.error as string | null) ?? null),
    resumedBy: (plain.resumedBy as string | null) ?? null,
  };
  if (stale) job.canResume = row.uploadExists === true && job.resumedBy === null;
  const request: JobRequest = {
    uploadId: String(plain.uploadId),
    format: job.format,
    file: String(plain.file),
    sourceName: (plain.requestedSourceName as string | null) ?? undefined,
    skipInvalid: plain.skipInvalid === true,
  };
  return { job, owner: String(plain.owner), request };
}

const WITH_UPLOAD = `OPTIONAL MATCH (u:${UPLOAD_LABEL} {id: j.uploadId}) RETURN properties(j) AS j, u IS NOT NULL AS uploadExists`;

export async function readJob(id: string, now = Date.now()): Promise<StoredJob | null> {
  const row = await read(async (tx) => (await tx.run(`MATCH (j:${IMPORT_JOB_LABEL} {id: $id}) ${WITH_UPLOAD}`, { id })).records[0]?.toObject());
  return row ? fromRow(row, now) : null;
}

/** A person's jobs, newest first. */
export async function listJobs(owner: string, now = Date.now()): Promise<StoredJob[]> {
  const rows = await read(async (tx) =>
    (
      await tx.run(
        `MATCH (j:${IMPORT_JOB_LABEL} {owner: $owner})
         WITH j ORDER BY j.startedAt DESC LIMIT $limit
         ${WITH_UPLOAD}`,
        { owner, limit: toInteger(LISTED_JOBS) },
      )
    ).records.map((record) => record.toObject()),
  );
  return rows.map((row) => fromRow(row, now));
}

/** Whether the job holding an upload is running on a live server (its heartbeat fresh). */
export function isLiveJobCypher(job: string): string {
  return `(${job}.status = 'running' AND ${job}.heartbeatAt > $liveSince)`;
}

/** Deletes finished jobs older than JOBS_KEPT_FOR_MS; run now and then by the housekeeping sweep. */
export async function deleteOldJobs(now = Date.now()): Promise<void> {
  await write((tx) =>
    tx.run(`MATCH (j:${IMPORT_JOB_LABEL}) WHERE j.startedAt < $before AND NOT ${isLiveJobCypher("j")} DELETE j`, {
      before: new Date(now - JOBS_KEPT_FOR_MS).toISOString(),
      liveSince: now - STALE_AFTER_MS,
    }),
  );
}

/**
 * Progress as the pipeline reports it (many times a second), written at most once per `everyMs` and
 * always in order: one write in flight, the latest state queued behind it. `flush` waits for the last.
 */
export function progressWriter(id: string, everyMs = 1_000) {
  let pending: JobUpdate | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    timer = undefined;
    const update = pending;
    pending = null;
    lastWrite = Date.now();
    // Whatever is pending (or nothing) goes with a heartbeat; a failed write is retried by the next.
    inFlight = inFlight.then(() => updateJob(id, update ?? {}).catch((cause: unknown) => console.warn("[redstring] could not record an import's progress", cause)));
  };
  const heartbeat = setInterval(send, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    push(update: JobUpdate) {
      pending = { ...pending, ...update };
      if (timer) return;
      timer = setTimeout(send, Math.max(0, everyMs - (Date.now() - lastWrite)));
      timer.unref();
    },
    async finish(update: JobUpdate) {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      pending = { ...pending, ...update };
      send();
      await inFlight;
    },
  };
}
