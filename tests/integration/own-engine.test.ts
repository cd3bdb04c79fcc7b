/**
 * A Neo4j engine of this file's own, for what needs a database no other test has touched:
 * - a new instance is private until its first admin says otherwise on the setup page;
 * - a database that stops answering, or dies, costs a request seconds, not minutes. The engine is frozen
 *   with SIGSTOP (its sockets stay open, as with a long GC pause or a hung host, so no driver timeout
 *   fires), thawed, then killed. Health answers 503 with a message within the deadline each time, and 200
 *   again once the database is back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as readyRoute } from "@/app/api/ready/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { forgetCachedConfig, getConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { formatSeconds } from "@/lib/db/errors";
import { forgetInstanceSettingsCache } from "@/lib/settings/instance";
import { startNeo4jLocal } from "@/scripts/lib/neo4j-local.mjs";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

/** What this file sets REDSTRING_DB_DEADLINE_MS to; the assertions read the deadline back from getConfig(). */
const DEADLINE_SETTING = "3000";
/**
 * The deadline in force, plus a margin: the point is "seconds, not for as long as the database is
 * stopped" on a loaded machine. This is the one kind of time bound a functional test may hold: that the
 * configured deadline, not the database, ended the wait.
 */
const deadlineInForce = () => getConfig().databaseDeadlineMs;
const answerBoundMs = () => deadlineInForce() + 4_000;

const savedEnvironment = { uri: process.env.NEO4J_URI, deadline: process.env.REDSTRING_DB_DEADLINE_MS };
let engine: Awaited<ReturnType<typeof startNeo4jLocal>>;
let dataDir = "";

async function health(route: () => Promise<Response> = healthRoute): Promise<{ status: number; body: { error?: string }; ms: number }> {
  const started = Date.now();
  const response = await route();
  return { status: response.status, body: (await response.json()) as { error?: string }, ms: Date.now() - started };
}

async function pointAppAt(uri: string | undefined, deadline: string | undefined) {
  await closeDriver();
  if (uri === undefined) delete process.env.NEO4J_URI;
  else process.env.NEO4J_URI = uri;
  if (deadline === undefined) delete process.env.REDSTRING_DB_DEADLINE_MS;
  else process.env.REDSTRING_DB_DEADLINE_MS = deadline;
  forgetCachedConfig();
  forgetInstanceSettingsCache();
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "redstring-deadline-neo4j-"));
  engine = await startNeo4jLocal({ dataDir, heap: "512m", log: () => undefined });
  await pointAppAt(engine.uri, DEADLINE_SETTING);
  expect(deadlineInForce()).toBe(Number(DEADLINE_SETTING));
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

describe("a new instance", () => {
  const signedOutSearch = () => searchRoute(new NextRequest(`${TEST_BASE}/api/search?q=thermo`));

  it("shows nothing of the graph to signed-out visitors, and health says nothing about the data", async () => {
    expect(process.env.REDSTRING_PUBLIC_READ).toBeUndefined();
    expect((await signedOutSearch()).status).toBe(401);
    const response = await healthRoute();
    expect(Object.keys((await response.json()) as object).sort()).toEqual(["database", "status"]);
  });

  it("lets signed-out visitors read once the first admin ticks the box on the setup page", async () => {
    const response = await setupRoute(
      new NextRequest(`${TEST_BASE}/api/auth/setup`, {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ email: "first-admin@example.test", name: "First admin", password: "a long enough password", publicRead: true }),
      }),
    );
    expect(response.status, await response.clone().text()).toBe(201);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("redstring_session="))).toBe(true);
    expect((await signedOutSearch()).status).toBe(200);
  });
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
        const saysDeadline = answer.body.error?.includes(`did not answer within ${formatSeconds(deadlineInForce())}`);
        expect(saysDeadline || /not reachable/.test(answer.body.error ?? ""), answer.body.error).toBe(true);
        expect(answer.ms).toBeLessThan(answerBoundMs());
      }
      // Readiness says the same, as fast: a balancer takes this replica out while its database is frozen.
      const readiness = await health(readyRoute);
      expect(readiness.status).toBe(503);
      const readinessSaysDeadline = readiness.body.error?.includes(`did not answer within ${formatSeconds(deadlineInForce())}`);
      expect(readinessSaysDeadline || /not reachable/.test(readiness.body.error ?? ""), readiness.body.error).toBe(true);
      expect(readiness.ms).toBeLessThan(answerBoundMs());
    } finally {
      process.kill(engine.pid!, "SIGCONT");
    }
    await expect.poll(async () => (await health()).status, { timeout: 60_000, interval: 250 }).toBe(200);
    expect((await health(readyRoute)).status).toBe(200);
  });

  it("answers 503 within the deadline once the database is dead", async () => {
    await engine.stop();
    const answer = await health();
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatch(/not reachable|did not answer/);
    expect(answer.ms).toBeLessThan(answerBoundMs());
  });
});
