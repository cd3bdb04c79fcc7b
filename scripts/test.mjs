// `npm test`: the whole suite, from a fresh clone.
//   typecheck -> lint -> unit + component (Vitest, jsdom) -> integration (Vitest against a real Neo4j) ->
//   end-to-end (Playwright driving Debian's Chromium against a production build).
// Integration and end-to-end tests get a throwaway local Neo4j in a temporary directory. They are
// destructive (they create and delete entities, accounts and settings), so an exported NEO4J_URI, a
// database this script did not start, is refused unless REDSTRING_TEST_ALLOW_FOREIGN_DB=1 says it is
// disposable.
// `--only <stage>` runs one stage: typecheck, lint, unit, integration or e2e.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, SetupError, buildNeo4jLocal, findFreePort, startNeo4jLocal } from "./lib/neo4j-local.mjs";
import { BIN, appBuildIsCurrent, ensureNodeModules, prepareDatabase, run } from "./lib/process.mjs";

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : null;
const STAGES = ["typecheck", "lint", "unit", "integration", "e2e"];
if (only && !STAGES.includes(only)) {
  console.error(`Unknown stage "${only}". Stages: ${STAGES.join(", ")}.`);
  process.exit(2);
}
const wanted = (stage) => !only || only === stage;

/**
 * Stops before anything runs when the database stages would use a database someone else started: a
 * forgotten `export NEO4J_URI=...` must not let the suite write into a newsroom's graph.
 */
function refuseForeignDatabase() {
  const uri = process.env.NEO4J_URI;
  if (!uri || process.env.REDSTRING_TEST_ALLOW_FOREIGN_DB === "1") return;
  console.error(
    [
      `NEO4J_URI is set (${uri}), and the integration and end-to-end tests would run against that database.`,
      "They are destructive: they create and delete entities, accounts and settings, and reset the admins' choices.",
      "Unset NEO4J_URI and `npm test` starts a throwaway local Neo4j of its own;",
      "or, if that database is a disposable one, run again with REDSTRING_TEST_ALLOW_FOREIGN_DB=1.",
    ].join("\n"),
  );
  process.exit(2);
}
if (wanted("integration") || wanted("e2e")) refuseForeignDatabase();

const RESULTS_DIR = path.join(ROOT, "test-results");
/** The end-to-end suite's first admin: `npm run migrate` creates it, tests/e2e/global-setup.ts signs in as it. */
const E2E_ACCOUNTS = {
  REDSTRING_ADMIN_EMAIL: process.env.REDSTRING_ADMIN_EMAIL ?? "e2e-admin@example.test",
  REDSTRING_ADMIN_PASSWORD: process.env.REDSTRING_ADMIN_PASSWORD ?? "e2e admin password",
};
const outcomes = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
/** Failing tests by name with the first line of their error: the summary repeats them, since CI keeps only the log's tail. */
const failures = [];

function firstLine(text) {
  return String(text ?? "").split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 300) ?? "";
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function countVitest(file) {
  const report = readJson(file);
  if (!report) return;
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const where = path.relative(ROOT, file.name ?? "");
    for (const test of file.assertionResults ?? []) {
      if (test.status === "failed") failures.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that fails before its tests run (an import error, a failing hook) has no failed assertion of its own.
    if (file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed")) {
      failures.push(`${where}: ${firstLine(file.message)}`);
    }
  }
}

function playwrightFailures(suites, titles = []) {
  for (const suite of suites ?? []) {
    const trail = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "unexpected" || test.status === "flaky") {
          const result = (test.results ?? []).find((attempt) => attempt.status !== "passed");
          const message = firstLine(result?.error?.message ?? result?.errors?.[0]?.message);
          failures.push(`${[...trail, spec.title].join(" › ")} (${test.status}): ${message}`);
        }
      }
    }
    playwrightFailures(suite.suites, trail);
  }
}

function countPlaywright(file) {
  const report = readJson(file);
  if (!report?.stats) return;
  counts.passed += report.stats.expected ?? 0;
  counts.failed += (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0);
  counts.skipped += report.stats.skipped ?? 0;
  playwrightFailures(report.suites);
}

async function stage(name, action) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  let code;
  try {
    code = await action();
  } catch (error) {
    console.error(error instanceof SetupError ? error.message : error);
    code = 1;
  }
  outcomes.push({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

function vitest(projects, reportName, env = process.env) {
  const report = path.join(RESULTS_DIR, reportName);
  rmSync(report, { force: true });
  const args = ["run", ...projects.flatMap((project) => ["--project", project])];
  args.push("--reporter=default", "--reporter=json", `--outputFile.json=${report}`);
  return run(BIN("vitest"), args, { env }).then((code) => {
    countVitest(report);
    return code;
  });
}

// Cleanup that must also happen when the run is interrupted (Ctrl-C, a CI timeout).
let stopEngine = async () => {};

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    console.error(`\n[test] ${signal}: stopping Neo4j and removing its temporary data...`);
    await stopEngine();
    process.exit(130);
  });
}

