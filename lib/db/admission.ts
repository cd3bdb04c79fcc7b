import "server-only";
/**
 * At most REDSTRING_DB_CONCURRENCY units of database work at once per process; the rest wait their turn,
 * first come first served. Why: a small Neo4j given a hundred transactions at once (the driver's pool) runs
 * them all slower and unfairly, and under a crowd of readers some requests starved for 30 s while others
 * passed. A short queue in the app keeps the database busy but not thrashing, and every request's wait is
 * its place in line.
 *
 * Work started from inside admitted work (a read within a write's callback) runs at once: waiting for a
 * slot that its own caller holds could deadlock. Work whose request was aborted while it waits leaves the
 * line at once (RequestAbortedError), so a browser that gave up does not hold up the ones behind it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { RequestAbortedError } from "../errors";

const inside = new AsyncLocalStorage<true>();

interface Gate {
  running: number;
  waiting: (() => void)[];
}

const holder = globalThis as typeof globalThis & { __redstringAdmission?: Gate };
const gate: Gate = (holder.__redstringAdmission ??= { running: 0, waiting: [] });

export async function admitted<T>(limit: number, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (inside.getStore()) return work();
  if (signal?.aborted) throw new RequestAbortedError();
  if (gate.running >= limit) await turn(signal);
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

/** Waits in line until the slot is handed over; an abort meanwhile takes the place out of the line. */
function turn(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const admit = () => {
      signal?.removeEventListener("abort", leave);
      resolve();
    };
    const leave = () => {
      const place = gate.waiting.indexOf(admit);
      if (place >= 0) gate.waiting.splice(place, 1);
      reject(new RequestAbortedError());
    };
    gate.waiting.push(admit);
    signal?.addEventListener("abort", leave, { once: true });
  });
}

/** For tests and the health of the queue: how many run and how many wait right now. */
export function admissionState(): { running: number; waiting: number } {
  return { running: gate.running, waiting: gate.waiting.length };
}
