// `npm run import -- <csv|json|ftm> ...` and `npm run import:legis`: imports data into Neo4j through
// graph-seed/import-cli.ts. Finds the database like scripts/seed.mjs: NEO4J_URI when set; else the local
// engine that `npm start` is running; else starts the local engine just for the import.
import { existsSync, readFileSync } from "node:fs";
import { LOCAL_DATA_DIR, RUNNING_FILE, SetupError, buildNeo4jLocal, isAlive, startNeo4jLocal } from "./lib/neo4j-local.mjs";
import { BIN, ensureNodeModules, run } from "./lib/process.mjs";

function runningLocalEngine() {
  if (!existsSync(RUNNING_FILE)) return null;
  const { uri, pid } = JSON.parse(readFileSync(RUNNING_FILE, "utf8"));
  return isAlive(pid) ? uri : null;
}

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
    const code = await run(BIN("tsx"), ["--conditions=react-server", "graph-seed/import-cli.ts", ...process.argv.slice(2)], {
      env: { ...process.env, NEO4J_URI: uri },
    });
    process.exitCode = code;
  } finally {
    await engine?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof SetupError ? error.message : error);
  process.exitCode = 1;
});
