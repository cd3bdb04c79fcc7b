// Runs a TypeScript command-line tool (graph-seed/*.ts) against a database: NEO4J_URI when set; else the
// local engine that `npm start` is running; else the local engine started just for this run and stopped
// afterwards. Used by `npm run seed` and `npm run import`.
//
// The tool runs in one child process that this one owns: Ctrl-C, SIGTERM, SIGHUP or the end of npm stop it
// (it cleans up: the import lock, a partial report) and then the engine started for it; killed with
// SIGKILL, this process cannot forward anything, and the tool stops by itself when its stdin pipe closes.
import { existsSync, readFileSync } from "node:fs";
import { LOCAL_DATA_DIR, ROOT, RUNNING_FILE, SetupError, buildNeo4jLocal, isAlive, startNeo4jLocal } from "./neo4j-local.mjs";
import { ensureNodeModules } from "./process.mjs";
import { STOPPED_EXIT_CODE, onStop, spawnOwnedChild } from "./supervise.mjs";

function runningLocalEngine() {
  if (!existsSync(RUNNING_FILE)) return null;
  const { uri, pid } = JSON.parse(readFileSync(RUNNING_FILE, "utf8"));
  return isAlive(pid) ? uri : null;
}

/** Runs `<script> ...args` (TypeScript, through tsx's loader) with NEO4J_URI set, and exits with its code. */
export function runWithDatabase(script, args = []) {
  let engine;
  let tool;
  let stopping = false;

  onStop(async (reason) => {
    stopping = true;
    console.error(`[redstring] stopping (${reason})...`);
    await tool?.stop("SIGTERM");
    await engine?.stop();
    process.exit(STOPPED_EXIT_CODE);
  });

  async function main() {
    ensureNodeModules();
    let uri = process.env.NEO4J_URI ?? runningLocalEngine();
    if (!uri) {
      buildNeo4jLocal();
      engine = await startNeo4jLocal({ dataDir: LOCAL_DATA_DIR });
      uri = engine.uri;
    }
    if (stopping) return;
    try {
      // One process, not tsx's launcher and a child of it: signals and the stdin pipe reach the tool itself.
      // "react-server" lets the data layer's `import "server-only"` resolve outside Next.js.
      tool = spawnOwnedChild(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
        cwd: ROOT,
        env: { ...process.env, NEO4J_URI: uri },
      });
      const outcome = await tool.exited;
      process.exitCode = outcome.code ?? 1;
    } finally {
      if (!stopping) await engine?.stop();
    }
  }
  main().catch((error) => {
    console.error(error instanceof SetupError ? error.message : error);
    process.exitCode = 1;
  });
}
