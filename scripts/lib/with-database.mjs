// Runs a TypeScript command-line tool (graph-seed/*.ts) against a database: NEO4J_URI when set; else the
// local engine that `npm start` is running; else the local engine started just for this run and stopped
// afterwards. Used by `npm run seed` and `npm run import`.
import { existsSync, readFileSync } from "node:fs";
import { LOCAL_DATA_DIR, RUNNING_FILE, SetupError, buildNeo4jLocal, isAlive, startNeo4jLocal } from "./neo4j-local.mjs";
import { BIN, ensureNodeModules, run } from "./process.mjs";

function runningLocalEngine() {
  if (!existsSync(RUNNING_FILE)) return null;
  const { uri, pid } = JSON.parse(readFileSync(RUNNING_FILE, "utf8"));
  return isAlive(pid) ? uri : null;
}

/** Runs `tsx <script> ...args` with NEO4J_URI set, and exits with its code. */
export function runWithDatabase(script, args = []) {
  async function main() {
    ensureNodeModules();
    let engine;
    let uri = process.env.NEO4J_URI ?? runningLocalEngine();
    if (!uri) {
      buildNeo4jLocal();
      engine = await startNeo4jLocal({ dataDir: LOCAL_DATA_DIR });
      uri = engine.uri;
    }
    try {
      // "react-server" lets the data layer's `import "server-only"` resolve outside Next.js.
      process.exitCode = await run(BIN("tsx"), ["--conditions=react-server", script, ...args], {
        env: { ...process.env, NEO4J_URI: uri },
      });
    } finally {
      await engine?.stop();
    }
  }
  main().catch((error) => {
    console.error(error instanceof SetupError ? error.message : error);
    process.exitCode = 1;
  });
}
