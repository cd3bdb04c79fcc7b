import "server-only";
/**
 * How sessions are kept in Neo4j, as statements inside a transaction the caller opens:
 *
 *   (:User)-[:HAS_SESSION]->(:Session {id, createdAt, expiresAt, userAgent})
 *
 * The id is 128 random bits; the browser holds it only inside the sealed cookie (lib/auth/session.ts), so
 * someone who read a session id out of the database still could not make a cookie for it without
 * REDSTRING_SESSION_SECRET. Deleting the node ends the session on the next request, wherever it is used.
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { toPlain } from "../db/values";
import { toStored, type StoredUser } from "./records";
import { HAS_SESSION, SESSION_LABEL, USER_LABEL } from "./schema";

export function newSessionId(): string {
  return randomBytes(16).toString("base64url");
}

export const sessionIdPattern = /^[A-Za-z0-9_-]{22}$/;

/**
 * Opens a session for an existing user; false when there is no such user. Expired sessions (anyone's, a
 * batch at a time, through the expiry index) are deleted on the way, so they never pile up.
 */
export async function insertSession(
  tx: ManagedTransaction,
  session: { id: string; userId: string; ttlSeconds: number; userAgent: string },
): Promise<boolean> {
  await tx.run(
    `MATCH (old:${SESSION_LABEL}) WHERE old.expiresAt < datetime() WITH old LIMIT 1000 DETACH DELETE old`,
  );
  const result = await tx.run(
    `MATCH (u:${USER_LABEL} {id: $userId})
     CREATE (u)-[:${HAS_SESSION}]->(s:${SESSION_LABEL} {id: $id, userAgent: $userAgent, createdAt: datetime()})
     SET s.expiresAt = s.createdAt + duration({seconds: $ttlSeconds})
     RETURN s.id AS id`,
    { userId: session.userId, id: session.id, userAgent: session.userAgent, ttlSeconds: session.ttlSeconds },
  );
  return result.records.length > 0;
}

/** The one read every request makes: the session, if live, with its user (null for none or expired). */
export async function findUserOfSession(tx: ManagedTransaction, sessionId: string): Promise<StoredUser | null> {
  const result = await tx.run(
    `MATCH (u:${USER_LABEL})-[:${HAS_SESSION}]->(s:${SESSION_LABEL} {id: $sessionId})
     WHERE s.expiresAt > datetime()
     RETURN properties(u) AS u`,
    { sessionId },
  );
  const properties = result.records[0]?.get("u") as Record<string, unknown> | undefined;
  return properties ? toStored(properties) : null;
}

export async function deleteSession(tx: ManagedTransaction, sessionId: string): Promise<void> {
  await tx.run(`MATCH (s:${SESSION_LABEL} {id: $sessionId}) DETACH DELETE s`, { sessionId });
}

/** Ends every session of a user, except `keep` (the one asking, after a password change); how many ended. */
export async function deleteSessionsOfUser(tx: ManagedTransaction, userId: string, keep: string | null = null): Promise<number> {
  const result = await tx.run(
    `MATCH (:${USER_LABEL} {id: $userId})-[:${HAS_SESSION}]->(s:${SESSION_LABEL})
     WHERE $keep IS NULL OR s.id <> $keep
     DETACH DELETE s
     RETURN count(*) AS ended`,
    { userId, keep },
  );
  return Number(toPlain(result.records[0]?.get("ended")) ?? 0);
}
