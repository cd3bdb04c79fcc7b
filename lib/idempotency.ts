import "server-only";
/**
 * `Idempotency-Key` for the routes that create: a browser that retries a submit (a timeout, a network
 * error, a double click) sends the same key, and gets the first answer back instead of a second record.
 *
 * The first request with a key stores its answer, `(:IdempotentRequest {key, userId, route, bodyHash,
 * status, body, createdAt})`, in the SAME write transaction as its work: the answer exists exactly when
 * the work was committed, even if the process dies in between. A uniqueness constraint on (userId, key)
 * makes a repeat that arrives while the first is still running wait on the first's lock; when the first
 * commits, the repeat's reservation fails on the constraint and it answers with the stored answer (the
 * same status and body); when the first fails, nothing was stored and the repeat does the work itself.
 * The same key with another route or body is a 422. Answers expire after a day.
 *
 * Only successful answers are stored: an error rolls the transaction back, so a retry after a 4xx or a
 * 503 tries again. Requests without the header are not changed at all.
 */
import { createHash } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { NextResponse } from "next/server";
import { requirePermission } from "./auth/permissions";
import { type Actor, type Permission } from "./auth/roles";
import { write } from "./database";
import { isConstraintViolation } from "./db/errors";
import { sweepSometimes } from "./db/housekeeping";
import { toPlain } from "./db/values";
import { type JsonValue } from "./json";
import { BadRequestError, UnprocessableError } from "./errors";
import { IDEMPOTENT_REQUEST_LABEL } from "./idempotency-schema";
import { canonicalJson } from "./editing/model";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** Set on an answer that is a stored one, replayed for a repeated key. */
export const REPLAYED_HEADER = "Idempotent-Replayed";
/** How long an answer is kept: a retry comes within minutes; a day covers a laptop closed overnight. */
const ANSWER_LIFETIME = "P1D";
/** Visible ASCII only, as the header's draft standard expects (a UUID is 36 characters). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** What a create route answers: its status and JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface IdempotentRequest {
  actor: Actor;
  /** Checked before anything is stored, as the work itself would. */
  permission: Permission;
  /** The method and path, with its ids: a key reused on another route is refused. */
  route: string;
  /** The parsed body: a key reused with another body is refused. */
  body: unknown;
}

/** The key of the request; null without the header; 400 when it is malformed. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new BadRequestError(`The ${IDEMPOTENCY_HEADER} header must be 1 to 200 visible ASCII characters (a UUID, for example).`);
  }
  return key;
}

function hashOf(body: unknown): string {
  return createHash("sha256").update(canonicalJson((body ?? null) as JsonValue)).digest("hex");
}

interface Identity {
  userId: string;
  key: string;
  route: string;
  bodyHash: string;
}

interface Stored {
  route: string;
  bodyHash: string;
  status: number;
  body: string;
}

/**
 * Runs `work` once per key: `work` gets the transaction to write in (undefined when the request has no
 * key; the data functions then open their own) and returns the answer, which is stored with the work.
 * `work` may run more than once when the driver retries a transient failure: like every write, it must
 * be idempotent within its transaction.
 */
export async function idempotent(
  request: Request,
  options: IdempotentRequest,
  work: (tx: ManagedTransaction | undefined) => Promise<Answer>,
): Promise<NextResponse> {
  const key = idempotencyKeyOf(request);
  const user = options.actor.user;
  // Signed out: the work refuses it anyway (every create needs an account), with its own message.
  if (key === null || !user) return answer(await work(undefined));
  requirePermission(options.actor, options.permission);
  const identity: Identity = { userId: user.id, key, route: options.route, bodyHash: hashOf(options.body) };
  sweepSometimes("expired idempotency answers", deleteExpiredAnswers);
  // Two rounds at most: the second runs only after the first request with this key committed its answer
  // while this one waited on the constraint, and then finds it.
  for (let round = 1; ; round++) {
    try {
      const outcome = await write(async (tx): Promise<{ stored: Stored } | { done: Answer }> => {
        const stored = await reserve(tx, identity);
        if (stored) return { stored };
        const done = await work(tx);
        await tx.run(
          `MATCH (r:${IDEMPOTENT_REQUEST_LABEL} {userId: $userId, key: $key})
           SET r.status = $status, r.body = $body`,
          { userId: identity.userId, key: identity.key, status: done.status, body: JSON.stringify(done.body ?? null) },
        );
        return { done };
      });
      if ("done" in outcome) return answer(outcome.done);
      return replay(outcome.stored, identity);
    } catch (cause) {
      if (round === 1 && isConstraintViolation(cause)) continue;
      throw cause;
    }
  }
}

/**
 * The stored answer for this key, or null after reserving the key in this transaction. An expired answer
 * is deleted first, so the key is free again.
 */
async function reserve(tx: ManagedTransaction, identity: Identity): Promise<Stored | null> {
  await tx.run(
    `MATCH (old:${IDEMPOTENT_REQUEST_LABEL} {userId: $userId, key: $key})
     WHERE old.createdAt < datetime() - duration($lifetime)
     DELETE old`,
    { userId: identity.userId, key: identity.key, lifetime: ANSWER_LIFETIME },
  );
  const found = await tx.run(
    `MATCH (r:${IDEMPOTENT_REQUEST_LABEL} {userId: $userId, key: $key})
     RETURN r.route AS route, r.bodyHash AS bodyHash, r.status AS status, r.body AS body`,
    { userId: identity.userId, key: identity.key },
  );
  const record = found.records[0];
  if (record) {
    return {
      route: String(record.get("route")),
      bodyHash: String(record.get("bodyHash")),
      status: Number(toPlain(record.get("status"))),
      body: String(record.get("body")),
    };
  }
  await tx.run(
    `CREATE (r:${IDEMPOTENT_REQUEST_LABEL} {userId: $userId, key: $key, route: $route, bodyHash: $bodyHash, createdAt: datetime()})`,
    { ...identity },
  );
  return null;
}

function replay(stored: Stored, identity: Identity): NextResponse {
  if (stored.route !== identity.route || stored.bodyHash !== identity.bodyHash) {
    throw new UnprocessableError(
      `This ${IDEMPOTENCY_HEADER} was already used for a different request` +
        `${stored.route !== identity.route ? ` (${stored.route})` : " with another body"}. Send a new key with a new request.`,
    );
  }
  return NextResponse.json(JSON.parse(stored.body) as unknown, { status: stored.status, headers: { [REPLAYED_HEADER]: "true" } });
}

function answer(done: Answer): NextResponse {
  return NextResponse.json(done.body, { status: done.status });
}

/** A few hundred expired answers at a time, by the createdAt index. */
function deleteExpiredAnswers() {
  return write((tx) =>
    tx.run(
      `MATCH (r:${IDEMPOTENT_REQUEST_LABEL}) WHERE r.createdAt < datetime() - duration($lifetime)
       WITH r LIMIT 500 DELETE r`,
      { lifetime: ANSWER_LIFETIME },
    ),
  );
}
