/**
 * The saved-query library through its route handlers, against the real database: versions, conflicts,
 * duplicate, delete with undo, run links, the starter library, and the errors a person can provoke.
 */
import { NextRequest } from "next/server";
import { GET as getQueryRoute, PUT as putQueryRoute, DELETE as deleteQueryRoute } from "@/app/api/queries/[id]/route";
import { POST as duplicateRoute } from "@/app/api/queries/[id]/duplicate/route";
import { POST as undeleteRoute } from "@/app/api/queries/[id]/restore/route";
import { POST as runSavedRoute } from "@/app/api/queries/[id]/run/route";
import { GET as versionRoute } from "@/app/api/queries/[id]/versions/[version]/route";
import { POST as restoreVersionRoute } from "@/app/api/queries/[id]/versions/[version]/restore/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/queries/route";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { closeDriver } from "@/lib/db/driver";
import type { QueryRunResult } from "@/lib/queries/execute";
import type { SavedQuery, SavedQuerySummary } from "@/lib/queries/model";
import { starterQueries } from "@/graph-seed/starter-queries";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, graphCounts } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const created: string[] = [];
// Everything here acts as an analyst, who maintains the library; tests/integration/role-matrix.test.ts
// covers the other roles.
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("queries");
});

afterAll(async () => {
  await removeTestUsers(users.prefix);
  await cypher(
    "MATCH (q:SavedQuery) WHERE q.id IN $ids OPTIONAL MATCH (q)-[:HAS_VERSION]->(v) DETACH DELETE q, v",
    { ids: created },
  );
  await closeDriver();
  await closeTestDriver();
});

