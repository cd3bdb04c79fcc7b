/**
 * The local engine's lifecycle, as `npm start` uses it: committed data survives a SIGTERM and a restart,
 * and no Java process outlives the Node process that started it, even one killed with SIGKILL.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import neo4j from "neo4j-driver";
import { ROOT, startNeo4jLocal } from "@/scripts/lib/neo4j-local.mjs";
import { pollUntil } from "../support/poll";

const ENGINE_TIMEOUT = 180_000;

/** Alive and not a zombie: a reaped or defunct process counts as gone. */
function processRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, "utf8").split(") ")[1]?.charAt(0);
  return state !== "Z" && state !== "X";
}

/** Whether the process is gone within `attempts` checks a quarter of a second apart. */
async function waitUntilGone(pid: number, attempts: number): Promise<boolean> {
  return pollUntil(() => !processRunning(pid), (gone) => gone, { what: `process ${pid} to exit`, attempts }).then(
    () => true,
    () => false,
  );
}

async function countMarkers(uri: string): Promise<number> {
  const driver = neo4j.driver(uri);
  try {
    const { records } = await driver.executeQuery("MATCH (n:LifecycleMarker) RETURN count(n) AS count");
    return Number(records[0]?.get("count"));
  } finally {
    await driver.close();
  }
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "redstring-lifecycle-"));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the local Neo4j engine", () => {
  it(
    "keeps committed data across a SIGTERM and a restart, and leaves no Java process behind",
    async () => {
      const dataDir = tempDir();
      const first = await startNeo4jLocal({ dataDir, log: () => {} });
      const driver = neo4j.driver(first.uri);
      await driver.executeQuery("UNWIND range(1, 1000) AS i CREATE (:LifecycleMarker {i: i})");
      await driver.close();
      await first.stop();
      // The JVM answers SIGTERM with 143 after its shutdown hook ran; the hook prints STOPPED once
      // Neo4j has flushed and closed its store.
      expect([0, 143]).toContain((await first.exited).code);
      expect(readFileSync(path.join(dataDir, "console.log"), "utf8")).toContain("REDSTRING_NEO4J_STOPPED");
      expect(processRunning(first.pid)).toBe(false);

      const second = await startNeo4jLocal({ dataDir, log: () => {} });
      try {
        expect(await countMarkers(second.uri)).toBe(1000);
      } finally {
        await second.stop();
      }
    },
    ENGINE_TIMEOUT,
  );

  it(
    "exits by itself when the Node process that started it is killed",
    async () => {
      const dataDir = tempDir();
      const script = `
        import(${JSON.stringify(path.join(ROOT, "scripts/lib/neo4j-local.mjs"))}).then(async (m) => {
          const engine = await m.startNeo4jLocal({ dataDir: ${JSON.stringify(dataDir)}, log: () => {} });
          console.log("JAVA_PID " + engine.pid);
          setInterval(() => {}, 1000);
        });`;
      const parent = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      const javaPid = await new Promise<number>((resolve, reject) => {
        let output = "";
        parent.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /JAVA_PID (\d+)/.exec(output);
          if (match) resolve(Number(match[1]));
        });
        parent.on("exit", () => reject(new Error(`the launcher exited early: ${output}`)));
      });
      expect(processRunning(javaPid)).toBe(true);
      parent.kill("SIGKILL");
      expect(await waitUntilGone(javaPid, 240)).toBe(true);
    },
    ENGINE_TIMEOUT,
  );

  it(
    "seeds an empty database as npm start does (npm run migrate, then npm run seed -- --if-empty), and the app finds the story",
    async () => {
      const engine = await startNeo4jLocal({ dataDir: tempDir(), log: () => {} });
      const savedUri = process.env.NEO4J_URI;
      const { closeDriver } = await import("@/lib/db/driver");
      try {
        await closeDriver();
        process.env.NEO4J_URI = engine.uri;
        // The deploy steps, as scripts/start.mjs runs them before the server: the app itself only checks.
        const { prepareDatabase } = await import("@/scripts/lib/process.mjs");
        expect(await prepareDatabase({ ...process.env, NEO4J_URI: engine.uri }, { seedArgs: ["--if-empty"] })).toBe(0);
        const { searchEntities } = await import("@/lib/explore/search");
        const { TEST_VIEWER } = await import("../support/auth");
        const hits = await searchEntities(TEST_VIEWER, "thermo", { limit: 1 });
        expect(hits[0]?.id).toBe("company-thermo-fisher");
        const { seedEntities } = await import("@/graph-seed/seed-story");
        const checker = neo4j.driver(engine.uri);
        const { records } = await checker.executeQuery("MATCH (n:Entity) RETURN count(n) AS count");
        await checker.close();
        expect(Number(records[0]?.get("count"))).toBe(seedEntities.length);
      } finally {
        await closeDriver();
        process.env.NEO4J_URI = savedUri;
        await engine.stop();
      }
    },
    // Two command lines (each loads the data layer) on top of the engine start: more time on a busy machine.
    2 * ENGINE_TIMEOUT,
  );
});
