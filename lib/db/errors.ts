import "server-only";
import { Neo4jError, error as neo4jErrorCodes } from "neo4j-driver";
import { AppError, DatabaseUnavailableError, QueryTimeoutError } from "../errors";
import { ConfigurationError } from "../config";

const UNAVAILABLE_CODES = new Set<string>([
  neo4jErrorCodes.SERVICE_UNAVAILABLE,
  neo4jErrorCodes.SESSION_EXPIRED,
  "Neo.TransientError.General.DatabaseUnavailable",
  "Neo.ClientError.Database.DatabaseNotFound",
]);

/**
 * The driver's pool gave no connection in time (every connection busy, or connecting took too long) or was
 * closed: the database is out of reach for this request. These come without a code.
 */
const POOL_FAILURE = /^(?:Connection acquisition timed out|Pool is closed)/;

/** The transaction ran out of time (the server stopped it). */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set<string>([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
  "Neo.TransientError.Transaction.LockClientStopped",
]);

/** The transaction went past the per-transaction memory cap (`db.memory.transaction.max`). */
export const MEMORY_CODES: ReadonlySet<string> = new Set<string>([
  "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
  "Neo.TransientError.General.TransactionMemoryLimit",
  "Neo.TransientError.General.OutOfMemoryError",
]);

/** "0.5 s", "10 s": a timeout as people read it in a message. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Turns what the driver throws into the app's typed errors, so route handlers answer 503 for a database
 * that is down or slow instead of leaking a stack trace. Unknown errors pass through unchanged and end
 * up as a logged 500.
 */
export function mapDatabaseError(cause: unknown): unknown {
  if (cause instanceof AppError) return cause;
  if (cause instanceof ConfigurationError) {
    console.error(`[redstring] ${cause.message}`);
    return new DatabaseUnavailableError(`${cause.message}.`);
  }
  if (cause instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(cause.code) || POOL_FAILURE.test(cause.message)) return new DatabaseUnavailableError();
    if (TIMEOUT_CODES.has(cause.code)) return new QueryTimeoutError();
  }
  return cause;
}

/** A write refused by a uniqueness constraint: someone else created the same record first. */
export function isConstraintViolation(cause: unknown): boolean {
  // By its code, not instanceof: what reaches a caller may have passed through another copy of the driver.
  return typeof cause === "object" && cause !== null && "code" in cause && cause.code === "Neo.ClientError.Schema.ConstraintValidationFailed";
}

/**
 * The database refused a bookmark the session was given (malformed), or gave up waiting for it: a
 * bookmark of this database from before it was restored from a backup names transactions it will not see
 * again. (A bookmark of another database is ignored by Neo4j, which is right too.)
 */
export function isBookmarkRefusal(cause: unknown): boolean {
  if (typeof cause !== "object" || cause === null || !("code" in cause) || typeof cause.code !== "string") return false;
  return cause.code.startsWith("Neo.ClientError.Transaction.InvalidBookmark") || cause.code === "Neo.TransientError.Transaction.BookmarkTimeout";
}
