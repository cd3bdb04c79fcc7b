// Small helpers for the orchestration scripts: run a command, make sure npm packages are installed, and
// decide whether a build is stale. Node built-ins only, so they work on a fresh clone.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./neo4j-local.mjs";

export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
export const BIN = (name) => path.join(ROOT, "node_modules", ".bin", name);

const runningCommands = new Set();

/** Sends `signal` to every command run() started that is still running (a stop must not leave a build behind). */
export function signalRunningCommands(signal = "SIGTERM") {
  for (const child of runningCommands) child.kill(signal);
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: "inherit" });
    runningCommands.add(child);
    child.on("exit", () => runningCommands.delete(child));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
  });
}

/** On a fresh clone `npm start` and `npm test` install the packages first (from the lock file). */
export function ensureNodeModules() {
  const marker = path.join(ROOT, "node_modules", ".package-lock.json");
  const lock = path.join(ROOT, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log("[setup] installing npm packages (npm ci)...");
  const result = spawnSync(NPM, ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed; see the output above.");
    process.exit(1);
  }
}

export function newestMtime(paths) {
  let newest = 0;
  const visit = (target) => {
    if (!existsSync(target)) return;
    const stats = statSync(target);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(target)) visit(path.join(target, entry));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const target of paths) visit(path.resolve(ROOT, target));
  return newest;
}

/** Sources whose change means `next build` must run again. */
export const APP_SOURCES = [
  "app",
  "components",
  "lib",
  "graph-seed",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

export function appBuildIsCurrent() {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs > newestMtime(APP_SOURCES);
}

/**
 * The deploy steps that prepare a database (graph-seed/bootstrap.ts), as `npm start`, `npm test` and the
 * bench run them: `npm run migrate`, then, when `seedArgs` is given, `npm run seed` with those arguments
 * (`["--if-empty"]`: only into a database with no entity, and only while REDSTRING_AUTO_SEED is on).
 * `env` must hold NEO4J_URI. Resolves with the first failing exit code, or 0.
 */
export async function prepareDatabase(env, { seedArgs = null } = {}) {
  // "react-server" lets the data layer's `import "server-only"` resolve outside Next.js.
  const tool = (script, args = []) => run(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { env });
  const migrated = await tool("graph-seed/migrate-cli.ts");
  if (migrated !== 0 || seedArgs === null) return migrated;
  return tool("graph-seed/cli.ts", seedArgs);
}
