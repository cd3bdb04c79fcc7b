// Types for scripts/lib/neo4j-local.mjs, which stays plain JavaScript so it runs before `npm ci`.
export const ROOT: string;
export const DATA_DIR: string;
export const LOCAL_DATA_DIR: string;
export const RUNNING_FILE: string;
export class SetupError extends Error {}
export function checkJavaAndMaven(): void;
export function buildNeo4jLocal(options?: { log?: (line: string) => void }): void;
export function findFreePort(): Promise<number>;
export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export function startNeo4jLocal(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  heap?: string;
  /** Page cache size, e.g. "4g"; the engine's default is 512m. */
  pageCache?: string;
}): Promise<LocalNeo4j>;
export function isAlive(pid: number): boolean;
