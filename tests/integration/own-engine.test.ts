/**
 * A Neo4j engine of this file's own, for what needs a database no other test has touched:
 * - a server on a database nobody migrated answers a clear 503 that says to run `npm run migrate`;
 * - two `npm run migrate` at once both succeed and make one schema, one first admin, one starter library;
 * - `npm run seed` loads, through the import pipeline, exactly the entities and relationships of the story;
 * - a new instance is private until its first admin says otherwise on the setup page;
 * - a database that stops answering, or dies, costs a request seconds, not minutes. The engine is frozen
 *   with SIGSTOP (its sockets stay open, as with a long GC pause or a hung host, so no driver timeout
 *   fires), thawed, then killed. Health answers 503 with a message within the deadline each time, and 200
 *   again once the database is back.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { NextRequest } from "next/server";
import { seedEntities, seedRelationships } from "@/graph-seed/seed-story";
import { starterQueries } from "@/graph-seed/starter-queries";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as readyRoute } from "@/app/api/ready/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { forgetCachedConfig, getConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { formatSeconds } from "@/lib/db/errors";
import { mapToPlain } from "@/lib/db/values";
import { SCHEMA_MARKER_LABEL } from "@/lib/migrations";
import { entitySchemas, relationshipInputSchema } from "@/lib/model/registry";
import { forgetInstanceSettingsCache } from "@/lib/settings/instance";
import { ROOT, startNeo4jLocal } from "@/scripts/lib/neo4j-local.mjs";
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
/** This file's own look at its engine, independent of the code under test. */
let ownDriver: Driver;
const own = async (query: string, params: Record<string, unknown> = {}) => (await ownDriver.executeQuery(query, params)).records.map((record) => mapToPlain(record.toObject()));

/** A deploy step's command line (graph-seed/*-cli.ts, as `npm run migrate` / `npm run seed` run it) against this file's engine. */
function deployStep(script: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
  // A deploy step is not a request: it keeps the suite's own deadline, not the tight one this file sets.
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: engine.uri, REDSTRING_DB_DEADLINE_MS: savedEnvironment.deadline };
  if (env.REDSTRING_DB_DEADLINE_MS === undefined) delete env.REDSTRING_DB_DEADLINE_MS;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { cwd: ROOT, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

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
  ownDriver = neo4j.driver(engine.uri);
}, 400_000);

afterAll(async () => {
  await ownDriver?.close();
  try {
    process.kill(engine.pid!, "SIGCONT");
  } catch {
    // already gone
  }
  await engine?.stop();
  await pointAppAt(savedEnvironment.uri, savedEnvironment.deadline);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a database nobody migrated", () => {
  it("answers 503 on health, readiness and the data, saying to run npm run migrate", async () => {
    // A new engine on a busy machine may first miss the deadline (also a 503); then it says what is missing.
    await expect.poll(async () => (await health()).body.error, { timeout: 60_000, interval: 250 }).toMatch(/schema is not current/);
    for (const route of [healthRoute, readyRoute]) {
      const answer = await health(route);
      expect(answer.status).toBe(503);
      expect(answer.body.error).toMatch(/schema is not current.*run `npm run migrate`/);
    }
    const search = await searchRoute(new NextRequest(`${TEST_BASE}/api/search?q=thermo`));
    expect(search.status).toBe(503);
    expect(((await search.json()) as { error?: string }).error).toMatch(/npm run migrate/);
    // Nothing was prepared behind the deploy step's back: no schema, no data.
    expect(await own(`MATCH (n) RETURN count(n) AS nodes`)).toEqual([{ nodes: 0 }]);
  });

  it("is migrated by two npm run migrate at once: both succeed, one schema record, the starter library once", { timeout: 400_000 }, async () => {
    const [first, second] = await Promise.all([deployStep("graph-seed/migrate-cli.ts"), deployStep("graph-seed/migrate-cli.ts")]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(await own(`MATCH (v:${SCHEMA_MARKER_LABEL}) RETURN count(v) AS markers`)).toEqual([{ markers: 1 }]);
    const stored = await own("MATCH (q:SavedQuery) RETURN q.id AS id ORDER BY id");
    expect(stored).toEqual(starterQueries.map((query) => ({ id: query.id })).sort((a, b) => a.id.localeCompare(b.id)));
    // The server did not cache its refusal: the same process answers once the schema is current.
    expect((await health()).status).toBe(200);
    expect((await health(readyRoute)).status).toBe(200);
  });

  it("is seeded by npm run seed, through the import pipeline, with exactly the story's entities and relationships", { timeout: 400_000 }, async () => {
    const seeded = await deployStep("graph-seed/cli.ts", ["--if-empty"]);
    expect(seeded.code, seeded.output).toBe(0);
    expect(seeded.output).toContain(`created ${seedEntities.length} entities and ${seedRelationships.length} relationships`);

    const nodes = await own("MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS types, properties(n) AS properties");
    expect(nodes).toHaveLength(seedEntities.length);
    const byId = new Map(nodes.map((node) => [node.id as string, node]));
    for (const input of seedEntities) {
      const node = byId.get(input.id);
      expect(node?.types, input.id).toEqual([input.type]);
      // What the registry's schema makes of the input is what is stored, field by field (type is the label).
      const expected = Object.entries(entitySchemas[input.type].parse(input) as Record<string, unknown>).filter(([key, value]) => key !== "type" && value !== undefined);
      expect(node?.properties, input.id).toMatchObject(Object.fromEntries(expected));
    }

    const relationships = await own(
      "MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.sources AS sources, r.quote AS quote",
    );
    const expectedRelationships = seedRelationships.map((input) => {
      const parsed = relationshipInputSchema.parse(input);
      return { id: parsed.id, type: parsed.type, from: parsed.from, to: parsed.to, sources: parsed.sources, quote: parsed.quote ?? null };
    });
    const byRelationshipId = (a: { id?: unknown }, b: { id?: unknown }) => String(a.id).localeCompare(String(b.id));
    expect(relationships.sort(byRelationshipId)).toEqual(expectedRelationships.sort(byRelationshipId));

    // `npm start`'s seed step leaves a database holding entities alone.
    const again = await deployStep("graph-seed/cli.ts", ["--if-empty"]);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain("nothing to do (the database holds entities)");
  });
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
