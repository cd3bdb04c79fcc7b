/**
 * Snapshots through their route handlers against the real database: frozen copies that later edits do
 * not reach, compare with live, revocation (410 for the data and the image), and the ids people mistype.
 */
import { NextRequest } from "next/server";
import { GET as compareRoute } from "@/app/api/snapshots/[id]/compare/route";
import { GET as imageRoute } from "@/app/api/snapshots/[id]/image.png/route";
import { POST as revokeRoute } from "@/app/api/snapshots/[id]/revoke/route";
import { GET as snapshotRoute } from "@/app/api/snapshots/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/snapshots/route";
import { closeDriver } from "@/lib/db/driver";
import { toPlain } from "@/lib/db/values";
import { createSnapshotSchema, type CreatedSnapshot, type Snapshot, type SnapshotComparison, type SnapshotSummary } from "@/lib/snapshots/model";
import { createSnapshot, readStoredSnapshot, snapshotStateOf } from "@/lib/snapshots/store";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, testDriver, uniquePrefix } from "../support/neo4j";
import { countQueries, timesRun } from "../support/query-stats";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("snap");
/** A link's state as the proxy decides it (410 when revoked), from the stored record. */
const snapshotState = async (id: string) => snapshotStateOf(await readStoredSnapshot(id));
const company = `${prefix}company`;
const agency = `${prefix}agency`;
const region = `${prefix}region`;
const report = `${prefix}report`;
const created: string[] = [];
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("snap");
  await cypher(
    `CREATE (r:Entity:Report {id: $report, name: 'Snapshot test report', publisher: 'Test Times', url: 'https://example.org/r'})
     CREATE (c:Entity:Company {id: $company, name: 'Snapshot Test Co', description: 'as first written'})
     CREATE (a:Entity:Agency {id: $agency, name: 'Snapshot Test Agency'})
     CREATE (g:Entity:Region {id: $region, name: 'Snapshot Test Region'})
     CREATE (c)-[:SUPPLIED {id: $prefix + 'supplied', sources: [$report], quote: 'It supplied them.'}]->(a)
     CREATE (c)-[:LOCATED_IN {id: $prefix + 'located', sources: [$report]}]->(g)`,
    { prefix, report, company, agency, region },
  );
});

