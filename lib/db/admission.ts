import "server-only";
/**
 * At most REDSTRING_DB_CONCURRENCY units of database work at once per process; the rest wait their turn,
 * first come first served. Why: a small Neo4j given a hundred transactions at once (the driver's pool) runs
 * them all slower and unfairly, and under a crowd of readers some requests starved for 30 s while others
 * passed. A short queue in the app keeps the database busy but not thrashing, and every request's wait is
 * its place in line.
 *
 * Work started from inside admitted work (a read within a write's callback) runs at once: waiting for a
 * slot that its own caller holds could deadlock.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const inside = new AsyncLocalStorage<true>();

interface Gate {
  running: number;
  waiting: (() => void)[];
}

const holder = globalThis as typeof globalThis & { __redstringAdmission?: Gate };
const gate: Gate = (holder.__redstringAdmission ??= { running: 0, waiting: [] });

export async function admitted<T>(limit: number, work: () => Promise<T>): Promise<T> {
  if (inside.getStore()) return work();
  if (gate.running >= limit) await new Promise<void>((resolve) => gate.waiting.push(resolve));
  else gate.running += 1;
  try {
    return await inside.run(true, work);
  } finally {
    // The slot passes straight to the next in line (running stays the same), or is freed.
    const next = gate.waiting.shift();
    if (next) next();
    else gate.running -= 1;
  }
}

/** For tests and the health of the queue: how many run and how many wait right now. */
export function admissionState(): { running: number; waiting: number } {
  return { running: gate.running, waiting: gate.waiting.length };
}
