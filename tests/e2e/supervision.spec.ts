/**
 * `npm start` and `npm run import` own their processes, tested as a person runs them: the real npm, the
 * real local Neo4j (in a data folder of this spec's own), the production build the suite made.
 * - A local Neo4j killed under `npm start` is started again while Next.js keeps its PID, answering 503
 *   meanwhile and 200 once the database is back.
 * - SIGINT or SIGTERM to npm, or a kill -9 of the script, stops every process of the run.
 * - Stopping an import leaves no process, no lock and no half-written report.
 */
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findFreePort } from "../../scripts/lib/neo4j-local.mjs";
import { expectAllGone, isRunning, processTree, runCommand } from "./processes";
import { closeTestDriver, runCypher } from "./support";

test.describe.configure({ mode: "serial" });
// Each case starts a Neo4j and Next.js of its own; the first one also migrates and seeds a new database.
test.setTimeout(600_000);

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "redstring-supervision-"));

/** The environment of someone running `npm start` on their machine: no NEO4J_URI, so the local engine starts. */
function startEnvironment(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), REDSTRING_DATA_DIR: dataDir, REDSTRING_NEO4J_HEAP: "512m" };
  for (const name of ["NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "E2E_PORT"]) delete env[name];
  return env;
}

async function status(url: string): Promise<number | string> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(15_000) })).status;
  } catch (error) {
    return (error as Error).name;
  }
}

/** `npm start` on a free port, once /api/health says 200; with the PIDs of its Next.js and its Java. */
async function npmStart() {
  // The suite built the app just before the end-to-end stage; a stale build would make `npm start` rebuild
  // .next under the server the other specs use.
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  expect(existsSync(buildId), "run the end-to-end tests through npm test, which builds the app first").toBe(true);
  const port = await findFreePort();
  const run = runCommand("npm", ["start"], startEnvironment(port));
  const health = `http://127.0.0.1:${port}/api/health`;
  await expect.poll(() => status(health), { timeout: 240_000, intervals: [1_000], message: `npm start should serve; its output:\n${run.output()}` }).toBe(200);
  const tree = processTree(run.child.pid!);
  const app = tree.find((info) => info.command.includes("scripts/server.mjs"));
  const java = tree.find((info) => info.command.includes("neo4jlocal.Main"));
  expect(app, `Next.js under npm start:\n${tree.map((info) => info.command).join("\n")}`).toBeDefined();
  expect(java, "the local Neo4j under npm start").toBeDefined();
  return { run, port, health, tree, appPid: app!.pid, javaPid: java!.pid };
}

test.afterAll(async () => {
  await runCypher("MATCH (l:ImportLock) WHERE l.by STARTS WITH 'npm run import' DELETE l");
  await runCypher("MATCH (n:Entity) WHERE n.id STARTS WITH 'e2e-sig-' DETACH DELETE n");
  await closeTestDriver();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a killed Neo4j is started again while Next.js keeps its PID, and SIGINT to npm then stops everything", async () => {
  const started = await npmStart();
  process.kill(started.javaPid, "SIGKILL");

  // Meanwhile the app answers 503 (not a hang, not a dead port), then 200 once the database is back.
  await expect.poll(() => status(started.health), { timeout: 60_000, intervals: [250] }).toBe(503);
  await expect.poll(() => status(started.health), { timeout: 180_000, intervals: [500], message: started.run.output() }).toBe(200);
  expect(isRunning(started.appPid)).toBe(true);
  const after = processTree(started.run.child.pid!);
  expect(after.map((info) => info.pid)).toContain(started.appPid);
  const newJava = after.find((info) => info.command.includes("neo4jlocal.Main"));
  expect(newJava?.pid).toBeDefined();
  expect(newJava?.pid).not.toBe(started.javaPid);
  expect(started.run.output()).toContain("[neo4j] stopped unexpectedly (killed by SIGKILL)");

  process.kill(started.run.child.pid!, "SIGINT");
  await expectAllGone(after.map((info) => info.pid));
  expect(started.run.output()).toContain("[neo4j] stopped");
});

test("SIGTERM to npm start stops Next.js and Neo4j; nothing is left", async () => {
  const started = await npmStart();
  process.kill(started.run.child.pid!, "SIGTERM");
  await expectAllGone(started.tree.map((info) => info.pid));
  expect(await status(started.health)).not.toBe(200);
});

test("a kill -9 of the start script still takes Next.js and Neo4j down with it", async () => {
  const started = await npmStart();
  const script = started.tree.find((info) => info.command.includes("scripts/start.mjs"));
  expect(script).toBeDefined();
  // Nothing can be forwarded from a SIGKILL: the children notice their stdin pipe closing.
  process.kill(script!.pid, "SIGKILL");
  await expectAllGone(started.tree.map((info) => info.pid));
});

test.describe("npm run import", () => {
  const reportFile = path.join(dataDir, "refused.tsv");
  const LAST_REPORT = "file\tline\treason\nthe last complete report\n";

  async function importRunning() {
    writeFileSync(reportFile, LAST_REPORT);
    // The real US Congress data set: big enough that the import is still checking it when it is stopped.
    const run = runCommand("npm", ["run", "import", "--", "legis", "--id-prefix", "e2e-sig-", "--report", reportFile], { ...process.env, REDSTRING_DATA_DIR: dataDir });
    const locks = async () => (await runCypher("MATCH (l:ImportLock) WHERE l.by STARTS WITH 'npm run import' RETURN count(l) AS held")).records[0]?.get("held").toNumber();
    await expect.poll(locks, { timeout: 120_000, intervals: [250], message: `the import should take its lock; its output:\n${run.output()}` }).toBe(1);
    return { run, tree: processTree(run.child.pid!), locks };
  }

  function expectLastReportKept() {
    expect(readFileSync(reportFile, "utf8")).toBe(LAST_REPORT);
    expect(existsSync(`${reportFile}.partial`)).toBe(false);
  }

  test("SIGTERM to npm stops the import and its worker, releases the data set and keeps the last report", async () => {
    const { run, tree, locks } = await importRunning();
    expect(tree.some((info) => info.command.includes("graph-seed/import-cli.ts"))).toBe(true);
    process.kill(run.child.pid!, "SIGTERM");
    await expectAllGone(tree.map((info) => info.pid));
    expect(await locks()).toBe(0);
    expectLastReportKept();
    expect(run.output()).toContain("run the same command again to finish");
  });

  test("a kill -9 of scripts/import.mjs stops its worker too", async () => {
    const { run, tree, locks } = await importRunning();
    const script = tree.find((info) => info.command.includes("scripts/import.mjs"));
    expect(script).toBeDefined();
    process.kill(script!.pid, "SIGKILL");
    await expectAllGone(tree.map((info) => info.pid));
    expect(await locks()).toBe(0);
    expectLastReportKept();
    expect(run.output()).toContain("its parent process ended");
  });
});
