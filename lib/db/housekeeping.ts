import "server-only";
/**
 * Records that expire (rate-limit counters, idempotency answers) are deleted in the background, at most once
 * a minute per process for each kind: the request that triggers a sweep does not wait for it, and a failed
 * sweep is only logged, since the next one tries again. A sweep is detached from the request that triggered
 * it (lib/db/context.ts): it is not cancelled when that browser goes away.
 */
import { detached } from "./context";

const holder = globalThis as typeof globalThis & { __redstringSweptAt?: Map<string, number> };
const sweptAt = (holder.__redstringSweptAt ??= new Map());

const SWEEP_EVERY_MS = 60_000;

export function sweepSometimes(what: string, sweep: () => Promise<unknown>, now = Date.now()): void {
  if (now - (sweptAt.get(what) ?? 0) < SWEEP_EVERY_MS) return;
  sweptAt.set(what, now);
  void detached(sweep).catch((cause: unknown) => console.warn(`[redstring] could not sweep ${what}`, cause));
}
