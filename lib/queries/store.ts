import "server-only";
/**
 * The saved-query library: what the API routes call. Every save is checked first (it must parse and
 * only read; lib/queries/execute.ts) and then stored as a new version (lib/queries/records.ts).
 */
import { randomBytes } from "node:crypto";
import { read, write } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { checkQuery } from "./execute";
import type { SavedQuery, SavedQueryContent, SavedQuerySummary, SavedQueryVersion } from "./model";
import {
  appendVersion,
  findSavedQuery,
  findSavedQueryVersion,
  insertSavedQuery,
  listSavedQueries,
  setDeleted,
  type ListOptions,
} from "./records";

/** 96 random bits, 16 URL-safe characters: not guessable, short enough for a link. */
function newSavedQueryId(): string {
  return randomBytes(12).toString("base64url");
}

const notFound = (id: string) => new NotFoundError(`No saved query has the id "${id}".`);

export function listQueries(options: ListOptions = {}): Promise<SavedQuerySummary[]> {
  return read((tx) => listSavedQueries(tx, options));
}

export async function getQuery(id: string): Promise<SavedQuery> {
  const query = await read((tx) => findSavedQuery(tx, id));
  if (!query) throw notFound(id);
  return query;
}

export async function getQueryVersion(id: string, version: number): Promise<SavedQueryVersion> {
  const found = await read((tx) => findSavedQueryVersion(tx, id, version));
  if (!found) {
    await getQuery(id); // a missing query says so, rather than "no version"
    throw new NotFoundError(`The saved query "${id}" has no version ${version}.`);
  }
  return found;
}

export async function createQuery(content: SavedQueryContent, note: string | null = null): Promise<SavedQuery> {
  await checkQuery(content.cypher, content.parameters);
  const id = newSavedQueryId();
  await write((tx) => insertSavedQuery(tx, id, content, note));
  return getQuery(id);
}

/**
 * Saves a new version. `baseVersion` is the version the editor started from: if someone saved since,
 * the save is refused with 409 rather than overwriting their work.
 */
export async function updateQuery(
  id: string,
  content: SavedQueryContent,
  baseVersion: number,
  note: string | null = null,
): Promise<SavedQuery> {
  await checkQuery(content.cypher, content.parameters);
  let outcome;
  try {
    outcome = await write((tx) => appendVersion(tx, id, baseVersion, content, note));
  } catch (cause) {
    if (isConstraintViolation(cause)) outcome = { kind: "stale" as const, current: baseVersion + 1 };
    else throw cause;
  }
  switch (outcome.kind) {
    case "missing":
      throw notFound(id);
    case "deleted":
      throw new ConflictError("This query is in the bin. Restore it before saving a new version.");
    case "stale":
      throw new ConflictError(
        `Someone saved version ${outcome.current} of this query since you opened version ${baseVersion}. ` +
          "Reload to see their change, then save again.",
      );
    case "saved":
      return getQuery(id);
  }
}

/** Restoring an old version saves its content as the newest version; history is never rewritten. */
export async function restoreVersion(id: string, version: number, baseVersion: number): Promise<SavedQuery> {
  const old = await getQueryVersion(id, version);
  const content: SavedQueryContent = {
    title: old.title,
    description: old.description,
    cypher: old.cypher,
    parameters: old.parameters,
    tags: old.tags,
  };
  return updateQuery(id, content, baseVersion, `restored version ${version}`);
}

export async function duplicateQuery(id: string): Promise<SavedQuery> {
  const original = await getQuery(id);
  const title = `Copy of ${original.title}`.slice(0, 120);
  const content: SavedQueryContent = { ...original, title };
  return createQuery(content, `duplicated from "${original.title}" (version ${original.version})`);
}

/** Moves a query to the bin; `restoreQuery` brings it back (the library's undo). */
export async function deleteQuery(id: string): Promise<SavedQuery> {
  if (!(await write((tx) => setDeleted(tx, id, true)))) throw notFound(id);
  return getQuery(id);
}

export async function restoreQuery(id: string): Promise<SavedQuery> {
  if (!(await write((tx) => setDeleted(tx, id, false)))) throw notFound(id);
  return getQuery(id);
}

function isConstraintViolation(cause: unknown): boolean {
  return (
    typeof cause === "object" &&
    cause !== null &&
    "code" in cause &&
    cause.code === "Neo.ClientError.Schema.ConstraintValidationFailed"
  );
}
