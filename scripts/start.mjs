// `npm start`: Redstring on http://localhost:3000 with the seed story, from a fresh clone.
//   installs npm packages if needed -> builds and starts the local Neo4j (unless NEO4J_URI is set) ->
//   builds the app if its sources changed -> starts Next.js (scripts/server.mjs) -> waits until the database is migrated and
//   seeded. Ctrl-C stops Next.js and then Neo4j, cleanly; no Java process is left behind.
// `npm run dev` does the same with `next dev` (hot reload) instead of a production build.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LOCAL_DATA_DIR, ROOT, RUNNING_FILE, SetupError, buildNeo4jLocal, startNeo4jLocal } from "./lib/neo4j-local.mjs";
import { BIN, appBuildIsCurrent, ensureNodeModules, run } from "./lib/process.mjs";

const devMode = process.argv.includes("--dev");
const appPort = Number(process.env.PORT ?? 3000);

let neo4j;
let app;
let appExited;
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\n[redstring] stopping...");
  if (app && app.exitCode === null && app.signalCode === null) {
    app.kill("SIGTERM");
    await appExited;
  }
  if (neo4j) {
    await neo4j.stop();
    rmSync(RUNNING_FILE, { force: true });
    console.log("[neo4j] stopped");
  }
  process.exit(code);
}

process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

async function waitForApp(url) {
  const deadline = Date.now() + 180_000;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      lastProblem = `${response.status} ${(await response.json().catch(() => ({}))).error ?? ""}`;
    } catch (error) {
      lastProblem = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new SetupError(`Redstring did not become healthy within 180 s (${lastProblem}).`);
}

function sessionSecretFile() {
  const file = path.join(ROOT, ".data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function main() {
  ensureNodeModules();
  const env = { ...process.env, PORT: String(appPort) };
  // Sessions survive restarts: a secret kept in .data/ (never committed) unless one is configured.
  env.REDSTRING_SESSION_SECRET ??= sessionSecretFile();

  if (process.env.NEO4J_URI) {
    console.log(`[neo4j] using ${process.env.NEO4J_URI} (NEO4J_URI is set; nothing local starts)`);
  } else {
    buildNeo4jLocal();
    neo4j = await startNeo4jLocal({ dataDir: LOCAL_DATA_DIR });
    env.NEO4J_URI = neo4j.uri;
    writeFileSync(RUNNING_FILE, JSON.stringify({ uri: neo4j.uri, pid: neo4j.pid }));
    neo4j.exited.then(() => {
      if (!shuttingDown) {
        console.error("[neo4j] the local Neo4j stopped unexpectedly; see .data/neo4j/console.log");
        shutdown(1);
      }
    });
  }

  if (!devMode && !appBuildIsCurrent()) {
    console.log("[redstring] building the app (next build)...");
    if ((await run(BIN("next"), ["build"], { env })) !== 0) throw new SetupError("next build failed.");
  }

  // scripts/server.mjs, not `next start`: it decides the client's address from the socket (rate limits).
  const serverArgs = [path.join(ROOT, "scripts", "server.mjs"), ...(devMode ? ["--dev"] : []), "--port", String(appPort), "--hostname", process.env.HOST ?? "127.0.0.1"];
  app = spawn(process.execPath, serverArgs, {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  appExited = new Promise((resolve) => app.once("exit", resolve));
  app.on("exit", (code) => {
    if (!shuttingDown) {
      console.error(`[redstring] Next.js exited (code ${code}).`);
      shutdown(code ?? 1);
    }
  });

  await waitForApp(`http://127.0.0.1:${appPort}/api/health`);
  console.log(`\n[redstring] ready: http://localhost:${appPort}  (Ctrl-C stops the app and Neo4j)\n`);
}

main().catch(async (error) => {
  console.error(`\n[redstring] ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  if (!existsSync(path.join(ROOT, "node_modules"))) console.error("Hint: run `npm ci` first.");
  await shutdown(1);
});
