import "server-only";
/**
 * Rate limits: a fixed window per key, counted in Neo4j as (:RateLimit {key, windowStart, count, expiresAt}),
 * so every Redstring process behind a balancer shares the count and a restart does not clear it. Times are
 * the database's clock (timestamp()), not each server's, for the same reason.
 *
 * RateLimit is an internal label like User: never an Entity, never reachable by a saved query.
 */
import { write } from "./database";
import { sweepSometimes } from "./db/housekeeping";
import { runWrite } from "./db/session";
import { toPlain } from "./db/values";
import { AppError } from "./errors";
import { RATE_LIMIT_LABEL } from "./rate-limit-schema";

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, message, { retryAfterSeconds });
  }
}

import type { Limit } from "./rate-limit-rules";

export { SIGN_IN_ACCOUNT_LIMIT, SIGN_IN_ADDRESS_LIMIT, SIGNED_OUT_RUN_LIMIT, WRITE_LIMIT, type Limit } from "./rate-limit-rules";

export function counterKey(limit: Limit, key: string): string {
  return `${limit.name}:${key}`;
}

/**
 * "Wait 40 seconds", "Wait 60 seconds", "Wait 2 minutes". Up to a minute in seconds: a one-minute window
 * refused at once reads "60 seconds", as one refused a moment later reads "59", not "1 minute".
 */
export function waitText(milliseconds: number): string {
  const seconds = Math.max(1, Math.ceil(milliseconds / 1000));
  if (seconds <= 60) return `Wait ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `Wait ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

// One write transaction: the first SET takes the counter's write lock before anything is read from it, so
// concurrent attempts (from any process) queue on the lock and none of their increments is lost.
const TAKE = `
  MERGE (r:${RATE_LIMIT_LABEL} {key: $key})
    ON CREATE SET r.windowStart = timestamp(), r.count = 0
  SET r.touchedAt = timestamp()
  WITH r, r.windowStart + $windowMs <= timestamp() AS expired
  SET r.windowStart = CASE WHEN expired THEN timestamp() ELSE r.windowStart END,
      r.count = CASE WHEN expired THEN 1 ELSE r.count + 1 END
  SET r.expiresAt = r.windowStart + $windowMs
  RETURN r.count AS count, r.expiresAt - timestamp() AS remainingMs`;

/** Counts one attempt; throws 429 with the wait once the window is full. */
export async function takeToken(limit: Limit, key: string): Promise<void> {
  const counted = await write(async (tx) => {
    const result = await tx.run(TAKE, { key: counterKey(limit, key), windowMs: limit.windowMs });
    const record = result.records[0];
    return { count: Number(toPlain(record?.get("count"))), remainingMs: Number(toPlain(record?.get("remainingMs"))) };
  });
  sweepSometimes("expired rate limits", deleteExpiredCounters);
  if (counted.count > limit.max) {
    throw new TooManyRequestsError(`Too many ${limit.what}. ${waitText(counted.remainingMs)} and try again.`, Math.ceil(counted.remainingMs / 1000));
  }
}

/**
 * Gives back the attempt a request took, once it turned out well (a sign-in with the right password): only
 * failures count. Not a reset: a signed-in attacker cannot wipe the failures they made before.
 */
export async function refundToken(limit: Limit, key: string): Promise<void> {
  await write((tx) =>
    tx.run(`MATCH (r:${RATE_LIMIT_LABEL} {key: $key}) WHERE r.count > 0 SET r.count = r.count - 1`, { key: counterKey(limit, key) }),
  );
}

/** Deletes counters whose window ended; returns how many. */
export async function deleteExpiredCounters(): Promise<number> {
  return runWrite(async (tx) => {
    const result = await tx.run(
      `MATCH (r:${RATE_LIMIT_LABEL}) WHERE r.expiresAt < timestamp() WITH r LIMIT 5000 DELETE r RETURN count(*) AS deleted`,
    );
    return Number(toPlain(result.records[0]?.get("deleted")) ?? 0);
  });
}