afterAll(async () => {
  await removeTestUsers(users.prefix);
  await cypher("MATCH (s:Snapshot) WHERE s.id IN $ids DETACH DELETE s", { ids: created });
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

const url = (path: string) => new URL(path, "http://127.0.0.1");
// Writes act as an editor (who may share); revoking with a key needs no role at all.
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new NextRequest(url(path), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: users.editor.cookie, ...SAME_ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function call<T>(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

const view = {
  title: "Who supplied whom",
  note: "Shared for the story",
  nodes: [
    { id: company, x: 10, y: 20 },
    { id: agency, x: 200.5, y: -40 },
    { id: region, x: -150, y: 90 },
  ],
  viewport: { x1: -300, y1: -200, x2: 300, y2: 200 },
};

async function share(body: Record<string, unknown> = view): Promise<CreatedSnapshot> {
  const { status, body: answer } = await call<CreatedSnapshot>(createRoute(post("/api/snapshots", body)));
  expect(status, answer.error).toBe(201);
  created.push(answer.snapshot.id);
  return answer;
}

describe("sharing a view", () => {
  it("freezes the entities' data, sources and positions under a 128-bit id", async () => {
    const made = await share();
    expect(made.snapshot.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(made.path).toBe(`/s/${made.snapshot.id}`);
    expect(made.snapshot).toMatchObject({ title: "Who supplied whom", nodeCount: 3, edgeCount: 2, revokedAt: null, origin: { kind: "explorer" } });

    const { status, body } = await call<Snapshot>(snapshotRoute(new NextRequest(url("/")), withId(made.snapshot.id)));
    expect(status).toBe(200);
    const agencyNode = body.graph.nodes.find((node) => node.id === agency);
    expect(agencyNode?.position).toEqual({ x: 200.5, y: -40 });
    const supplied = body.graph.edges.find((edge) => edge.id === `${prefix}supplied`);
    expect(supplied?.sources).toEqual([expect.objectContaining({ id: report, name: "Snapshot test report", publisher: "Test Times" })]);
    expect(supplied?.quote).toBe("It supplied them.");
    expect(body.viewport).toEqual(view.viewport);
  });

  it("keeps only the relationships that were drawn when the view says which", async () => {
    const made = await share({ ...view, edges: [`${prefix}supplied`] });
    const { body } = await call<Snapshot>(snapshotRoute(new NextRequest(url("/")), withId(made.snapshot.id)));
    expect(body.graph.edges.map((edge) => edge.id)).toEqual([`${prefix}supplied`]);
  });

  it("is not changed by later edits, and compare-with-live names each change", async () => {
    const made = await share();
    const id = made.snapshot.id;
    await cypher("MATCH (c:Entity {id: $company}) SET c.description = 'corrected later', c.updatedAt = datetime()", { company });
    await cypher("MATCH (:Entity {id: $company})-[r:LOCATED_IN]->() SET r.quote = 'A new quote'", { company });
    await cypher(
      "MATCH (a:Entity {id: $agency}), (g:Entity {id: $region}) CREATE (a)-[:LOCATED_IN {id: $prefix + 'new', sources: [$report]}]->(g)",
      { agency, region, prefix, report },
    );

    const { body: frozen } = await call<Snapshot>(snapshotRoute(new NextRequest(url("/")), withId(id)));
    expect(frozen.graph.nodes.find((node) => node.id === company)?.properties.description).toBe("as first written");

    const { status, body: comparison } = await call<SnapshotComparison>(compareRoute(new NextRequest(url("/"), { headers: { cookie: users.viewer.cookie } }), withId(id)));
    expect(status).toBe(200);
    expect(comparison.nodes.changed).toEqual([
      { id: company, name: "Snapshot Test Co", changes: [{ field: "description", before: "as first written", after: "corrected later" }] },
    ]);
    expect(comparison.edges.changed).toEqual([{ id: `${prefix}located`, changes: [{ field: "quote", before: null, after: "A new quote" }] }]);
    expect(comparison.edges.added.map((edge) => edge.id)).toEqual([`${prefix}new`]);
    expect(comparison.nodes.removed).toEqual([]);

    await cypher("MATCH (g:Entity {id: $region}) DETACH DELETE g", { region });
    const { body: afterDelete } = await call<SnapshotComparison>(compareRoute(new NextRequest(url("/"), { headers: { cookie: users.viewer.cookie } }), withId(id)));
    expect(afterDelete.nodes.removed).toEqual([region]);
    expect(afterDelete.edges.removed).toEqual([`${prefix}located`]);
    await cypher("CREATE (:Entity:Region {id: $region, name: 'Snapshot Test Region'})", { region });
  });

  it("records the view's filters, date range and layout, and where it came from", async () => {
    const origin = { kind: "query", queryId: "starter-shortest-paths", version: 1, title: "Shortest paths", values: { source: company } };
    const made = await share({ ...view, origin, style: { hiddenTypes: ["Region"], from: "2018-01-01", layout: "time", edgeWidth: "amount" } });
    const { body } = await call<Snapshot>(snapshotRoute(new NextRequest(url("/")), withId(made.snapshot.id)));
    expect(body.style).toEqual({ hiddenTypes: ["Region"], hiddenRelationships: [], from: "2018-01-01", to: null, layout: "time", edgeWidth: "amount" });
    expect(body.origin).toEqual(origin);
  });

  it("draws a link-preview PNG", async () => {
    const made = await share();
    const answer = await imageRoute(new NextRequest(url("/")), withId(made.snapshot.id));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  it("lists the snapshots with their state", async () => {
    const made = await share();
    const { body } = await call<{ snapshots: SnapshotSummary[] }>(listRoute(new NextRequest(url("/api/snapshots"), { headers: { cookie: users.viewer.cookie } })));
    expect(body.snapshots.find((item) => item.id === made.snapshot.id)).toMatchObject({ title: "Who supplied whom", revokedAt: null });
  });
});

describe("revoking", () => {
  it("needs the link's own key, then answers 410 for the data, the comparison and the image", async () => {
    const made = await share();
    const id = made.snapshot.id;
    const wrong = await call(revokeRoute(post(`/api/snapshots/${id}/revoke`, { revokeKey: "not-the-key" }), withId(id)));
    expect(wrong.status).toBe(403);
    expect(await snapshotState(id)).toBe("active");

    const right = await call<SnapshotSummary>(revokeRoute(post(`/api/snapshots/${id}/revoke`, { revokeKey: made.revokeKey }), withId(id)));
    expect(right.status).toBe(200);
    expect(right.body.revokedAt).not.toBeNull();
    expect(await snapshotState(id)).toBe("revoked");

    const data = await call(snapshotRoute(new NextRequest(url("/")), withId(id)));
    expect(data.status).toBe(410);
    expect(JSON.stringify(data.body)).not.toContain("Snapshot Test Co");
    expect((await compareRoute(new NextRequest(url("/"), { headers: { cookie: users.viewer.cookie } }), withId(id))).status).toBe(410);
    expect((await imageRoute(new NextRequest(url("/")), withId(id))).status).toBe(410);

    const again = await call(revokeRoute(post(`/api/snapshots/${id}/revoke`, { revokeKey: made.revokeKey }), withId(id)));
    expect(again.status).toBe(200);
  });

  it("revokes with one statement that returns the summary; a refused key rolls that statement back", async () => {
    const made = await share();
    const id = made.snapshot.id;
    const revoke = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      call<SnapshotSummary>(revokeRoute(post(`/api/snapshots/${id}/revoke`, body, headers), withId(id)));
    const touchingSnapshots = (counts: Map<string, number>) =>
      [...counts.entries()].filter(([query]) => query.includes(":Snapshot")).reduce((sum, [, count]) => sum + count, 0);

    const counter = await countQueries(async (query) => cypher(query));
    try {
      expect((await revoke({ revokeKey: "not-the-key" })).status).toBe(403);
      // The key is checked before the commit: the one statement ran, and its change was rolled back.
      expect(touchingSnapshots(await counter.counts())).toBe(1);
      expect(await snapshotState(id)).toBe("active");
    } finally {
      await counter.stop();
    }
    // Without a key only an admin revokes: 401 signed out, 403 for the team's other roles.
    expect((await revoke({}, { cookie: "" })).status).toBe(401);
    expect((await revoke({})).status).toBe(403);
    expect(await snapshotState(id)).toBe("active");

    const again = await countQueries(async (query) => cypher(query));
    let right: Awaited<ReturnType<typeof revoke>>;
    try {
      right = await revoke({ revokeKey: made.revokeKey });
      // Not read before, not read back after: one statement revoked it and returned what it stored.
      expect(touchingSnapshots(await again.counts())).toBe(1);
    } finally {
      await again.stop();
    }
    expect(right.status).toBe(200);
    const [row] = await cypher("MATCH (s:Snapshot {id: $id}) RETURN s.revokedAt AS revokedAt", { id });
    expect(right.body).toMatchObject({ id, title: view.title, revokedAt: toPlain(row?.revokedAt) });
    // The editor who sent the key is on the team: the private note is in the answer.
    expect(right.body.note).toBe(view.note);
  });

  it("lets an admin revoke without the key, and answers 404 for an id no snapshot has", async () => {
    const made = await share();
    const id = made.snapshot.id;
    const byAdmin = await call<SnapshotSummary>(revokeRoute(post(`/api/snapshots/${id}/revoke`, {}, { cookie: users.admin.cookie }), withId(id)));
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.revokedAt).not.toBeNull();
    expect(await snapshotState(id)).toBe("revoked");
    const unknown = "AAAAAAAAAAAAAAAAAAAAAA";
    expect((await call(revokeRoute(post(`/api/snapshots/${unknown}/revoke`, {}, { cookie: users.admin.cookie }), withId(unknown)))).status).toBe(404);
    expect((await call(revokeRoute(post(`/api/snapshots/${unknown}/revoke`, { revokeKey: "any" }), withId(unknown)))).status).toBe(404);
  });
});

describe("mistakes", () => {
  it.each([
    ["an unknown id", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed id", "not-a-snapshot"],
    ["markup", "<script>alert(1)</script>"],
  ])("answers 404, not 500, for %s", async (_label, id) => {
    expect((await snapshotRoute(new NextRequest(url("/")), withId(id))).status).toBe(404);
    expect((await imageRoute(new NextRequest(url("/")), withId(id))).status).toBe(404);
    expect((await compareRoute(new NextRequest(url("/"), { headers: { cookie: users.viewer.cookie } }), withId(id))).status).toBe(404);
  });

  it.each([
    ["no title", { ...view, title: "" }, "title"],
    ["nothing on screen", { ...view, nodes: [] }, "nothing on screen"],
    ["a bad position", { ...view, nodes: [{ id: company, x: "left", y: 0 }] }, "nodes"],
    ["an unknown field", { ...view, graph: {} }, "graph"],
  ])("answers 400 for %s", async (_label, body, message) => {
    const { status, body: answer } = await call(createRoute(post("/api/snapshots", body)));
    expect(status).toBe(400);
    expect(answer.error).toContain(message);
  });

  it("refuses to share entities that no longer exist (409), and another site's page (403)", async () => {
    const gone = await call(createRoute(post("/api/snapshots", { ...view, nodes: [...view.nodes, { id: `${prefix}ghost`, x: 0, y: 0 }] })));
    expect(gone.status).toBe(409);
    expect(gone.body.error).toContain(`${prefix}ghost`);
    const foreign = await call(createRoute(post("/api/snapshots", view, { origin: "https://evil.example", host: "127.0.0.1" })));
    expect(foreign.status).toBe(403);
  });
});

describe("making a snapshot", () => {
  it("reads the entities in the same transaction that stores the copy, and returns what it stored", async () => {
    // An entity created in a transaction is invisible to every other transaction until it commits: a
    // snapshot made in that transaction can copy it only if its read runs in that same transaction.
    const fresh = `${prefix}uncommitted`;
    const input = createSnapshotSchema.parse({ ...view, nodes: [{ id: fresh, x: 1, y: 2 }, ...view.nodes.slice(0, 1)] });
    const session = testDriver().session({ database: process.env.NEO4J_DATABASE });
    try {
      const made = await session.executeWrite(async (tx) => {
        await tx.run("CREATE (:Entity:Company {id: $fresh, name: 'Made in this transaction', aliases: []})", { fresh });
        return createSnapshot(users.editor.actor, input, tx);
      });
      created.push(made.snapshot.id);
      expect(made.snapshot).toMatchObject({ title: view.title, nodeCount: 2, revokedAt: null });
      const [stored] = await cypher("MATCH (s:Snapshot {id: $id}) RETURN s.graphJson AS graph", { id: made.snapshot.id });
      expect(JSON.parse(String(stored?.graph)).nodes.map((node: { id: string }) => node.id).sort()).toEqual([company, fresh].sort());
    } finally {
      await session.close();
    }
  });

  it("runs the read of the entities and the write once each, and reads nothing back afterwards", async () => {
    const counter = await countQueries(async (query) => cypher(query));
    try {
      await share();
      const counts = await counter.counts();
      // Entities are read in batches (lib/explore/large-subgraph.ts): a view this small is one batch.
      expect(timesRun(counts, "UNWIND $part AS id MATCH (n:Entity {id: id})")).toBe(1);
      expect(timesRun(counts, "CREATE (s:Snapshot {id: $id})")).toBe(1);
      // Nothing else touches the Snapshot label: the answer came from inside the write.
      expect([...counts.keys()].filter((query) => query.includes(":Snapshot"))).toHaveLength(1);
    } finally {
      await counter.stop();
    }
  });
});