const url = (path: string) => new URL(path, "http://127.0.0.1");
const get = (path: string) => new NextRequest(url(path), { headers: { cookie: users.analyst.cookie } });
const send = (path: string, method: string, body?: unknown, headers: Record<string, string> = {}) =>
  new NextRequest(url(path), {
    method,
    headers: { "content-type": "application/json", cookie: users.analyst.cookie, ...(method === "GET" ? {} : SAME_ORIGIN), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

async function call<T = Record<string, unknown>>(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string; details?: unknown } };
}

const eventsQuery = {
  title: "Events of an entity",
  description: "Events the entity took part in",
  cypher: "MATCH (e:Entity {id: $entity})--(event:Event) WHERE event.date >= $from RETURN event.name AS name, event ORDER BY event.date",
  parameters: [
    { name: "entity", type: "entity", required: true },
    { name: "from", type: "date", defaultValue: "2000-01-01", required: false },
  ],
  tags: ["Events", "test"],
};

async function createQuery(input: Record<string, unknown> = eventsQuery): Promise<SavedQuery> {
  const { status, body } = await call<SavedQuery>(createRoute(send("/api/queries", "POST", input)));
  expect(status, body.error).toBe(201);
  created.push(body.id);
  return body;
}

describe("saving queries", () => {
  it("stores a new query at version 1, listed in the library and found by tag", async () => {
    const query = await createQuery();
    expect(query).toMatchObject({ version: 1, title: "Events of an entity", tags: ["events", "test"], deletedAt: null });
    expect(query.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(query.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(query.updatedAt).toBe(query.createdAt);
    expect(query.versions).toHaveLength(1);

    const byTag = await call<{ queries: SavedQuerySummary[] }>(listRoute(get("/api/queries?q=EVENTS")));
    expect(byTag.body.queries.map((item) => item.id)).toContain(query.id);
    const unrelated = await call<{ queries: SavedQuerySummary[] }>(listRoute(get("/api/queries?q=zzz-nothing-matches")));
    expect(unrelated.body.queries).toEqual([]);
  });

  it("keeps every version: edits add one, old ones stay readable, restore saves an old one again", async () => {
    const query = await createQuery();
    const edited = await call<SavedQuery>(
      putQueryRoute(send(`/api/queries/${query.id}`, "PUT", { ...eventsQuery, title: "Renamed", baseVersion: 1 }), params({ id: query.id })),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: "Renamed" });
    expect(edited.body.versions.map((version) => version.version)).toEqual([2, 1]);
    expect(Date.parse(edited.body.updatedAt)).toBeGreaterThan(Date.parse(query.createdAt));
    expect(edited.body.versions[0]?.createdAt).toBe(edited.body.updatedAt);

    const first = await call(versionRoute(get(`/api/queries/${query.id}/versions/1`), params({ id: query.id, version: "1" })));
    expect(first.body).toMatchObject({ version: 1, title: "Events of an entity", cypher: eventsQuery.cypher });

    const restored = await call<SavedQuery>(
      restoreVersionRoute(send(`/api/queries/${query.id}/versions/1/restore`, "POST", { baseVersion: 2 }), params({ id: query.id, version: "1" })),
    );
    expect(restored.body).toMatchObject({ version: 3, title: "Events of an entity" });
    expect(restored.body.versions[0]).toMatchObject({ version: 3, note: "restored version 1" });
  });

  it("refuses a save based on an outdated version with 409, and loses nothing", async () => {
    const query = await createQuery();
    await call(putQueryRoute(send(`/api/queries/${query.id}`, "PUT", { ...eventsQuery, title: "First edit", baseVersion: 1 }), params({ id: query.id })));
    const stale = await call(putQueryRoute(send(`/api/queries/${query.id}`, "PUT", { ...eventsQuery, title: "Second edit", baseVersion: 1 }), params({ id: query.id })));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toContain("version 2");
    const now = await call<SavedQuery>(getQueryRoute(get(`/api/queries/${query.id}`), params({ id: query.id })));
    expect(now.body).toMatchObject({ version: 2, title: "First edit" });
  });

  it("duplicates a query as a new one, and deletes into a bin that undo empties again", async () => {
    const query = await createQuery();
    const copy = await call<SavedQuery>(duplicateRoute(send(`/api/queries/${query.id}/duplicate`, "POST"), params({ id: query.id })));
    expect(copy.status).toBe(201);
    created.push(copy.body.id);
    expect(copy.body).toMatchObject({ title: "Copy of Events of an entity", version: 1, cypher: eventsQuery.cypher });
    expect(copy.body.id).not.toBe(query.id);

    const deleted = await call<SavedQuery>(deleteQueryRoute(send(`/api/queries/${query.id}`, "DELETE"), params({ id: query.id })));
    expect(deleted.body.deletedAt).not.toBeNull();
    const library = await call<{ queries: SavedQuerySummary[] }>(listRoute(get("/api/queries")));
    expect(library.body.queries.map((item) => item.id)).not.toContain(query.id);
    const bin = await call<{ queries: SavedQuerySummary[] }>(listRoute(get("/api/queries?bin=true")));
    expect(bin.body.queries.map((item) => item.id)).toContain(query.id);
    const blocked = await call(putQueryRoute(send(`/api/queries/${query.id}`, "PUT", { ...eventsQuery, baseVersion: 1 }), params({ id: query.id })));
    expect(blocked.status).toBe(409);

    const undone = await call<SavedQuery>(undeleteRoute(send(`/api/queries/${query.id}/restore`, "POST"), params({ id: query.id })));
    expect(undone.body.deletedAt).toBeNull();
    const again = await call<{ queries: SavedQuerySummary[] }>(listRoute(get("/api/queries")));
    expect(again.body.queries.map((item) => item.id)).toContain(query.id);
  });

  it("refuses to save a query that writes (422) or does not parse (400 with the position), storing nothing", async () => {
    const before = await cypher("MATCH (q:SavedQuery) RETURN count(q) AS count");
    const writing = await call(createRoute(send("/api/queries", "POST", { ...eventsQuery, cypher: "MATCH (n:Entity) SET n.name = 'x'" })));
    expect(writing.status).toBe(422);
    expect(writing.body.error).toMatch(/only read/i);
    const broken = await call(createRoute(send("/api/queries", "POST", { ...eventsQuery, cypher: "MATCH (n:Entity RETURN n" })));
    expect(broken.status).toBe(400);
    expect(broken.body.details).toMatchObject({ line: 1 });
    const after = await cypher("MATCH (q:SavedQuery) RETURN count(q) AS count");
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
  });

  it.each([
    ["a body that is not JSON", "{nope", "not valid JSON"],
    ["no title", { cypher: "RETURN 1" }, "title"],
    ["an unknown field", { ...eventsQuery, owner: "me" }, "owner"],
    ["a reserved parameter name", { ...eventsQuery, parameters: [{ name: "version", type: "integer", required: false }] }, "version"],
  ])("answers 400 with a message for %s", async (_label, body, message) => {
    const answer = await call(createRoute(send("/api/queries", "POST", body)));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(message);
  });

  it("refuses a write sent from another site's page (403)", async () => {
    const answer = await call(createRoute(send("/api/queries", "POST", eventsQuery, { origin: "https://evil.example", host: "127.0.0.1" })));
    expect(answer.status).toBe(403);
  });

  it("answers 404 for an unknown query or version and 400 for a malformed id", async () => {
    expect((await call(getQueryRoute(get("/api/queries/no-such-query-here"), params({ id: "no-such-query-here" })))).status).toBe(404);
    const query = await createQuery();
    expect((await call(versionRoute(get("/"), params({ id: query.id, version: "9" })))).status).toBe(404);
    expect((await call(versionRoute(get("/"), params({ id: query.id, version: "x" })))).status).toBe(400);
    expect((await call(getQueryRoute(get("/"), params({ id: "<script>" })))).status).toBe(400);
  });
});

describe("running saved queries", () => {
  it("runs the latest or a named version with the given values, and reports bad values per field", async () => {
    const query = await createQuery();
    await call(
      putQueryRoute(
        send(`/api/queries/${query.id}`, "PUT", { ...eventsQuery, cypher: `${eventsQuery.cypher} LIMIT 1`, baseVersion: 1 }),
        params({ id: query.id }),
      ),
    );
    const run = (body: unknown) =>
      call<{ query: { version: number }; result: QueryRunResult }>(runSavedRoute(send(`/api/queries/${query.id}/run`, "POST", body), params({ id: query.id })));

    const latest = await run({ values: { entity: "company-thermo-fisher" } });
    expect(latest.status).toBe(200);
    expect(latest.body.query.version).toBe(2);
    expect(latest.body.result.rowCount).toBe(1);

    const first = await run({ version: 1, values: { entity: "company-thermo-fisher" } });
    expect(first.body.query.version).toBe(1);
    expect(first.body.result.rowCount).toBeGreaterThan(1);

    const later = await run({ version: 1, values: { entity: "company-thermo-fisher", from: "2019-01-01" } });
    expect(later.body.result.rowCount).toBeLessThan(first.body.result.rowCount);

    const bad = await run({ values: { from: "2019-02-30" } });
    expect(bad.status).toBe(400);
    const problems = bad.body.details as { name: string; message: string }[];
    expect(problems.map((problem) => problem.name).sort()).toEqual(["entity", "from"]);

    const unknown = await run({ values: { entity: "company-does-not-exist" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain("company-does-not-exist");

    expect((await run({ version: 7, values: {} })).status).toBe(404);
  });

  it("runs an unsaved draft with the same checks", async () => {
    const counts = await graphCounts();
    const ok = await call<{ result: QueryRunResult }>(
      runDraftRoute(send("/api/run-query", "POST", { cypher: "MATCH (n:Legislator) RETURN n.name AS name ORDER BY name", parameters: [], values: {} })),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.result.rows.map((row) => row[0])).toContain("Marco Rubio");
    const refused = await call(runDraftRoute(send("/api/run-query", "POST", { cypher: "MATCH (n) DETACH DELETE n" })));
    expect(refused.status).toBe(422);
    expect(await graphCounts()).toEqual(counts);
  });
});

describe("the starter library", () => {
  const sampleValues: Record<string, Record<string, string>> = {
    "starter-within-hops": { entity: "company-thermo-fisher", hops: "1" },
    "starter-events-between": { entity: "company-thermo-fisher", from: "2017-01-01", to: "2019-12-31" },
    "starter-shortest-paths": { source: "company-thermo-fisher", target: "legislator-marco-rubio" },
    "starter-reports-behind-links": { entity: "company-thermo-fisher" },
    "starter-actors-on-company": { company: "company-thermo-fisher" },
    "starter-entities-of-type": {},
  };

  it("is loaded with the seed, and every starter query answers on the seed graph", async () => {
    expect(starterQueries.length).toBeGreaterThanOrEqual(5);
    for (const starter of starterQueries) {
      const values = sampleValues[starter.id];
      expect(values, `sample values for ${starter.id}`).toBeDefined();
      const { status, body } = await call<{ result: QueryRunResult }>(
        runSavedRoute(send(`/api/queries/${starter.id}/run`, "POST", { values }), params({ id: starter.id })),
      );
      expect(status, `${starter.id}: ${body.error}`).toBe(200);
      expect(body.result.rowCount, starter.id).toBeGreaterThan(0);
    }
  });

  it("answers the journalists' questions: Rubio is on a path to Thermo Fisher and acted on it", async () => {
    const paths = await call<{ result: QueryRunResult }>(
      runSavedRoute(
        send("/api/queries/starter-shortest-paths/run", "POST", { values: { source: "company-thermo-fisher", target: "legislator-marco-rubio" } }),
        params({ id: "starter-shortest-paths" }),
      ),
    );
    const ids = paths.body.result.graph.nodes.map((node) => node.id);
    expect(ids).toEqual(expect.arrayContaining(["company-thermo-fisher", "legislator-marco-rubio"]));
    expect(paths.body.result.graph.edges.length).toBeGreaterThan(0);

    const actors = await call<{ result: QueryRunResult }>(
      runSavedRoute(send("/api/queries/starter-actors-on-company/run", "POST", { values: { company: "company-thermo-fisher" } }), params({ id: "starter-actors-on-company" })),
    );
    expect(actors.body.result.rows.map((row) => row[0])).toContain("Marco Rubio");
  });
});
