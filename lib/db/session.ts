import "server-only";
import type { ManagedTransaction, Session, SessionConfig } from "neo4j-driver";
import { getConfig, type AppConfig } from "../config";
import { RequestAbortedError } from "../errors";
import { getDriver, processBookmarks } from "./driver";
import { isBookmarkRefusal, mapDatabaseError } from "./errors";
import { admitted } from "./admission";
import { answeredWithin, noteProgress } from "./liveness";
import { requestContext, transactionMetadata } from "./context";

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

type TransactionConfig = NonNullable<Parameters<Session["executeRead"]>[1]>;

interface RunOptions {
  /** Overrides the configured transaction timeout for this unit of work. */
  timeoutMs?: number;
}

type AccessMode = "READ" | "WRITE";

interface SessionOptions {
  /** Rows the server sends ahead of what is read (lib/queries/execute.ts stops a query at its row cap). */
  fetchSize?: number;
}

/**
 * A session of the request: the process's bookmark manager, plus the bookmarks the browser brought (its
 * last write, maybe committed through another server), so the first transaction waits until this
 * server's database has that write.
 */
function sessionConfig(mode: AccessMode, config: AppConfig, browserBookmarks: readonly string[], options: SessionOptions): SessionConfig {
  return {
    database: config.neo4jDatabase,
    defaultAccessMode: mode,
    bookmarkManager: processBookmarks(),
    ...(browserBookmarks.length > 0 ? { bookmarks: [...browserBookmarks] } : {}),
    ...(options.fetchSize === undefined ? {} : { fetchSize: options.fetchSize }),
  };
}

/** Every transaction's timeout and its metadata ({ app, route, userId }: what SHOW TRANSACTIONS lists). */
export function transactionConfig(timeoutMs: number): TransactionConfig {
  return { timeout: timeoutMs, metadata: transactionMetadata() };
}

/**
 * Opens a session, hands it to `work`, and always closes it. Driver errors, and a missing or malformed
 * NEO4J_URI (read inside the try), become the app's typed errors: a 503 with a message, not a 500. A
 * write's bookmarks go to the request context, for the browser's next request. A browser bookmark the
 * database refuses (it names another database: one restored or recreated since) is dropped and the work
 * runs once more without it: a stale cookie must not break a read.
 */
export async function withSession<T>(
  mode: AccessMode,
  work: (session: Session, config: AppConfig) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const context = requestContext();
  let browserBookmarks = context?.bookmarks ?? [];
  for (;;) {
    let session: Session | undefined;
    try {
      const config = getConfig();
      // What this write starts after (the process's bookmarks): its own bookmark supersedes those.
      const startsAfter = mode === "WRITE" && context ? [...(await processBookmarks().getBookmarks())] : [];
      session = getDriver().session(sessionConfig(mode, config, browserBookmarks, options));
      const opened = session;
      const result = await closedOnAbort(opened, context?.signal, () => work(opened, config));
      if (mode === "WRITE" && context) context.writeBookmarks = withWrite(context.writeBookmarks ?? [], startsAfter, opened.lastBookmarks());
      return result;
    } catch (cause) {
      if (browserBookmarks.length > 0 && isBookmarkRefusal(cause)) {
        // Said in the log: a read that runs without the browser's bookmark may not show its last write.
        console.warn(`[redstring] the database refused the browser's bookmark (${(cause as { code: string }).code}); reading without it`);
        browserBookmarks = [];
        continue;
      }
      throw mapDatabaseError(cause);
    } finally {
      await session?.close();
    }
  }
}

/**
 * The request's write bookmarks after one more write: an earlier write of the request that this one
 * started after is covered by this one's bookmark and is dropped; one that ran side by side stays, so
 * the browser waits for both.
 */
function withWrite(earlier: readonly string[], startsAfter: readonly string[], own: readonly string[]): string[] {
  return [...new Set([...earlier.filter((bookmark) => !startsAfter.includes(bookmark)), ...own])];
}

/**
 * Runs `work`, and closes the session when `signal` aborts: closing a session with a transaction open
 * resets its connection, which makes the server terminate the transaction and its query. The caller gets
 * RequestAbortedError at once, whatever the driver makes of the reset.
 */
async function closedOnAbort<T>(session: Session, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) throw new RequestAbortedError();
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(new RequestAbortedError());
      session.close().catch(() => undefined);
    };
  });
  signal.addEventListener("abort", onAbort, { once: true });
  const running = work();
  try {
    return await Promise.race([running, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
    running.catch(() => undefined);
    aborted.catch(() => undefined);
  }
}

/**
 * Runs `work` in a managed transaction with the configured timeout. The driver retries transient
 * failures, so `work` must be idempotent: it may run more than once.
 */
function run<T>(mode: AccessMode, work: Work<T>, options: RunOptions = {}): Promise<T> {
  return withinDeadline(() =>
    withSession(mode, (session, config) => {
      const configured = transactionConfig(options.timeoutMs ?? config.transactionTimeoutMs);
      return mode === "READ" ? session.executeRead(work, configured) : session.executeWrite(work, configured);
    }),
  );
}

/**
 * Outside withSession on purpose: a session on a database that stopped answering cannot close either, and
 * the request must not wait for it (lib/db/liveness.ts).
 */
function withinDeadline<T>(work: () => Promise<T>): Promise<T> {
  let config: AppConfig;
  try {
    config = getConfig();
  } catch (cause) {
    return Promise.reject(mapDatabaseError(cause));
  }
  // The wait for a turn counts towards the deadline too, so a frozen database fails queued requests as fast.
  const signal = requestContext()?.signal;
  return answeredWithin(config.databaseDeadlineMs, () => admitted(config.databaseConcurrency, () => noteProgress(work()), signal));
}

/** A read transaction; in a cluster it is routed to a follower. Does not wait for the schema/seed. */
export function runRead<T>(work: Work<T>, options?: RunOptions): Promise<T> {
  return run("READ", work, options);
}

/** A write transaction, routed to the leader. Does not wait for the schema/seed. */
export function runWrite<T>(work: Work<T>, options?: RunOptions): Promise<T> {
  return run("WRITE", work, options);
}

/**
 * Schema commands cannot share a transaction with data writes; each runs in its own auto-commit, which the
 * driver does not retry: a database out of reach answers "not reachable" at once. Also how a server reads
 * the schema's record (lib/migrations.ts), for that reason. Returns the records as plain objects. No
 * timeout (an index build may take long), but the same metadata as every other transaction.
 */
export async function runSchemaStatement(statement: string, parameters?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const result = await withinDeadline(() =>
    withSession("WRITE", (session) => session.run(statement, parameters, { metadata: transactionMetadata() })),
  );
  return result.records.map((record) => record.toObject());
}
