// The local Neo4j engine (tools/neo4j-local): build it once, start it on a free port, wait for Bolt, stop
// it cleanly. Node built-ins only, so it works before `npm ci` has run.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ENGINE_DIR = path.join(ROOT, "tools/neo4j-local");
const TARGET_DIR = path.join(ENGINE_DIR, "target");
const STAMP_FILE = path.join(TARGET_DIR, "redstring-build.sha256");
/**
 * Where `npm start`, `npm run seed` and `npm run import` keep what is theirs (the local database, the
 * session secret, import reports): `.data/` in the checkout, or REDSTRING_DATA_DIR (a second instance on
 * one machine, the supervision tests).
 */
export const DATA_DIR = process.env.REDSTRING_DATA_DIR ? path.resolve(process.env.REDSTRING_DATA_DIR) : path.join(ROOT, ".data");
/** Where `npm start` and `npm run seed` keep the local database. */
export const LOCAL_DATA_DIR = path.join(DATA_DIR, "neo4j");
/** Written by `npm start` while its engine runs, so `npm run seed` uses it instead of starting a second one. */
export const RUNNING_FILE = path.join(DATA_DIR, "neo4j-running.json");
const READY_PREFIX = "REDSTRING_NEO4J_READY ";

// Neo4j 5 reaches into JDK internals; Java 17 needs these opened explicitly.
const ADD_OPENS = ["java.base/java.nio", "java.base/java.io", "java.base/sun.nio.ch", "java.base/java.lang"].map(
  (pkg) => `--add-opens=${pkg}=ALL-UNNAMED`,
);

export class SetupError extends Error {}

function commandWorks(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return result.status === 0;
}

export function checkJavaAndMaven() {
  const missing = [];
  if (!commandWorks("java", ["-version"])) missing.push("Java 17 or newer (e.g. `apt-get install openjdk-17-jdk-headless`)");
  if (!commandWorks("mvn", ["-v"])) missing.push("Maven (e.g. `apt-get install maven`)");
  if (missing.length > 0) {
    throw new SetupError(
      `The local Neo4j needs ${missing.join(" and ")}.\n` +
        "Install them, or set NEO4J_URI (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) to use a Neo4j you already run.",
    );
  }
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : [full];
  });
}

/** A hash of the pom and the Java sources: the build is redone only when one of them changed. */
function sourceHash() {
  const hash = createHash("sha256");
  for (const file of [path.join(ENGINE_DIR, "pom.xml"), ...sourceFiles(path.join(ENGINE_DIR, "src")).sort()]) {
    hash.update(path.relative(ENGINE_DIR, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

export function buildNeo4jLocal({ log = console.log } = {}) {
  checkJavaAndMaven();
  const wanted = sourceHash();
  const built = existsSync(STAMP_FILE) ? readFileSync(STAMP_FILE, "utf8").trim() : "";
  if (built === wanted && existsSync(path.join(TARGET_DIR, "lib"))) return;
  log("[neo4j] building tools/neo4j-local with Maven (first run downloads Neo4j, about 130 MB)...");
  const result = spawnSync("mvn", ["-q", "-B", "package", "-DskipTests"], { cwd: ENGINE_DIR, stdio: "inherit" });
  if (result.status !== 0) throw new SetupError("Building tools/neo4j-local with Maven failed (see the output above).");
  writeFileSync(STAMP_FILE, `${wanted}\n`);
}

export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the engine on `dataDir` and resolves once Bolt answers queries. The engine's console goes to
 * `<dataDir>/console.log`. The returned `stop()` sends SIGTERM (Neo4j flushes and closes its store) and
 * waits for the process to exit. The engine also exits by itself when this Node process dies, because it
 * watches its stdin, which we hold open.
 */
export async function startNeo4jLocal({ dataDir, port, log = console.log, heap = process.env.REDSTRING_NEO4J_HEAP ?? "1g", pageCache }) {
  mkdirSync(dataDir, { recursive: true });
  const boltPort = port ?? (await findFreePort());
  const classpath = [path.join(TARGET_DIR, "classes"), path.join(TARGET_DIR, "lib", "*")].join(path.delimiter);
  const args = [
    ...ADD_OPENS,
    `-Xmx${heap}`,
    // The engine's default page cache is 512 MB (tools/neo4j-local Main.java); big imports ask for more.
    ...(pageCache ? [`-Dredstring.pagecache=${pageCache}`] : []),
    "-Dredstring.exitOnStdinEof=true",
    "-cp",
    classpath,
    "dev.redstring.neo4jlocal.Main",
    dataDir,
    String(boltPort),
  ];
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"] });
  const consoleLog = createWriteStream(path.join(dataDir, "console.log"), { flags: "a" });
  child.stdout.pipe(consoleLog, { end: false });
  child.stderr.pipe(consoleLog, { end: false });

  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    // Read whole lines only, and stop reading once the ready line has come.
    let partial = "";
    const onData = (chunk) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      const line = lines.find((candidate) => candidate.startsWith(READY_PREFIX));
      if (line) {
        child.stdout.off("data", onData);
        resolve(line.slice(READY_PREFIX.length).trim());
      }
    };
    child.stdout.on("data", onData);
    exited.then(({ code }) =>
      reject(
        new SetupError(
          `The local Neo4j exited before it was ready (exit code ${code}). ` +
            `Its output is in ${path.join(dataDir, "console.log")}; a common cause is another Neo4j still using ${dataDir}.`,
        ),
      ),
    );
    child.on("error", (error) => reject(new SetupError(`Could not start Java: ${error.message}`)));
  });
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new SetupError("The local Neo4j did not become ready within 180 s.")), 180_000).unref(),
  );

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      await exited;
      clearTimeout(killer);
      consoleLog.end();
    })();
    return stopping;
  };

  try {
    const uri = await Promise.race([ready, timeout]);
    log(`[neo4j] ready at ${uri} (data in ${path.relative(ROOT, dataDir) || dataDir})`);
    return { uri, pid: child.pid, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Whether a process with this pid is alive (signal 0 checks without signalling). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
