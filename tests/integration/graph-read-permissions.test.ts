/**
 * "graph:read" is checked by the graph reads themselves (lib/search.ts, lib/entities.ts, lib/paths.ts,
 * lib/claims.ts, lib/neighbour-summary.ts, lib/export/whole-graph.ts), against the real database: the
 * functions refuse a signed-out actor the instance does not let read and answer a viewer, and the route
 * handlers that the role matrix does not list (entity, neighbours, claims, neighbour summary, paths) pass
 * the request's actor down: 401 with the same message while signed-out reading is off (a new instance),
 * 200 once the admins' setting turns it on, and REDSTRING_PUBLIC_READ overrides the setting either way.
 * Creating a snapshot, which copies entity data through getSubgraph with its creator's actor, still works.
 */
import { NextRequest } from "next/server";
import { GET as claimsRoute } from "@/app/api/entities/[id]/claims/route";
import { GET as summaryRoute } from "@/app/api/entities/[id]/neighbour-summary/route";
import { GET as neighboursRoute } from "@/app/api/entities/[id]/neighbours/route";
import { GET as entityRoute } from "@/app/api/entities/[id]/route";
import { GET as exportRoute } from "@/app/api/export/route";
import { GET as pathsRoute } from "@/app/api/paths/route";
import { GET as schemaRoute } from "@/app/api/schema/route";
import { UnauthorizedError } from "@/lib/auth/permissions";
import { SIGNED_OUT } from "@/lib/auth/roles";
import { getClaims } from "@/lib/explore/claims";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { getEntity, getNeighbours, getSubgraph } from "@/lib/explore/entities";
import { getNeighbourSummary } from "@/lib/explore/neighbour-summary";
import { findPaths } from "@/lib/explore/paths";
import { readGraphSchema } from "@/lib/schema/read";
import { searchEntities } from "@/lib/explore/search";
import { createSnapshotSchema } from "@/lib/snapshots/model";
import { createSnapshot, getSnapshot } from "@/lib/snapshots/store";
import { SEED_ARTICLE_ID } from "@/graph-seed/seed-story";
import { createTestUsers, removeTestUsers, TEST_VIEWER, type TestUsers } from "../support/auth";
import { publicReadOff, publicReadOn } from "../support/instance-settings";
import { closeTestDriver, cypher } from "../support/neo4j";

const THERMO = "company-thermo-fisher";
const RUBIO = "legislator-marco-rubio";
const title = `graph-read-permissions ${Date.now()}`;

let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("reads");
});

afterEach(async () => {
  delete process.env.REDSTRING_PUBLIC_READ;
  forgetCachedConfig();
  await publicReadOff();
});

