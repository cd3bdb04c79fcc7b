/**
 * The load case of the bench: N readers at once, each sending its next request as soon as the last one
 * answered (a closed loop, as people clicking through the explorer do), for a fixed time per level, on
 * loopback only. Per case and level: requests/s, p50/p95/p99, the slowest answer and the error rate.
 * Bounded in count and time: at most `levels` x cases x `seconds`, and each request gives up at 30 s.
 */
import type { CaseSpec } from "./latency";

export interface LoadResult {
  name: string;
  readers: number;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers slower than 5 s (the "no request over 5 s"). */
  over5s: number;
  /** The first error seen, to say what failed. */
  firstError?: string;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
const round = (value: number) => Math.round(value * 10) / 10;
const REQUEST_LIMIT_MS = 30_000;

function withinLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_LIMIT_MS / 1000} s`)), REQUEST_LIMIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** `readers` loops on `spec.runApp` for `seconds`; requests still running at the end are waited for and counted. */
export async function measureLoad(spec: CaseSpec, readers: number, seconds: number): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let counter = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  async function reader() {
    while (performance.now() < stopAt) {
      const i = counter++;
      const sent = performance.now();
      try {
        await withinLimit(spec.runApp(i));
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message.slice(0, 200) : String(error);
      }
      samples.push(performance.now() - sent);
    }
  }
  await Promise.all(Array.from({ length: readers }, reader));
  const elapsedSeconds = (performance.now() - started) / 1000;
  const sorted = samples.sort((a, b) => a - b);
  return {
    name: spec.name,
    readers,
    requests: sorted.length,
    errors,
    requestsPerSecond: round(sorted.length / elapsedSeconds),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    over5s: sorted.filter((ms) => ms > 5_000).length,
    ...(firstError ? { firstError } : {}),
  };
}

/** The cases a crowd of readers hits: search, expanding a hub, a saved query and a permalink's data. */
export function loadCases(specs: CaseSpec[]): CaseSpec[] {
  const pick = (test: (name: string) => boolean) => specs.find((spec) => test(spec.name));
  return [
    pick((name) => name === "search"),
    // The densest hub (1,000 neighbours; the legislator that degraded under load had 289).
    pick((name) => name === "expand (degree 1000)") ?? pick((name) => name.startsWith("expand")),
    pick((name) => name.startsWith("saved query")),
    pick((name) => name.startsWith("permalink data")),
  ].filter((spec): spec is CaseSpec => spec !== undefined);
}