async function main() {
  ensureNodeModules();
  mkdirSync(RESULTS_DIR, { recursive: true });

  if (wanted("typecheck")) await stage("typecheck", () => run(BIN("tsc"), ["--noEmit"]));
  if (wanted("lint")) await stage("lint", () => run(BIN("eslint"), ["--max-warnings=0", "."]));
  if (wanted("unit")) await stage("unit + component", () => vitest(["unit", "component"], "vitest-unit.json"));

  if (!wanted("integration") && !wanted("e2e")) return;

  let engine;
  let dataDir;
  // Uploads and other shared files of the servers under test: a fresh folder, removed afterwards.
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "redstring-test-storage-"));
  const env = { ...process.env, REDSTRING_STORAGE_DIR: process.env.REDSTRING_STORAGE_DIR ?? storageDir };
  try {
    if (process.env.NEO4J_URI) {
      console.log(`\n[neo4j] using ${process.env.NEO4J_URI} (NEO4J_URI is set, REDSTRING_TEST_ALLOW_FOREIGN_DB=1)`);
    } else {
      buildNeo4jLocal();
      dataDir = mkdtempSync(path.join(os.tmpdir(), "redstring-test-neo4j-"));
      stopEngine = async () => {
        await engine?.stop();
        if (dataDir && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
      };
      engine = await startNeo4jLocal({ dataDir });
      env.NEO4J_URI = engine.uri;
    }

    // The deploy steps, explicitly, once: servers and the data layer only check that the schema is current.
    // The first admin of the end-to-end server comes from the same variables as the server's.
    await stage("prepare the database (npm run migrate, npm run seed)", () => prepareDatabase({ ...env, ...E2E_ACCOUNTS }, { seedArgs: [] }));
    if (outcomes.at(-1)?.ok === false) return;
    // The integration setup and the end-to-end server then skip their own run of the same steps.
    env.REDSTRING_TEST_DB_PREPARED = "1";

    if (wanted("integration")) {
      await stage("integration (real Neo4j)", () => vitest(["integration"], "vitest-integration.json", env));
    }

    if (wanted("e2e")) {
      await stage("end-to-end (Chromium)", async () => {
        if (!appBuildIsCurrent()) {
          console.log("[e2e] building the app (next build)...");
          const built = await run(BIN("next"), ["build"], { env });
          if (built !== 0) return built;
        }
        const report = path.join(RESULTS_DIR, "playwright.json");
        rmSync(report, { force: true });
        const port = await findFreePort();
        // The server gets a fresh session secret (the first admin was created by the migrate step above);
        // tests/e2e/global-setup.ts signs in as that admin, and the specs start from its saved session.
        const accounts = {
          REDSTRING_SESSION_SECRET: process.env.REDSTRING_SESSION_SECRET ?? randomBytes(32).toString("base64url"),
          ...E2E_ACCOUNTS,
        };
        const code = await run(BIN("playwright"), ["test", "--reporter=list,json"], {
          env: { ...env, ...accounts, E2E_PORT: String(port), PLAYWRIGHT_JSON_OUTPUT_NAME: report },
        });
        countPlaywright(report);
        return code;
      });
    }
  } finally {
    await stopEngine();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

function summarize() {
  console.log("\n=== summary ===");
  for (const outcome of outcomes) {
    console.log(`${outcome.ok ? "ok  " : "FAIL"}  ${outcome.name} (${outcome.seconds} s)`);
  }
  const failedStages = outcomes.filter((outcome) => !outcome.ok).length;
  // A stage can fail without a failing test (a type error, a lint warning): count it as a failure too.
  const failed = counts.failed + (failedStages > 0 && counts.failed === 0 ? failedStages : 0);
  if (failures.length > 0) {
    console.log("\nfailed tests:");
    for (const failure of failures) console.log(`  ✗ ${failure.replace(/\x1b\[[0-9;]*m/g, "")}`);
  }
  console.log(`\ntests: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
  return failedStages === 0 ? 0 : 1;
}

main()
  .then(() => process.exit(summarize()))
  .catch((error) => {
    console.error(error instanceof SetupError ? error.message : error);
    summarize();
    process.exit(1);
  });
