import "server-only";
/**
 * The saved-query library: what the API routes call. Every save is checked first (it must parse and
 * only read; lib/queries/execute.ts) and then stored as a new version (lib/queries/records.ts).
 *
 * Each function takes the Actor asking and checks its permission first (lib/auth/permissions.ts): reading
 * and running the library is "graph:read", changing it and running draft Cypher is "queries:write".
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read, write } from "../database";
import { isConstraintViolation } from "../db/errors";
import { ConflictError, NotFoundError } from "../errors";
import { checkQuery, executeQuery, type QueryRunResult } from "./execute";
import type { RawParameterValues } from "./parameters";
import type { SavedQuery, SavedQueryContent, SavedQuerySummary, SavedQueryVersion } from "./model";
import {
  appendVersion,
  findSavedQuery,
  findSavedQueryVersion,
  insertSavedQuery,
  listSavedQueries,
  setDeleted,
  type AppendOutcome,
  type ListOptions,
} from "./records";

/** 96 random bits, 16 URL-safe characters: not guessable, short enough for a link. */
function newSavedQueryId(): string {
  return randomBytes(12).toString("base64url");
}

const notFound = (id: string) => new NotFoundError(`No saved query has the id "${id}".`);

export function listQueries(actor: Actor, options: ListOptions = {}): Promise<SavedQuerySummary[]> {
  requirePermission(actor, "graph:read");
  return read((tx) => listSavedQueries(tx, options));
}

export async function getQuery(actor: Actor, id: string): Promise<SavedQuery> {
  requirePermission(actor, "graph:read");
  const query = await read((tx) => findSavedQuery(tx, id));
  if (!query) throw notFound(id);
  return query;
}

export async function getQueryVersion(actor: Actor, id: string, version: number): Promise<SavedQueryVersion> {
  requirePermission(actor, "graph:read");
  const found = await read((tx) => findSavedQueryVersion(tx, id, version));
  if (!found) {
    await getQuery(actor, id); // a missing query says so, rather than "no version"
    throw new NotFoundError(`The saved query "${id}" has no version ${version}.`);
  }
  return found;
}

/** A write transaction of the caller's (an idempotent request's, lib/idempotency.ts) or a new one. */
function inWrite<T>(tx: ManagedTransaction | undefined, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  return tx ? work(tx) : write(work);
}

/** The query as just written, read in the writing transaction (it may not be committed yet). */
async function written(tx: ManagedTransaction, id: string): Promise<SavedQuery> {
  const query = await findSavedQuery(tx, id);
  if (!query) throw notFound(id);
  return query;
}

export async function createQuery(
  actor: Actor,
  content: SavedQueryContent,
  note: string | null = null,
  outer?: ManagedTransaction,
): Promise<SavedQuery> {
  requirePermission(actor, "queries:write");
  await checkQuery(content.cypher, content.parameters);
  const id = newSavedQueryId();
  return inWrite(outer, async (tx) => {
    await insertSavedQuery(tx, id, content, note);
    return written(tx, id);
  });
}

/**
 * Saves a new version. `baseVersion` is the version the editor started from: if someone saved since,
 * the save is refused with 409 rather than overwriting their work.
 */
export async function updateQuery(
  actor: Actor,
  id: string,
  content: SavedQueryContent,
  baseVersion: number,
  note: string | null = null,
  outer?: ManagedTransaction,
): Promise<SavedQuery> {
  requirePermission(actor, "queries:write");
  await checkQuery(content.cypher, content.parameters);
  let outcome: AppendOutcome;
  let saved: SavedQuery | null = null;
  try {
    outcome = await inWrite(outer, async (tx) => {
      const appended = await appendVersion(tx, id, baseVersion, content, note);
      if (appended.kind === "saved") saved = await written(tx, id);
      return appended;
    });
  } catch (cause) {
    if (isConstraintViolation(cause)) outcome = { kind: "stale", current: baseVersion + 1, savedAt: "", note: null };
    else throw cause;
  }
  switch (outcome.kind) {
    case "missing":
      throw notFound(id);
    case "deleted":
      throw new ConflictError("This query is in the bin. Restore it before saving a new version.");
    case "stale": {
      const when = outcome.savedAt ? ` at ${outcome.savedAt.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC")}` : "";
      const what = outcome.note ? ` (${outcome.note})` : "";
      throw new ConflictError(
        `Someone saved version ${outcome.current} of this query${when}${what} since you opened version ${baseVersion}. ` +
          "Reload to see their change, then save again.",
        { currentVersion: outcome.current, savedAt: outcome.savedAt || null },
      );
    }
    case "saved":
      // Read in the writing transaction (written()): never again in a new session, which might not see it.
      if (!saved) throw new Error("a saved version was not read back in its own transaction");
      return saved;
  }
}

/** Restoring an old version saves its content as the newest version; history is never rewritten. */
export async function restoreVersion(
  actor: Actor,
  id: string,
  version: number,
  baseVersion: number,
  outer?: ManagedTransaction,
): Promise<SavedQuery> {
  requirePermission(actor, "queries:write");
  const old = await getQueryVersion(actor, id, version);
  const content: SavedQueryContent = {
    title: old.title,
    description: old.description,
    cypher: old.cypher,
    parameters: old.parameters,
    tags: old.tags,
  };
  return updateQuery(actor, id, content, baseVersion, `restored version ${version}`, outer);
}

export async function duplicateQuery(actor: Actor, id: string, outer?: ManagedTransaction): Promise<SavedQuery> {
  requirePermission(actor, "queries:write");
  const original = await getQuery(actor, id);
  const title = `Copy of ${original.title}`.slice(0, 120);
  const content: SavedQueryContent = { ...original, title };
  return createQuery(actor, content, `duplicated from "${original.title}" (version ${original.version})`, outer);
}

/** Moves a query to the bin; `restoreQuery` brings it back (the library's undo). */
export function deleteQuery(actor: Actor, id: string): Promise<SavedQuery> {
  return setBinned(actor, id, true);
}

export function restoreQuery(actor: Actor, id: string): Promise<SavedQuery> {
  return setBinned(actor, id, false);
}

/** Into the bin or out of it, and the query as it then is, read in the same transaction. */
async function setBinned(actor: Actor, id: string, deleted: boolean): Promise<SavedQuery> {
  requirePermission(actor, "queries:write");
  return write(async (tx) => {
    if (!(await setDeleted(tx, id, deleted))) throw notFound(id);
    return written(tx, id);
  });
}

/** Runs a saved query (its latest version, or the one named): anyone who may read may run the library. */
export async function runSavedQuery(
  actor: Actor,
  id: string,
  version: number | undefined,
  values: RawParameterValues,
): Promise<{ query: { id: string; version: number; title: string }; result: QueryRunResult }> {
  requirePermission(actor, "graph:read");
  const saved = version === undefined ? await getQuery(actor, id) : await getQueryVersion(actor, id, version);
  const result = await executeQuery({ cypher: saved.cypher, parameters: saved.parameters, values });
  return { query: { id, version: saved.version, title: saved.title }, result };
}
