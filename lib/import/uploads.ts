/**
 * The folders Data-page uploads wait in until their import runs, under REDSTRING_STORAGE_DIR (a volume
 * every replica shares in a cluster). Each upload is also an `:Upload {id, owner, expiresAt, heldBy}` node
 * in Neo4j, which says whose it is on every replica: for anyone else it does not exist (404), whether they
 * list, write or import from it. Files are streamed to disk and counted on the stream: one file may be at
 * most 2 GB, and one person's waiting uploads together at most their quota (REDSTRING_UPLOAD_QUOTA_MB).
 * A folder is removed when its import ends; an upload a day past its last file (nobody imported it, or its
 * import's server died and nobody ran it again) is swept, unless a live import holds it.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline as pipe } from "node:stream/promises";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { getConfig } from "../config";
import { read, write } from "../database";
import { BadRequestError, NotFoundError, PayloadTooLargeError } from "../errors";
import { boundedChunks, describeBytes } from "../request-body";
import { IMPORT_JOB_LABEL, UPLOAD_LABEL } from "./job-schema";
import { isLiveJobCypher, STALE_AFTER_MS } from "./job-store";

/** Big enough for a real data set, bounded so a mistake cannot fill the disk. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
/** An upload folder left this long since its last file is abandoned. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export const uploadIdPattern = /^[A-Za-z0-9_-]{16}$/;
/** A file name as the mapping refers to it; no folders, nothing hidden. */
export const uploadNamePattern = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}$/;

/** (The `turbopackIgnore` comments below: these folders hold data, not code the build should trace.) */
export function uploadRoot(): string {
  return getConfig().uploadDir;
}

function ownerId(actor: Actor): string {
  requirePermission(actor, "imports:write");
  // requirePermission refuses signed-out callers, so there is a user here.
  return actor.user?.id ?? "";
}

const notYours = () => new NotFoundError("No upload with this id exists (or it was removed after its import, or after a day unused).");

async function ownerOf(uploadId: string): Promise<string | null> {
  return read(async (tx) => {
    const record = (await tx.run(`MATCH (u:${UPLOAD_LABEL} {id: $uploadId}) RETURN u.owner AS owner`, { uploadId })).records[0];
    return (record?.get("owner") as string | undefined) ?? null;
  });
}

/** A fresh private folder for the files of one import; sweeps abandoned uploads first. */
export async function createUpload(actor: Actor, now = Date.now()): Promise<string> {
  const owner = ownerId(actor);
  await sweepAbandonedUploads(now);
  const uploadId = randomBytes(12).toString("base64url");
  await mkdir(path.join(uploadRoot(), uploadId), { recursive: true, mode: 0o700 });
  await write((tx) =>
    tx.run(`CREATE (u:${UPLOAD_LABEL} {id: $uploadId, owner: $owner, createdAt: $now, expiresAt: $expiresAt})`, {
      uploadId,
      owner,
      now,
      expiresAt: now + ABANDONED_AFTER_MS,
    }),
  );
  return uploadId;
}

/** The folder of an upload that belongs to `actor`; 404 for anyone else's, and for one that does not exist. */
export async function ownedUploadDir(actor: Actor, uploadId: string): Promise<string> {
  const owner = ownerId(actor);
  if (!uploadIdPattern.test(uploadId)) throw new BadRequestError("The upload id is not valid.");
  if ((await ownerOf(uploadId)) !== owner) throw notYours();
  return path.join(uploadRoot(), uploadId);
}

async function folderBytes(dir: string, except?: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(/*turbopackIgnore: true*/ dir).catch(() => [] as string[])) {
    if (name === except) continue;
    total += (await stat(path.join(dir, name)).catch(() => null))?.size ?? 0;
  }
  return total;
}

/** Bytes in all of one person's upload folders (a file about to be replaced left out). */
async function usageOf(owner: string, replacing?: { dir: string; name: string }): Promise<number> {
  const ids = await read(async (tx) =>
    (await tx.run(`MATCH (u:${UPLOAD_LABEL} {owner: $owner}) RETURN u.id AS id`, { owner })).records.map((record) => record.get("id") as string),
  );
  let total = 0;
  for (const id of ids) {
    const dir = path.join(uploadRoot(), id);
    total += await folderBytes(dir, dir === replacing?.dir ? replacing.name : undefined);
  }
  return total;
}

/**
 * Streams one uploaded file (the request body) into its folder. Refuses names with paths, files over
 * 2 GB and uploads past the quota (413, counted on the stream: a missing or false Content-Length changes
 * nothing), and removes what was written of a refused file.
 */
