// `npm start`: Redstring on http://localhost:3000 with the seed story, from a fresh clone.
//   installs npm packages if needed -> builds and starts the local Neo4j (unless NEO4J_URI is set) ->
//   builds the app if its sources changed -> prepares the database (`npm run migrate`, then `npm run seed`
//   if no entity exists yet and REDSTRING_AUTO_SEED is on) -> starts Next.js (scripts/server.mjs), which
//   only checks the schema -> waits until it is healthy.
// It then supervises both: a local Neo4j that dies is started again on the same port (with backoff, the
// reason logged) while Next.js keeps running and answers 503 until the database is back; a Next.js that
// dies after it was up is started again too. Ctrl-C, SIGTERM, SIGHUP or the end of the parent (npm) stop
// Next.js and then Neo4j, cleanly; no process is left behind, even when this one is killed with SIGKILL
// (both children stop when the pipe to their stdin closes).
// `npm run dev` does the same with `next dev` (hot reload) instead of a production build.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR, LOCAL_DATA_DIR, ROOT, RUNNING_FILE, SetupError, buildNeo4jLocal, findFreePort, startNeo4jLocal } from "./lib/neo4j-local.mjs";
import { BIN, appBuildIsCurrent, ensureNodeModules, prepareDatabase, run, signalRunningCommands } from "./lib/process.mjs";
import { describeExit, keepRunning, onStop, spawnOwnedChild } from "./lib/supervise.mjs";

const devMode = process.argv.includes("--dev");
const appPort = Number(process.env.PORT ?? 3000);

let neo4j;
let app;
let shuttingDown = false;

async function shutdown(code, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n[redstring] stopping${reason ? ` (${reason})` : ""}...`);
  signalRunningCommands();
  await app?.stop();
  if (neo4j) {
    await neo4j.stop();
    rmSync(RUNNING_FILE, { force: true });
    console.log("[neo4j] stopped");
  }
  process.exit(code);
}

onStop((reason) => shutdown(0, reason));

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
  const file = path.join(DATA_DIR, "session-secret");
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
    // One port for the whole run: a restarted engine must be where the app's driver already looks.
    const port = Number(process.env.REDSTRING_NEO4J_PORT ?? (await findFreePort()));
    neo4j = keepRunning(
      "neo4j",
      async () => {
        const engine = await startNeo4jLocal({ dataDir: LOCAL_DATA_DIR, port });
        writeFileSync(RUNNING_FILE, JSON.stringify({ uri: engine.uri, pid: engine.pid }));
        return engine;
      },
      {
        log: console.error,
        onExit: () => console.error(`[neo4j] its output is in ${path.relative(ROOT, path.join(LOCAL_DATA_DIR, "console.log"))}; the app answers 503 until it is back`),
      },
    );
    env.NEO4J_URI = (await neo4j.first()).uri;
  }

  if (!devMode && !appBuildIsCurrent()) {
    console.log("[redstring] building the app (next build)...");
    if ((await run(BIN("next"), ["build"], { env })) !== 0) throw new SetupError("next build failed.");
  }

  // Deploy steps, not a first request's side effects: the server itself only checks that they ran.
  console.log("[redstring] preparing the database (npm run migrate, then npm run seed -- --if-empty)...");
  if ((await prepareDatabase(env, { seedArgs: ["--if-empty"] })) !== 0) throw new SetupError("Preparing the database failed; see the output above.");

  // scripts/server.mjs, not `next start`: it decides the client's address from the socket (rate limits).
  const serverArgs = [path.join(ROOT, "scripts", "server.mjs"), ...(devMode ? ["--dev"] : []), "--port", String(appPort), "--hostname", process.env.HOST ?? "127.0.0.1"];
  app = keepRunning("redstring", async () => spawnOwnedChild(process.execPath, serverArgs, { cwd: ROOT, env }), { log: console.error });
  const firstApp = await app.first();
  // Before it was ever up, an exit is a setup problem (a port in use, a broken build): report it, do not loop.
  const exitedEarly = firstApp.exited.then((outcome) => {
    throw new SetupError(`Next.js exited before it was ready (${describeExit(outcome)}); see its output above.`);
  });
  await Promise.race([waitForApp(`http://127.0.0.1:${appPort}/api/health`), exitedEarly]);
  exitedEarly.catch(() => undefined);
  console.log(`\n[redstring] ready: http://localhost:${appPort}  (Ctrl-C stops the app and Neo4j)\n`);
}

main().catch(async (error) => {
  console.error(`\n[redstring] ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  if (!existsSync(path.join(ROOT, "node_modules"))) console.error("Hint: run `npm ci` first.");
  await shutdown(1, "setup failed");
});
