/**
 * `npm run bench`: the benchmark harness of issue 7. Per scale (10k, 100k, 1M nodes by default):
 *   a fresh Neo4j on 127.0.0.1:7704 in a temporary directory -> the app's schema -> import of the synthetic
 *   graph (rows/s) -> the app (scripts/server.mjs, as `npm start` runs it) on a free port -> API vs bare-driver latency -> (once) Chromium
 *   time-to-interactive -> bench/results/<date>-<scale>.json -> the tables of docs/BENCHMARKS.md.
 * Everything started here is stopped on exit and on Ctrl-C, and the temporary data is deleted.
 *
 *   npm run bench -- --scales 10k,100k --skip-browser --iterations 50 --loader stream --writers 2
 *   npm run bench -- --scales 10k --skip-browser --load-levels 50,100,200 --load-seconds 10
 *   npm run bench:smoke      (5k nodes, a few iterations, 1k elements in the browser, no files written)
 *   npm run bench -- --resolution    (entity resolution: bench/resolution.ts)
 *   npm run bench -- --workspaces    (Congress workspaces of 5k and 20k elements at /w/{id}: bench/workspaces.ts)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import neo4j, { type Driver } from "neo4j-driver";
import { buildNeo4jLocal, findFreePort, startNeo4jLocal, type LocalNeo4j } from "../scripts/lib/neo4j-local.mjs";
import { workerCount } from "../scripts/lib/workers.mjs";
import { measureBrowser } from "./browser";
import { installRecordingDriver } from "./capture";
import { buildCases } from "./api-cases";
import { SyntheticGraph } from "./generator";
import { measureCase, Sides, type CaseResult } from "./latency";
import { loadCases, measureLoad, type LoadResult } from "./load";
import { LOADERS, measureWriteFloor, type LoaderName } from "./loader";
import { benchResolution } from "./resolution";
import { ensureCongress } from "./congress";
import { congressView, measureWorkspaces, viewGraph, type AppSession } from "./workspaces";
import type { GraphData } from "../lib/graph/types";
import { updateBenchmarksDoc, writeResult, type BenchResult, type Machine } from "./report";

const ROOT = path.resolve(import.meta.dirname, "..");
/** The bench's own engine port; other runs on this machine use 7699 and 7701-7703. */
const BENCH_BOLT_PORT = 7704;

