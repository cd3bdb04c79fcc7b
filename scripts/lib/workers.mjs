// How many server processes REDSTRING_WORKERS asks for: read by scripts/server.mjs, which starts them, and
// by the bench, which records them. Node built-ins only (scripts/lib runs before npm ci).
import os from "node:os";

export class WorkerCountError extends Error {}

/** Unset or empty: 1. "auto": one per core. Else a whole number from 1 to 64; anything else throws. */
export function workerCount(value) {
  const text = value?.trim();
  if (!text) return 1;
  if (text === "auto") return Math.max(1, os.availableParallelism());
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new WorkerCountError(`REDSTRING_WORKERS is "${text}": give a whole number from 1 to 64, or "auto" for one per core.`);
  }
  return count;
}
