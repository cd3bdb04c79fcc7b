/**
 * The floor's statements, taken from the app's own modules rather than copied: the bench calls
 * lib/explore/search.ts, lib/explore/entities.ts and lib/snapshots/store.ts in its own process with a recording driver
 * in place of the app's (lib/db/driver.ts keeps its driver on globalThis), and keeps every (Cypher,
 * parameters) they send, grouped by transaction. The bare side replays exactly those, so the floor follows
 * the app's Cypher as it changes, with nothing of the app's session layer, mapping, HTTP or JSON around it.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionConfig } from "neo4j-driver";

export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}
/** The statements of one transaction, in order. */
export type Transaction = Statement[];

let sink: Transaction[] | null = null;

function recordingTransaction(tx: ManagedTransaction, group: Transaction): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "run") {
        return (cypher: string, params: Record<string, unknown> = {}) => {
          group.push({ cypher, params });
          return target.run(cypher, params);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function recordingSession(session: Session): Session {
  const wrap =
    (method: "executeRead" | "executeWrite") =>
    <T>(work: (tx: ManagedTransaction) => Promise<T>, config?: Parameters<Session["executeRead"]>[1]) =>
      session[method]((tx) => {
        // A retried transaction records again; keep only the attempt that committed.
        const group: Transaction = [];
        return work(recordingTransaction(tx, group)).then((result) => {
          sink?.push(group);
          return result;
        });
      }, config);
  return new Proxy(session, {
    get(target, property, receiver) {
      if (property === "executeRead" || property === "executeWrite") return wrap(property);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Installs the recording driver as the app's driver (in this process only). */
export function installRecordingDriver(uri: string): Driver {
  const driver = neo4j.driver(uri, undefined, { userAgent: "redstring-bench-capture" });
  const recording = new Proxy(driver, {
    get(target, property, receiver) {
      if (property === "session") return (config?: SessionConfig) => recordingSession(target.session(config));
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  (globalThis as { __redstringDriver?: Driver }).__redstringDriver = recording;
  return driver;
}

/** The transactions `work` (a call into the app's data layer) sends, and what it returned. */
export async function capture<T>(work: () => Promise<T>): Promise<{ transactions: Transaction[]; value: T }> {
  if (sink) throw new Error("capture() calls must not overlap");
  sink = [];
  try {
    const value = await work();
    return { transactions: sink, value };
  } finally {
    sink = null;
  }
}

/** Replays captured transactions on the bare driver: one session and read transaction per group. */
export async function replay(driver: Driver, transactions: Transaction[]): Promise<number> {
  let records = 0;
  for (const group of transactions) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      records += await session.executeRead(async (tx) => {
        let count = 0;
        for (const statement of group) count += (await tx.run(statement.cypher, statement.params)).records.length;
        return count;
      });
    } finally {
      await session.close();
    }
  }
  return records;
}
