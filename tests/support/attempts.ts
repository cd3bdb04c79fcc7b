/**
 * Counts how many times the app's data layer sent a statement to the real database, so a test can say
 * "run once, not retried" by counting attempts instead of timing them. It watches the app's own driver
 * (lib/db/driver.ts) by wrapping the sessions it hands out; every statement still goes to Neo4j as it
 * would without the wrapper.
 */
import type { ManagedTransaction, Session, SessionConfig } from "neo4j-driver";
import { vi } from "vitest";
import { getDriver } from "@/lib/db/driver";

type Work<T> = (tx: ManagedTransaction) => Promise<T>;

function countingTransaction(tx: ManagedTransaction, counts: (cypher: string) => boolean, onAttempt: () => void): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "run") {
        return (cypher: string, params?: Record<string, unknown>) => {
          if (counts(cypher)) onAttempt();
          return target.run(cypher, params);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function countingSession(session: Session, counts: (cypher: string) => boolean, onAttempt: () => void): Session {
  const wrap =
    (method: "executeRead" | "executeWrite") =>
    <T>(work: Work<T>, config?: Parameters<Session["executeRead"]>[1]) =>
      session[method]((tx) => work(countingTransaction(tx, counts, onAttempt)), config);
  return new Proxy(session, {
    get(target, property, receiver) {
      if (property === "executeRead" || property === "executeWrite") return wrap(property);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Runs `work` and counts the statements it sent for which `counts(cypher)` is true (each retry of a
 * transaction sends its statements again). The work's failure is returned, not thrown.
 */
export async function countAttempts<T>(
  counts: (cypher: string) => boolean,
  work: () => Promise<T>,
): Promise<{ attempts: number; value?: T; error?: unknown }> {
  const driver = getDriver();
  const openSession = driver.session.bind(driver);
  let attempts = 0;
  const spy = vi
    .spyOn(driver, "session")
    .mockImplementation((config?: SessionConfig) => countingSession(openSession(config), counts, () => (attempts += 1)));
  try {
    const value = await work();
    return { attempts, value };
  } catch (error) {
    return { attempts, error };
  } finally {
    spy.mockRestore();
  }
}
