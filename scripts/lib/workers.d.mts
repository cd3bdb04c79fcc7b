// Types for scripts/lib/workers.mjs, which stays plain JavaScript so scripts/server.mjs runs it before Next.js loads.
export class WorkerCountError extends Error {}
export function workerCount(value: string | undefined): number;
