import "server-only";
/**
 * How saved queries are kept in Neo4j, as statements that run inside a transaction the caller opens.
 * Used by lib/queries/store.ts (the app) and graph-seed/load.ts (the starter library), which is why this
 * module opens no transaction of its own.
 *
 *   (:SavedQuery {id, title, description, cypher, parametersJson, tags, version, createdAt, updatedAt,
 *                 deletedAt})-[:HAS_VERSION]->(:SavedQueryVersion {queryId, version, ...content, note})
 *
 * The SavedQuery node carries the latest content so the library lists without touching versions.
 * Parameter declarations are stored as JSON text: Neo4j properties cannot hold lists of maps.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { toPlain } from "../db/values";
import { toInteger } from "../db/params";
import { parameterDeclarationsSchema, type ParameterDeclaration } from "./parameters";
import type { SavedQuery, SavedQueryContent, SavedQuerySummary, SavedQueryVersion } from "./model";
import { SAVED_QUERY_LABEL, SAVED_QUERY_VERSION_LABEL } from "./schema";

function contentProperties(content: SavedQueryContent) {
  return {
    title: content.title,
    description: content.description,
    cypher: content.cypher,
    parametersJson: JSON.stringify(content.parameters),
    tags: content.tags,
  };
}

function text(value: unknown): string {
  const plain = toPlain(value);
  return typeof plain === "string" ? plain : "";
}

/** Stored JSON is ours, but a hand edit in Neo4j could break it: an unreadable list reads as empty. */
function parseParameters(json: unknown): ParameterDeclaration[] {
  try {
    const parsed = parameterDeclarationsSchema.safeParse(JSON.parse(text(json)));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function tagsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

type Properties = Record<string, unknown>;

function toSummary(q: Properties): SavedQuerySummary {
  const deletedAt = toPlain(q.deletedAt);
  return {
    id: text(q.id),
    title: text(q.title),
    description: text(q.description),
    tags: tagsOf(q.tags),
    parameters: parseParameters(q.parametersJson),
    version: Number(toPlain(q.version)),
    createdAt: text(q.createdAt),
    updatedAt: text(q.updatedAt),
    deletedAt: typeof deletedAt === "string" ? deletedAt : null,
  };
}

function toVersion(v: Properties): SavedQueryVersion {
  const note = toPlain(v.note);
  return {
    version: Number(toPlain(v.version)),
    title: text(v.title),
    description: text(v.description),
    cypher: text(v.cypher),
    parameters: parseParameters(v.parametersJson),
    tags: tagsOf(v.tags),
    createdAt: text(v.createdAt),
    note: typeof note === "string" ? note : null,
  };
}

export interface ListOptions {
  /** Matches titles, descriptions and tags, case-insensitively. */
  text?: string;
  /** The bin instead of the library. */
  deleted?: boolean;
  limit?: number;
}

export async function listSavedQueries(tx: ManagedTransaction, options: ListOptions = {}): Promise<SavedQuerySummary[]> {
  const result = await tx.run(
    `MATCH (q:${SAVED_QUERY_LABEL})
     WHERE (q.deletedAt IS NOT NULL) = $deleted
       AND ($text = '' OR toLower(q.title) CONTAINS $text OR toLower(q.description) CONTAINS $text
            OR any(tag IN q.tags WHERE tag CONTAINS $text))
     RETURN properties(q) AS q
     ORDER BY q.updatedAt DESC, q.id
     LIMIT $limit`,
    {
      deleted: options.deleted ?? false,
      text: (options.text ?? "").trim().toLowerCase(),
      limit: toInteger(options.limit ?? 500),
    },
  );
  return result.records.map((record) => toSummary(record.get("q") as Properties));
}

export async function findSavedQuery(tx: ManagedTransaction, id: string): Promise<SavedQuery | null> {
  const result = await tx.run(
    `MATCH (q:${SAVED_QUERY_LABEL} {id: $id})
     RETURN properties(q) AS q, COLLECT {
       MATCH (q)-[:HAS_VERSION]->(v:${SAVED_QUERY_VERSION_LABEL})
       RETURN v {.version, .title, .createdAt, .note} ORDER BY v.version DESC
     } AS versions`,
    { id },
  );
  const record = result.records[0];
  if (!record) return null;
  const q = record.get("q") as Properties;
  return {
    ...toSummary(q),
    cypher: text(q.cypher),
    versions: (record.get("versions") as Properties[]).map((v) => {
      const note = toPlain(v.note);
      return {
        version: Number(toPlain(v.version)),
        title: text(v.title),
        createdAt: text(v.createdAt),
        note: typeof note === "string" ? note : null,
      };
    }),
  };
}

export async function findSavedQueryVersion(
  tx: ManagedTransaction,
  id: string,
  version: number,
): Promise<SavedQueryVersion | null> {
  const result = await tx.run(
    `MATCH (v:${SAVED_QUERY_VERSION_LABEL} {queryId: $id, version: $version}) RETURN properties(v) AS v`,
    { id, version: toInteger(version) },
  );
  const record = result.records[0];
  return record ? toVersion(record.get("v") as Properties) : null;
}

/** A new query at version 1. Fails on the id constraint if the id is taken. */
export async function insertSavedQuery(
  tx: ManagedTransaction,
  id: string,
  content: SavedQueryContent,
  note: string | null,
): Promise<void> {
  await tx.run(
    `WITH datetime() AS now
     CREATE (q:${SAVED_QUERY_LABEL} {id: $id})
     SET q += $content, q.version = 1, q.createdAt = now, q.updatedAt = now
     CREATE (q)-[:HAS_VERSION]->(v:${SAVED_QUERY_VERSION_LABEL} {queryId: $id, version: 1})
     SET v += $content, v.createdAt = now, v.note = $note`,
    { id, content: contentProperties(content), note },
  );
}

export type AppendOutcome =
  | { kind: "saved"; version: number }
  | { kind: "missing" }
  | { kind: "stale"; current: number; savedAt: string; note: string | null }
  | { kind: "deleted" };

/**
 * Saves `content` as the next version, but only if the latest version is still `baseVersion`: someone
 * else's save in between must not be overwritten silently. The query node's write lock is taken before
 * its version is read (setting and removing a property), so of saves racing from one version the first
 * wins and the others wait, then read its version and are refused; the (queryId, version) constraint
 * stays as a second guard.
 */
export async function appendVersion(
  tx: ManagedTransaction,
  id: string,
  baseVersion: number,
  content: SavedQueryContent,
  note: string | null,
): Promise<AppendOutcome> {
  await tx.run(`MATCH (q:${SAVED_QUERY_LABEL} {id: $id}) SET q._redstringLock = true REMOVE q._redstringLock`, { id });
  const current = await tx.run(
    `MATCH (q:${SAVED_QUERY_LABEL} {id: $id})
     OPTIONAL MATCH (q)-[:HAS_VERSION]->(v:${SAVED_QUERY_VERSION_LABEL} {version: q.version})
     RETURN q.version AS version, q.deletedAt IS NOT NULL AS deleted, v.createdAt AS savedAt, v.note AS note`,
    { id },
  );
  const record = current.records[0];
  if (!record) return { kind: "missing" };
  if (record.get("deleted") === true) return { kind: "deleted" };
  const latest = Number(toPlain(record.get("version")));
  if (latest !== baseVersion) {
    const note = toPlain(record.get("note"));
    return { kind: "stale", current: latest, savedAt: text(record.get("savedAt")), note: typeof note === "string" ? note : null };
  }
  await tx.run(
    `WITH datetime() AS now
     MATCH (q:${SAVED_QUERY_LABEL} {id: $id})
     SET q += $content, q.version = $next, q.updatedAt = now
     CREATE (q)-[:HAS_VERSION]->(v:${SAVED_QUERY_VERSION_LABEL} {queryId: $id, version: $next})
     SET v += $content, v.createdAt = now, v.note = $note`,
    { id, next: toInteger(latest + 1), content: contentProperties(content), note },
  );
  return { kind: "saved", version: latest + 1 };
}

/** Moves a query to the bin (deleted = true) or back. Returns false when there is no such query. */
export async function setDeleted(tx: ManagedTransaction, id: string, deleted: boolean): Promise<boolean> {
  const result = await tx.run(
    `MATCH (q:${SAVED_QUERY_LABEL} {id: $id})
     SET q.deletedAt = CASE WHEN $deleted THEN coalesce(q.deletedAt, datetime()) ELSE null END
     RETURN q.id AS id`,
    { id, deleted },
  );
  return result.records.length > 0;
}
