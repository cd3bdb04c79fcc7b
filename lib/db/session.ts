import "server-only";
import type { ManagedTransaction, Session } from "neo4j-driver";
import { getConfig } from "../config";
import { getDriver } from "./driver";
import { mapDatabaseError } from "./errors";

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

interface RunOptions {
  /** Overrides the configured transaction timeout for this unit of work. */
  timeoutMs?: number;
}

/**
 * Runs `work` in a managed transaction. The driver retries transient failures, so `work` must be
 * idempotent: it may run more than once. The session is always closed, and driver errors are mapped to
 * the app's typed errors.
 */
async function run<T>(mode: "READ" | "WRITE", work: Work<T>, options: RunOptions = {}): Promise<T> {
  let session: Session | undefined;
  try {
    // Inside the try: a missing or malformed NEO4J_URI is a 503 with a message, not a 500.
    const config = getConfig();
    session = getDriver().session({ database: config.neo4jDatabase, defaultAccessMode: mode });
    const transactionConfig = { timeout: options.timeoutMs ?? config.transactionTimeoutMs };
    return mode === "READ"
      ? await session.executeRead(work, transactionConfig)
      : await session.executeWrite(work, transactionConfig);
  } catch (cause) {
    throw mapDatabaseError(cause);
  } finally {
    await session?.close();
  }
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
  let session: Session | undefined;
  try {
    session = getDriver().session({ database: getConfig().neo4jDatabase, defaultAccessMode: "WRITE" });
    await session.run(statement);
  } catch (cause) {
    throw mapDatabaseError(cause);
  } finally {
    await session?.close();
  }
}
