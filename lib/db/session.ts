import "server-only";
import type { ManagedTransaction, Session } from "neo4j-driver";
import { getConfig, type AppConfig } from "../config";
import { getDriver } from "./driver";
import { mapDatabaseError } from "./errors";
import { admitted } from "./admission";
import { answeredWithin, noteProgress } from "./liveness";

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

interface RunOptions {
  /** Overrides the configured transaction timeout for this unit of work. */
  timeoutMs?: number;
}

/**
 * Opens a session, hands it to `work`, and always closes it. Driver errors, and a missing or malformed
 * NEO4J_URI (read inside the try), become the app's typed errors: a 503 with a message, not a 500.
 */
async function withSession<T>(mode: "READ" | "WRITE", work: (session: Session, config: AppConfig) => Promise<T>): Promise<T> {
  let session: Session | undefined;
  try {
    const config = getConfig();
    session = getDriver().session({ database: config.neo4jDatabase, defaultAccessMode: mode });
    return await work(session, config);
  } catch (cause) {
    throw mapDatabaseError(cause);
  } finally {
    await session?.close();
  }
}

/**
 * Runs `work` in a managed transaction with the configured timeout. The driver retries transient
 * failures, so `work` must be idempotent: it may run more than once.
 */
function run<T>(mode: "READ" | "WRITE", work: Work<T>, options: RunOptions = {}): Promise<T> {
  return withinDeadline(() =>
    withSession(mode, (session, config) => {
      const transactionConfig = { timeout: options.timeoutMs ?? config.transactionTimeoutMs };
      return mode === "READ" ? session.executeRead(work, transactionConfig) : session.executeWrite(work, transactionConfig);
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
  return answeredWithin(config.databaseDeadlineMs, () => admitted(config.databaseConcurrency, () => noteProgress(work())));
}

/** A read transaction; in a cluster it is routed to a follower. Does not wait for the schema/seed. */
export function runRead<T>(work: Work<T>, options?: RunOptions): Promise<T> {
  return run("READ", work, options);
}

/** A write transaction, routed to the leader. Does not wait for the schema/seed. */
export function runWrite<T>(work: Work<T>, options?: RunOptions): Promise<T> {
  return run("WRITE", work, options);
}

/** Schema commands cannot share a transaction with data writes; each runs in its own auto-commit. */
export async function runSchemaStatement(statement: string): Promise<void> {
  await withinDeadline(() => withSession("WRITE", (session) => session.run(statement)));
}
