/**
 * The folders Data-page uploads wait in until their import runs. Each belongs to the person who made it
 * (a `.owner` file inside, which no upload can overwrite: uploaded names never start with a dot); for
 * anyone else it does not exist (404), whether they list, write or import from it. Files are streamed to
 * disk and counted on the stream: one file may be at most 2 GB, and one person's waiting uploads
 * together at most their quota (REDSTRING_UPLOAD_QUOTA_MB). A folder is removed when its import ends,
 * and a folder untouched for a day (an upload nobody imported) is swept: at start-up and whenever a new
 * upload begins.
 *
 * No `server-only` here: instrumentation.ts imports the sweep at start-up, outside the server-components layer.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline as pipe } from "node:stream/promises";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { getConfig } from "../config";
import { BadRequestError, NotFoundError, PayloadTooLargeError } from "../errors";
import { boundedChunks, describeBytes } from "../request-body";

/** Big enough for a real data set, bounded so a mistake cannot fill the disk. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
/** An upload folder left this long since its last file is abandoned. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export const uploadIdPattern = /^[A-Za-z0-9_-]{16}$/;
/** A file name as the mapping refers to it; no folders, nothing hidden. */
export const uploadNamePattern = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}$/;

const OWNER_FILE = ".owner";

interface UploadState {
  /** Upload ids whose import is running: never swept, whatever their age. */
  inUse: Set<string>;
}
// Kept on globalThis so that a dev server's module reloads keep the same set.
const state: UploadState = ((globalThis as { __redstringUploads?: UploadState }).__redstringUploads ??= { inUse: new Set() });

/** (The `turbopackIgnore` comments below: these folders hold data, not code the build should trace.) */
export function uploadRoot(): string {
  return getConfig().uploadDir ?? path.join(os.tmpdir(), "redstring-uploads");
}

function ownerId(actor: Actor): string {
  requirePermission(actor, "imports:write");
  // requirePermission refuses signed-out callers, so there is a user here.
  return actor.user?.id ?? "";
}

const notYours = () => new NotFoundError("No upload with this id exists (or it was removed after its import, or after a day unused).");

async function ownerOf(dir: string): Promise<string | null> {
  try {
    return (await readFile(path.join(dir, OWNER_FILE), "utf8")).trim();
  } catch {
    return null;
  }
}

/** A fresh private folder for the files of one import; sweeps abandoned folders first. */
export async function createUpload(actor: Actor): Promise<string> {
  const owner = ownerId(actor);
  await sweepAbandonedUploads();
  const uploadId = randomBytes(12).toString("base64url");
  const dir = path.join(uploadRoot(), uploadId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path.join(dir, OWNER_FILE), owner, { mode: 0o600 });
  return uploadId;
}

/** The folder of an upload that belongs to `actor`; 404 for anyone else's, and for one that does not exist. */
export async function ownedUploadDir(actor: Actor, uploadId: string): Promise<string> {
  const owner = ownerId(actor);
  if (!uploadIdPattern.test(uploadId)) throw new BadRequestError("The upload id is not valid.");
  const dir = path.join(uploadRoot(), uploadId);
  if ((await ownerOf(dir)) !== owner) throw notYours();
  return dir;
}

async function folderBytes(dir: string, except?: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(/*turbopackIgnore: true*/ dir).catch(() => [] as string[])) {
    if (name === OWNER_FILE || name === except) continue;
    total += (await stat(path.join(dir, name)).catch(() => null))?.size ?? 0;
  }
  return total;
}

/** Bytes in all of one person's upload folders (a file about to be replaced left out). */
async function usageOf(owner: string, replacing?: { dir: string; name: string }): Promise<number> {
  const root = uploadRoot();
  let total = 0;
  for (const id of await readdir(/*turbopackIgnore: true*/ root).catch(() => [] as string[])) {
    const dir = path.join(root, id);
    if ((await ownerOf(dir)) !== owner) continue;
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
  // The folder's time is its last activity: what the sweep measures.
  const now = new Date();
  await utimes(dir, now, now).catch(() => undefined);
  return bytes;
}

/** Marks an upload as being imported (never swept) until `release` is called. */
export function holdUpload(uploadId: string): () => void {
  state.inUse.add(uploadId);
  return () => state.inUse.delete(uploadId);
}

export async function removeUpload(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Removes upload folders untouched for ABANDONED_AFTER_MS (an upload whose import was never started, or a
 * server stopped mid-import), except those being imported. Returns how many it removed.
 */
export async function sweepAbandonedUploads(now = Date.now()): Promise<number> {
  const root = uploadRoot();
  let removed = 0;
  for (const id of await readdir(/*turbopackIgnore: true*/ root).catch(() => [] as string[])) {
    if (state.inUse.has(id)) continue;
    const dir = path.join(root, id);
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory() || now - info.mtimeMs < ABANDONED_AFTER_MS) continue;
    await removeUpload(dir);
    removed += 1;
  }
  return removed;
}