afterAll(async () => {
  await cypher("MATCH (s:Snapshot) WHERE s.title = $title DETACH DELETE s", { title });
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

function environmentSays(value: "true" | "false") {
  process.env.REDSTRING_PUBLIC_READ = value;
  forgetCachedConfig();
}

/** A signed-out actor as lib/auth/session.ts makes it while the instance lets signed-out visitors read. */
const SIGNED_OUT_READER = { user: null, publicRead: true };

/** Each read, and the seed id its answer must name (the entity asked about, or the report whose claims these are). */
const reads: [string, (actor: typeof SIGNED_OUT) => Promise<unknown>, string][] = [
  ["searchEntities", (actor) => searchEntities(actor, "thermo", { limit: 5 }), THERMO],
  ["getEntity", (actor) => getEntity(actor, THERMO), THERMO],
  ["getNeighbours", (actor) => getNeighbours(actor, THERMO, { limit: 10, offset: 0 }), THERMO],
  ["getSubgraph", (actor) => getSubgraph(actor, [THERMO]), THERMO],
  ["findPaths", (actor) => findPaths(actor, THERMO, RUBIO, { k: 1, maxLength: 6, avoid: [] }), THERMO],
  ["getClaims", (actor) => getClaims(actor, SEED_ARTICLE_ID, { limit: 10, offset: 0 }), SEED_ARTICLE_ID],
  ["getNeighbourSummary", (actor) => getNeighbourSummary(actor, THERMO), THERMO],
  // The schema names no entity: its answer is about the types ("Company" is one).
  ["readGraphSchema", (actor) => readGraphSchema(actor), "Company"],
];

/** A real answer about `id`, not an empty or placeholder one (any resolved value would satisfy toBeDefined). */
const expectAnswerAbout = (answer: unknown, id: string) => expect(JSON.stringify(answer)).toContain(`"${id}"`);

describe("the data-access functions", () => {
  it.each(reads)("%s: refuses a signed-out actor the instance does not let read, answers a viewer", async (_name, call, about) => {
    await expect(call(SIGNED_OUT)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(call(SIGNED_OUT)).rejects.toThrow("Sign in to read the graph.");
    const asTestViewer = await call(TEST_VIEWER);
    expectAnswerAbout(asTestViewer, about);
    // Reading does not depend on which viewer asks: a stored account gets the same answer.
    expect(await call(users.viewer.actor)).toEqual(asTestViewer);
  });

  it.each(reads)("%s: answers a signed-out actor whom the instance lets read", async (_name, call, about) => {
    const answer = await call(SIGNED_OUT_READER);
    expectAnswerAbout(answer, about);
    expect(answer).toEqual(await call(TEST_VIEWER));
  });
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const request = (path: string, cookie?: string) => new NextRequest(new URL(path, "http://127.0.0.1"), { headers: cookie ? { cookie } : {} });

const routes: [string, (cookie?: string) => Promise<Response>][] = [
  ["GET /api/entities/{id}", (cookie) => entityRoute(request(`/api/entities/${THERMO}`, cookie), params(THERMO))],
  ["GET /api/entities/{id}/neighbours", (cookie) => neighboursRoute(request(`/api/entities/${THERMO}/neighbours`, cookie), params(THERMO))],
  ["GET /api/entities/{id}/claims", (cookie) => claimsRoute(request(`/api/entities/${SEED_ARTICLE_ID}/claims`, cookie), params(SEED_ARTICLE_ID))],
  ["GET /api/entities/{id}/neighbour-summary", (cookie) => summaryRoute(request(`/api/entities/${THERMO}/neighbour-summary`, cookie), params(THERMO))],
  ["GET /api/paths", (cookie) => pathsRoute(request(`/api/paths?from=${THERMO}&to=${RUBIO}`, cookie))],
  ["GET /api/export", (cookie) => exportRoute(request("/api/export?format=nodes.csv", cookie))],
  ["GET /api/schema", (cookie) => schemaRoute(request("/api/schema", cookie))],
];

describe("the route handlers pass the request's actor down", () => {
  it.each(routes)("%s: 401 signed out on a new instance (private by default), 200 for a viewer", async (_name, send) => {
    const refused = await send();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "Sign in to read the graph." });
    const answered = await send(users.viewer.cookie);
    expect(answered.status).toBe(200);
    await answered.text();
  });

  it.each(routes)("%s: 200 signed out once an admin turns signed-out reading on, 401 again once off", async (_name, send) => {
    await publicReadOn();
    const answered = await send();
    expect(answered.status).toBe(200);
    await answered.text();
    await publicReadOff();
    expect((await send()).status).toBe(401);
  });

  it("REDSTRING_PUBLIC_READ overrides the stored setting both ways", async () => {
    const [, send] = routes[0]!;
    environmentSays("true"); // the stored setting is off
    expect((await send()).status).toBe(200);
    delete process.env.REDSTRING_PUBLIC_READ; // the setting can only be changed while the environment does not decide
    forgetCachedConfig();
    await publicReadOn();
    environmentSays("false");
    expect((await send()).status).toBe(401);
  });
});

describe("internal callers", () => {
  it("creates a snapshot (which copies entity data with its creator's actor) when public reading is off", async () => {
    const view = createSnapshotSchema.parse({
      title,
      note: "",
      nodes: [{ id: THERMO, x: 0, y: 0 }],
      viewport: { x1: -100, y1: -100, x2: 100, y2: 100 },
    });
    const created = await createSnapshot(users.editor.actor, view);
    expect(created.snapshot.nodeCount).toBe(1);
    // And its permalink stays public: reading it never touches the live graph.
    expect((await getSnapshot(SIGNED_OUT, created.snapshot.id)).graph.nodes.map((node) => node.id)).toEqual([THERMO]);
  });
});