const { values: args } = parseArgs({
  options: {
    scales: { type: "string", default: "10k,100k,1m" },
    "skip-browser": { type: "boolean", default: false },
    "skip-api": { type: "boolean", default: false },
    "browser-sizes": { type: "string", default: "1000,5000,20000" },
    "browser-repeats": { type: "string", default: "3" },
    "browser-at": { type: "string", default: "first" },
    iterations: { type: "string" },
    loader: { type: "string", default: "auto" },
    // Transactions the stream loader keeps in flight (bench/loader.ts); 2, as the app's importer writes.
    writers: { type: "string", default: "2" },
    "no-write": { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "skip-load": { type: "boolean", default: false },
    "load-levels": { type: "string", default: "50,100,200" },
    "load-seconds": { type: "string", default: "10" },
    // Entity resolution only (bench/resolution.ts): quality on the donations, Congress timing on NEO4J_URI.
    resolution: { type: "boolean", default: false },
    // Big views through the app's pages only (bench/workspaces.ts): Congress workspaces in Chromium, fcose beside.
    workspaces: { type: "boolean", default: false },
    "workspace-sizes": { type: "string", default: "5000,20000" },
  },
});

function parseScale(text: string): { label: string; nodes: number } {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--scales: "${text}" is not a size like 10k, 100k, 1m or 20000`);
  const factor = { "": 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as "" | "k" | "m"];
  return { label: text.trim().toLowerCase(), nodes: Math.round(Number(match[1]) * factor) };
}

const smoke = args.smoke;
const importWriters = Number(args.writers);
if (!Number.isInteger(importWriters) || importWriters < 1 || importWriters > 8) throw new Error(`--writers: "${args.writers}" is not a whole number from 1 to 8`);
const scales = (smoke ? "5k" : args.scales).split(",").map(parseScale);
const browserSizes = (smoke ? "1000" : args["browser-sizes"]).split(",").map(Number);
const browserRepeats = smoke ? 1 : Number(args["browser-repeats"]);
const writeFiles = !smoke && !args["no-write"];

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

if (args.resolution) {
  const result = await benchResolution(log);
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}

/* ------------------------------------------------------------------ cleanup, also on Ctrl-C */

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error(`[bench] cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping Next.js, Chromium and Neo4j, removing temporary data...`);
    void cleanUp().then(() => process.exit(130));
  });
}

/* ------------------------------------------------------------------ machine facts */

function machineFacts(driverVersion: string): Machine {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  const pkg = (name: string) => (JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  return {
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    java: /version "([^"]+)"/.exec(java.stderr ?? "")?.[1] ?? "unknown",
    neo4j: driverVersion,
    next: pkg("next"),
    cytoscape: pkg("cytoscape"),
  };
}

/** Engine memory per scale: the defaults for small graphs, more for the big imports (24 GiB machine). */
function engineMemory(nodes: number): { heap: string; pageCache: string } {
  if (nodes <= 20_000) return { heap: "1g", pageCache: "512m" };
  if (nodes <= 200_000) return { heap: "2g", pageCache: "1g" };
  return { heap: "4g", pageCache: "4g" };
}

/* ------------------------------------------------------------------ the app */

/** Builds the app when its sources changed since .next was built; says whether the build is current. */
async function ensureAppBuild(): Promise<"current" | "stale"> {
  const processLib = (await import(new URL("../scripts/lib/process.mjs", import.meta.url).href)) as { appBuildIsCurrent: () => boolean };
  if (processLib.appBuildIsCurrent()) return "current";
  if (args["no-build"]) {
    log("[app] the build is older than the sources; --no-build: using it anyway");
    return "stale";
  }
  log("[app] the build is stale: next build...");
  const built = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("next build failed (see above); if someone else's work in progress broke it, retry later.");
  return "current";
}

/** The first admin of the bench's throwaway app: writes (snapshots, draft queries) need a signed-in role. */
const BENCH_ADMIN = { email: "bench-admin@example.test", password: "bench admin password" };

async function startApp(neo4jUri: string, logFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await findFreePort();
  const env = {
    ...process.env,
    NEO4J_URI: neo4jUri,
    REDSTRING_AUTO_SEED: "true",
    NODE_ENV: "production" as const,
    REDSTRING_SESSION_SECRET: randomBytes(32).toString("base64url"),
    REDSTRING_ADMIN_EMAIL: BENCH_ADMIN.email,
    REDSTRING_ADMIN_PASSWORD: BENCH_ADMIN.password,
  };
  // The deploy step a server relies on, explicitly: `npm run migrate` (the schema is already there; this adds
  // the first admin and the starter saved queries). No seed: the synthetic graph is the data.
  const processLib = (await import(new URL("../scripts/lib/process.mjs", import.meta.url).href)) as {
    prepareDatabase: (env: NodeJS.ProcessEnv) => Promise<number>;
  };
  if ((await processLib.prepareDatabase(env)) !== 0) throw new Error("npm run migrate failed (see above)");
  // scripts/server.mjs, as `npm start` serves the app (client addresses from the socket, the same request path).
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = createWriteStream(logFile);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app server exited (code ${child.exitCode}); see ${logFile}`);
    try {
      // Healthy once it answers: the schema check passes (migrated above).
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the app did not become healthy within 180 s; see ${logFile}`);
}

/** The bench's own Neo4j in `dataDir`, the app's data layer pointed at it, and a driver of our own. */
async function startEngine(dataDir: string, memory: { heap: string; pageCache: string }): Promise<{ engine: LocalNeo4j; driver: Driver }> {
  const engine = await startNeo4jLocal({ dataDir, port: BENCH_BOLT_PORT, heap: memory.heap, pageCache: memory.pageCache, log });
  cleanups.push(() => engine.stop());
  // The app's data layer (schema, loadGraph) reads NEO4J_URI from here.
  process.env.NEO4J_URI = engine.uri;
  const driver: Driver = neo4j.driver(engine.uri, undefined, { userAgent: "redstring-bench" });
  cleanups.push(() => driver.close());
  const { closeDriver } = await import("../lib/db/driver");
  cleanups.push(() => closeDriver());
  return { engine, driver };
}

/* ------------------------------------------------------------------ one scale */

async function runScale(scale: { label: string; nodes: number }, withBrowser: boolean): Promise<BenchResult> {
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      phases[name] = Math.round((performance.now() - started) / 100) / 10;
    }
  };
  const runStarted = performance.now();
  const memory = engineMemory(scale.nodes);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "redstring-bench-neo4j-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

  log(`[bench] ${scale.label}: ${scale.nodes.toLocaleString("en")} nodes; Neo4j on ${BENCH_BOLT_PORT}, heap ${memory.heap}, page cache ${memory.pageCache}`);
  const { engine, driver } = await phase("engine start", () => startEngine(dataDir, memory));
  const { forgetMigrations, migrateSchema } = await import("../lib/migrations");
  // Each scale has its own fresh engine on the same address: it is not the database migrated before.
  forgetMigrations();
  await phase("schema", () => migrateSchema());
  const { records: constraints } = await driver.executeQuery("SHOW CONSTRAINTS YIELD name WHERE name = 'entity_id_unique' RETURN name");
  if (constraints.length === 0) throw new Error("the schema migration left no entity_id_unique constraint: the import would scan every node per row");

  const graph = new SyntheticGraph({ nodes: scale.nodes });
  const loaderName: LoaderName = args.loader === "auto" ? (scale.nodes <= 100_000 ? "seed" : "stream") : (args.loader as LoaderName);
  if (!LOADERS[loaderName]) throw new Error(`--loader must be one of ${Object.keys(LOADERS).join(", ")}`);
  log(`[import] ${graph.nodeCount} nodes + ${graph.relationshipCount} relationships with the ${loaderName} loader...`);
  const imported = await phase("import", () => LOADERS[loaderName](graph, { driver, log, writers: importWriters }));
  const indexStarted = performance.now();
  await phase("index wait", () => driver.executeQuery("CALL db.awaitIndexes(3600)"));
  const indexWaitSeconds = (performance.now() - indexStarted) / 1000;
  log(`[import] ${Math.round(imported.rowsPerSecond)} rows/s (${imported.seconds.toFixed(1)} s); indexes online after ${indexWaitSeconds.toFixed(1)} s more`);
  // Plain Cypher's speed on this engine right now: the ceiling the importer's rows/s is compared with.
  const writeFloor = await phase("write floor", () => measureWriteFloor(driver, graph.nodeCount, log));
  // From here on the app's modules in this process send their statements through a recording driver, so
  // the floor replays exactly what they send (bench/capture.ts).
  await (await import("../lib/db/driver")).closeDriver();
  const recordingDriver = installRecordingDriver(engine.uri);
  cleanups.push(() => recordingDriver.close());

  const components = await driver.executeQuery("CALL dbms.components() YIELD versions RETURN versions[0] AS version");
  const machine = machineFacts(String(components.records[0]?.get("version") ?? "unknown"));

  const result: BenchResult = {
    version: 1,
    date: new Date().toISOString(),
    scale: scale.label,
    nodes: graph.nodeCount,
    relationships: graph.relationshipCount,
    seed: graph.seed,
    machine,
    engine: memory,
    typeCounts: graph.typeCounts(),
    import: { ...imported, indexWaitSeconds, writeFloor },
    phases,
  };

  if (!args["skip-api"]) {
    result.appBuild = await ensureAppBuild();
    // The server processes the app runs as (REDSTRING_WORKERS, passed on to scripts/server.mjs).
    result.appWorkers = workerCount(process.env.REDSTRING_WORKERS);
    const app = await phase("app start", () => startApp(engine.uri, path.join(dataDir, "next.log")));
    log(`[app] serving at ${app.url}`);
    const sides = new Sides(app.url, driver);
    await sides.signIn(BENCH_ADMIN.email, BENCH_ADMIN.password);
    const iterations = Number(args.iterations ?? (smoke ? 10 : scale.nodes <= 20_000 ? 200 : 100));
    const warmup = smoke ? 2 : 10;
    const cases: CaseResult[] = [];
    const latency = await phase("latency", async () => {
      const { cases: specs, warnings } = await buildCases(sides, graph);
      for (const warning of warnings) log(`[latency] check: ${warning}`);
      for (const spec of specs) {
        const measured = await measureCase(spec, iterations, warmup, 120_000);
        cases.push(measured);
        log(
          `[latency] ${measured.name}: app p50 ${measured.appMs.p50} / p95 ${measured.appMs.p95} ms; bare p50 ${measured.bareMs.p50} / p95 ${measured.bareMs.p95} ms; ratio ${measured.ratioP50} (n=${measured.appMs.n})`,
        );
      }
      return { iterations, warmup, cases, warnings };
    });
    result.latency = latency;
    if (!args["skip-load"]) {
      const seconds = smoke ? 2 : Number(args["load-seconds"]);
      const levels = (smoke ? "20" : args["load-levels"]).split(",").map(Number);
      result.load = await phase("load", async () => {
        const results: LoadResult[] = [];
        const { cases: specs } = await buildCases(sides, graph);
        for (const readers of levels) {
          for (const spec of loadCases(specs)) {
            const measured = await measureLoad(spec, readers, seconds);
            results.push(measured);
            log(
              `[load] ${measured.name}, ${readers} readers: ${measured.requestsPerSecond} req/s, p50 ${measured.p50} / p95 ${measured.p95} / p99 ${measured.p99} / max ${measured.max} ms, ${measured.over5s} over 5 s, ${measured.errors} errors${measured.firstError ? ` (${measured.firstError})` : ""}`,
            );
          }
        }
        return { seconds, results };
      });
    }
    // Stop the app before the browser runs: two cores are shared, and the browser phase needs no app.
    await cleanups.pop()!();
  }

  if (withBrowser) {
    result.browser = await phase("browser", () =>
      measureBrowser(driver, {
        sizes: browserSizes,
        repeats: browserRepeats,
        timeoutMs: 240_000,
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        log,
        onResource: (close) => cleanups.push(close),
      }),
    );
    result.machine.chromium = result.browser.chromium;
  }
  phases.total = Math.round((performance.now() - runStarted) / 100) / 10;
  return result;
}

/* ------------------------------------------------------------------ big views through the app's pages */

async function runWorkspaces(): Promise<void> {
  buildNeo4jLocal({ log });
  const sizes = args["workspace-sizes"].split(",").map(Number);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "redstring-bench-workspaces-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const { engine, driver } = await startEngine(dataDir, { heap: "2g", pageCache: "1g" });
  const { migrateSchema } = await import("../lib/migrations");
  await migrateSchema();
  const importSeconds = await ensureCongress(log);
  const components = await driver.executeQuery("CALL dbms.components() YIELD versions RETURN versions[0] AS version");
  const machine = machineFacts(String(components.records[0]?.get("version") ?? "unknown"));
  const appBuild = await ensureAppBuild();
  const app = await startApp(engine.uri, path.join(dataDir, "next.log"));
  const stopApp = cleanups.at(-1)!;
  const sides = new Sides(app.url, driver);
  await sides.signIn(BENCH_ADMIN.email, BENCH_ADMIN.password);
  const session: AppSession = { baseUrl: app.url, cookie: sides.sessionCookie, post: (at, body) => sides.post(at, body), get: (at) => sides.get(at) };
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const onResource = (close: () => Promise<void>) => cleanups.push(close);
  const measured = await measureWorkspaces(session, driver, { sizes, timeoutMs: 180_000, executablePath, log, onResource });
  // fcose on the very same elements, in the same run: the floor the worker layout is compared with.
  const graphs = new Map<number, GraphData>();
  for (const size of sizes) graphs.set(size, await viewGraph(session, (await congressView(driver, size)).ids));
  // Stop the app before fcose runs: two cores are shared, and that page needs no app.
  cleanups.splice(cleanups.indexOf(stopApp), 1);
  await stopApp();
  const fcose = await measureBrowser(driver, { sizes, repeats: 1, timeoutMs: 120_000, executablePath, log, onResource, graphs, renderers: ["canvas"] });
  const result = { kind: "workspaces", date: new Date().toISOString(), machine: { ...machine, chromium: measured.chromium }, appBuild, importSeconds, ...measured, fcose: fcose.results };
  if (writeFiles) {
    const dir = path.join(ROOT, "bench/results/workspaces");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${result.date.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`[bench] wrote ${path.relative(ROOT, file)}`);
  }
  console.log(JSON.stringify(result, null, 2));
}

async function main() {
  if (args.workspaces) return runWorkspaces();
  buildNeo4jLocal({ log });
  for (const [index, scale] of scales.entries()) {
    const withBrowser = !args["skip-browser"] && (args["browser-at"] === "all" || index === 0);
    const result = await runScale(scale, withBrowser);
    await cleanUp();
    if (writeFiles) {
      log(`[bench] wrote ${path.relative(ROOT, writeResult(result))}`);
      updateBenchmarksDoc();
      log("[bench] updated docs/BENCHMARKS.md");
    } else {
      console.log(JSON.stringify({ import: result.import, latency: result.latency?.cases.map((c) => [c.name, c.appMs.p50, c.bareMs.p50, c.ratioP50]), load: result.load, browser: result.browser }, null, 2));
    }
  }
}

main()
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exit(1);
  });
