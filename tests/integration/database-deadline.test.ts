/**
 * A database that stops answering, or dies, costs a request seconds, not minutes. The app is pointed at a
 * Neo4j engine of this file's own; the engine is frozen with SIGSTOP (its sockets stay open, as with a long
 * GC pause or a hung host, so no driver timeout fires), thawed, then killed. Health answers 503 with a
 * message within the deadline each time, and 200 again once the database is back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GET as healthRoute } from "@/app/api/health/route";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { startNeo4jLocal } from "@/scripts/lib/neo4j-local.mjs";

const DEADLINE_MS = 3_000;
/** Generous: the point is "seconds, not for as long as the database is stopped" on a loaded machine. */
const ANSWER_BOUND_MS = DEADLINE_MS + 4_000;

const savedEnvironment = { uri: process.env.NEO4J_URI, deadline: process.env.REDSTRING_DB_DEADLINE_MS };
let engine: Awaited<ReturnType<typeof startNeo4jLocal>>;
let dataDir = "";

async function health(): Promise<{ status: number; body: { error?: string }; ms: number }> {
  const started = Date.now();
  const response = await healthRoute();
  return { status: response.status, body: (await response.json()) as { error?: string }, ms: Date.now() - started };
}

async function pointAppAt(uri: string | undefined, deadline: string | undefined) {
  await closeDriver();
  if (uri === undefined) delete process.env.NEO4J_URI;
  else process.env.NEO4J_URI = uri;
  if (deadline === undefined) delete process.env.REDSTRING_DB_DEADLINE_MS;
  else process.env.REDSTRING_DB_DEADLINE_MS = deadline;
  forgetCachedConfig();
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "redstring-deadline-neo4j-"));
  engine = await startNeo4jLocal({ dataDir, heap: "512m", log: () => undefined });
  await pointAppAt(engine.uri, String(DEADLINE_MS));
  // The first request migrates and seeds the new database, which takes a while on a busy machine.
  expect((await health()).status).toBe(200);
}, 400_000);

afterAll(async () => {
  try {
    process.kill(engine.pid!, "SIGCONT");
  } catch {
    // already gone
  }
  await engine?.stop();
  await pointAppAt(savedEnvironment.uri, savedEnvironment.deadline);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a database that stops answering", () => {
  it("answers 503 with a message within the deadline while the database is frozen, and 200 once it is thawed", async () => {
    process.kill(engine.pid!, "SIGSTOP");
    try {
      for (let request = 0; request < 2; request += 1) {
        const answer = await health();
        expect(answer.status).toBe(503);
        // The watchdog's "did not answer", or the driver's own connection timeout if a new connection was
        // being opened: both are the same deadline (lib/db/driver.ts).
        expect(answer.body.error).toMatch(/did not answer within 3 s|not reachable/);
        expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
      }
    } finally {
      process.kill(engine.pid!, "SIGCONT");
    }
    await expect.poll(async () => (await health()).status, { timeout: 60_000, interval: 250 }).toBe(200);
  });

  it("answers 503 within the deadline once the database is dead", async () => {
    await engine.stop();
    const answer = await health();
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatch(/not reachable|did not answer/);
    expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
  });
});