export async function saveUpload(actor: Actor, uploadId: string, name: string, request: Request): Promise<number> {
  const dir = await ownedUploadDir(actor, uploadId);
  if (!uploadNamePattern.test(name) || name.includes("..")) throw new BadRequestError(`"${name}" is not a file name Redstring accepts (letters, digits, spaces, . _ -).`);
  if (!request.body) throw new BadRequestError("The upload is empty.");
  const quota = getConfig().uploadQuotaBytes;
  const used = await usageOf(ownerId(actor), { dir, name });
  const room = quota - used;
  const overQuota = () =>
    new PayloadTooLargeError(
      `This file does not fit in your upload quota of ${describeBytes(quota)} (${describeBytes(used)} is already waiting in your unfinished uploads). Import or abandon those first: an upload folder is removed when its import ends, or after a day.`,
    );
  if (room <= 0) throw overQuota();
  const limit = Math.min(MAX_UPLOAD_BYTES, room);
  const refusal = limit < MAX_UPLOAD_BYTES ? overQuota : () => new PayloadTooLargeError(`A file may be at most ${describeBytes(MAX_UPLOAD_BYTES)}.`);
  const target = path.join(dir, name);
  let bytes = 0;
  const counted = Readable.from(
    (async function* () {
      for await (const chunk of boundedChunks(request, limit, refusal)) {
        bytes += chunk.byteLength;
        yield chunk;
      }
    })(),
  );
  try {
    await pipe(counted, createWriteStream(target, { mode: 0o600 }));
  } catch (cause) {
    await rm(target, { force: true }).catch(() => undefined);
    throw cause;
  }
  // An upload lives a day past its last file; the folder's time is kept for folders without a record.
  const now = Date.now();
  await write((tx) => tx.run(`MATCH (u:${UPLOAD_LABEL} {id: $uploadId}) SET u.expiresAt = $expiresAt`, { uploadId, expiresAt: now + ABANDONED_AFTER_MS }));
  await utimes(dir, new Date(now), new Date(now)).catch(() => undefined);
  return bytes;
}

/** Marks an upload as held by a job (never swept while the job is alive) until `release` is called. */
export async function holdUpload(uploadId: string, jobId: string): Promise<() => Promise<void>> {
  await write((tx) => tx.run(`MATCH (u:${UPLOAD_LABEL} {id: $uploadId}) SET u.heldBy = $jobId`, { uploadId, jobId }));
  return async () => {
    await write((tx) => tx.run(`MATCH (u:${UPLOAD_LABEL} {id: $uploadId, heldBy: $jobId}) REMOVE u.heldBy`, { uploadId, jobId }));
  };
}

/** Deletes an upload: its record and its folder. */
export async function removeUpload(uploadId: string): Promise<void> {
  await write((tx) => tx.run(`MATCH (u:${UPLOAD_LABEL} {id: $uploadId}) DELETE u`, { uploadId }));
  await rm(path.join(uploadRoot(), uploadId), { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Removes uploads past their expiry (a day after their last file) that no live import holds, and folders
 * with no record at all that are as old (left by a crash between the folder and its record, or by a
 * version that kept no records). Returns how many folders it removed.
 */
export async function sweepAbandonedUploads(now = Date.now()): Promise<number> {
  const expired = await write(async (tx) =>
    (
      await tx.run(
        `MATCH (u:${UPLOAD_LABEL}) WHERE u.expiresAt < $now
         OPTIONAL MATCH (j:${IMPORT_JOB_LABEL} {id: u.heldBy})
         WITH u, j WHERE j IS NULL OR NOT ${isLiveJobCypher("j")}
         WITH u, u.id AS id DELETE u RETURN id`,
        { now, liveSince: now - STALE_AFTER_MS },
      )
    ).records.map((record) => record.get("id") as string),
  );
  const root = uploadRoot();
  for (const id of expired) await rm(path.join(root, id), { recursive: true, force: true }).catch(() => undefined);
  let removed = expired.length;
  const known = new Set(
    await read(async (tx) => (await tx.run(`MATCH (u:${UPLOAD_LABEL}) RETURN u.id AS id`)).records.map((record) => record.get("id") as string)),
  );
  for (const id of await readdir(/*turbopackIgnore: true*/ root).catch(() => [] as string[])) {
    if (known.has(id) || expired.includes(id)) continue;
    const dir = path.join(root, id);
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory() || now - info.mtimeMs < ABANDONED_AFTER_MS) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    removed += 1;
  }
  return removed;
}
