// Types for scripts/lib/process.mjs, which stays plain JavaScript so it runs before `npm ci`.
export const NPM: string;
export function BIN(name: string): string;
export function signalRunningCommands(signal?: NodeJS.Signals): void;
export function run(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): Promise<number>;
export function ensureNodeModules(): void;
export function newestMtime(paths: string[]): number;
export const APP_SOURCES: string[];
export function appBuildIsCurrent(): boolean;
export function prepareDatabase(env: NodeJS.ProcessEnv, options?: { seedArgs?: string[] | null }): Promise<number>;
