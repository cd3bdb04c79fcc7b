/**
 * Workspaces through their route handlers against the real database: create, read, list, change from a
 * version (a stale one is a 409), delete; who may read and who may change; the limits; a workspace of
 * 20,000 entities with positions round trip; the graph of such a view (POST /api/graph) and a snapshot of it.
 */
import { NextRequest } from "next/server";
import { POST as graphRoute } from "@/app/api/graph/route";
import { POST as createSnapshotRoute } from "@/app/api/snapshots/route";
import { GET as snapshotRoute } from "@/app/api/snapshots/[id]/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/workspaces/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/workspaces/route";
import { MAX_LARGE_VIEW_IDS } from "@/lib/api-schemas";
import { closeDriver } from "@/lib/db/driver";
import type { Subgraph } from "@/lib/explore/entities";
import type { CreatedSnapshot, Snapshot } from "@/lib/snapshots/model";
import { MAX_WORKSPACE_NODES, type CreatedWorkspace, type Workspace, type WorkspaceSummary } from "@/lib/workspaces/model";
import { createTestUsers, removeTestUsers, type TestUser, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("ws");
let users: TestUsers;
const snapshots: string[] = [];

/** How many legislators and bills the big view holds: MAX_WORKSPACE_NODES in all, each bill sponsored by one. */
const PEOPLE = 2_000;
const BILLS = MAX_WORKSPACE_NODES - PEOPLE;
const person = (index: number) => `${prefix}p${index}`;
const bill = (index: number) => `${prefix}b${index}`;
const bigIds = [...Array.from({ length: PEOPLE }, (_, index) => person(index)), ...Array.from({ length: BILLS }, (_, index) => bill(index))];

beforeAll(async () => {
  users = await createTestUsers("ws");
  await cypher(
    `UNWIND range(0, $people - 1) AS i CREATE (:Entity:Legislator {id: $prefix + 'p' + i, name: 'Legislator ' + i})`,
    { prefix, people: PEOPLE },
  );
  await cypher(
    `UNWIND range(0, $bills - 1) AS i
     MATCH (p:Entity {id: $prefix + 'p' + (i % toInteger($people))})
     CREATE (b:Entity:Bill {id: $prefix + 'b' + i, name: 'Bill ' + i})
     CREATE (p)-[:SPONSORED {id: $prefix + 'r' + i, sources: [], role: 'sponsor'}]->(b)`,
    { prefix, bills: BILLS, people: PEOPLE },
  );
}, 120_000);

afterAll(async () => {
  await cypher("MATCH (w:Workspace) WHERE w.ownerId IN $owners DETACH DELETE w", { owners: Object.values(users).flatMap((user) => (typeof user === "string" ? [] : [user.id])) });
  await cypher("MATCH (s:Snapshot) WHERE s.id IN $ids DETACH DELETE s", { ids: snapshots });
  await removeTestUsers(users.prefix);
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
}, 120_000);

const url = (path: string) => new URL(path, "http://127.0.0.1");
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

function request(path: string, user: TestUser | null, method = "GET", body?: unknown) {
  return new NextRequest(url(path), {
    method,
    headers: { "content-type": "application/json", ...(user ? { cookie: user.cookie } : {}), ...(method === "GET" ? {} : SAME_ORIGIN) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function call<T>(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

async function create(user: TestUser, body: unknown) {
  return call<CreatedWorkspace>(createRoute(request("/api/workspaces", user, "POST", body)));
}
const read = (user: TestUser | null, id: string) => call<Workspace>(getRoute(request(`/api/workspaces/${id}`, user), withId(id)));
const patch = (user: TestUser, id: string, body: unknown) =>
  call<WorkspaceSummary>(patchRoute(request(`/api/workspaces/${id}`, user, "PATCH", body), withId(id)));
const remove = (user: TestUser, id: string) => call<{ deleted: string }>(deleteRoute(request(`/api/workspaces/${id}`, user, "DELETE"), withId(id)));

const small = () => ({
  title: "Who sponsored what",
  nodes: [person(0), bill(0), bill(PEOPLE)],
  positions: { [person(0)]: { x: 10.5, y: -20 }, [bill(0)]: { x: 200, y: 40.25 } },
});

describe("workspaces API", () => {
  it("creates one (201, id and path) and reads it back as it was saved", async () => {
    const created = await create(users.viewer, small());
    expect(created.status, created.body.error).toBe(201);
    expect(created.body.path).toBe(`/w/${created.body.id}`);
    const { status, body } = await read(users.viewer, created.body.id);
    expect(status).toBe(200);
    expect(body.title).toBe(small().title);
    expect(body.ownerId).toBe(users.viewer.id);
    expect(body.memberIds).toEqual([]);
    expect(body.nodes).toEqual(small().nodes);
    // The node without a position stays without one: it is laid out when opened.
    expect(body.positions).toEqual(small().positions);
    expect(body.version).toBe(1);
    expect(body.canEdit).toBe(true);
  });

  it("lists the user's own workspaces, the most recently changed first", async () => {
    const first = await create(users.editor, { ...small(), title: "first" });
    const second = await create(users.editor, { ...small(), title: "second" });
    const renamed = await patch(users.editor, first.body.id, { version: 1, title: "first, renamed" });
    expect(renamed.status, renamed.body.error).toBe(200);

    const { status, body } = await call<{ workspaces: WorkspaceSummary[] }>(listRoute(request("/api/workspaces", users.editor)));
    expect(status).toBe(200);
    const ids = body.workspaces.map((workspace) => workspace.id);
    expect(ids.indexOf(first.body.id)).toBeLessThan(ids.indexOf(second.body.id));
    expect(body.workspaces.every((workspace) => workspace.ownerId === users.editor.id)).toBe(true);
    const others = await call<{ workspaces: WorkspaceSummary[] }>(listRoute(request("/api/workspaces", users.analyst)));
    expect(others.body.workspaces.map((workspace) => workspace.id)).not.toContain(first.body.id);
  });

  it("saves a change from the current version and refuses (409) one from a stale version", async () => {
    const { body: created } = await create(users.editor, small());
    const moved = { [bill(PEOPLE)]: { x: -5, y: 7 } };
    const saved = await patch(users.editor, created.id, {
      version: 1,
      positions: moved,
      hidden: [bill(0)],
      pinned: [person(0)],
      filters: { hiddenTypes: ["Region"], layout: "concentric" },
      viewport: { zoom: 1.5, pan: { x: 30, y: -12 } },
    });
    expect(saved.status, saved.body.error).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await patch(users.editor, created.id, { version: 1, title: "from an old tab" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/saved elsewhere.*Reload/);
    const { body } = await read(users.editor, created.id);
    expect(body.title).toBe(small().title);
    expect(body.positions).toEqual({ ...small().positions, ...moved });
    expect(body.hidden).toEqual([bill(0)]);
    expect(body.pinned).toEqual([person(0)]);
    expect(body.filters.hiddenTypes).toEqual(["Region"]);
    expect(body.filters.layout).toBe("concentric");
    expect(body.viewport).toEqual({ zoom: 1.5, pan: { x: 30, y: -12 } });
  });

  it("of two saves from the same version, exactly one wins", async () => {
    const { body: created } = await create(users.editor, small());
    const answers = await Promise.all(["a", "b"].map((title) => patch(users.editor, created.id, { version: 1, title })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const { body } = await read(users.editor, created.id);
    expect(body.version).toBe(2);
  });

  it("drops the position, pin and hiding of a node taken out of the view", async () => {
    const { body: created } = await create(users.editor, { ...small(), pinned: [bill(0)], hidden: [bill(0)] });
    await patch(users.editor, created.id, { version: 1, nodes: [person(0), bill(PEOPLE)] });
    const { body } = await read(users.editor, created.id);
    expect(body.nodes).toEqual([person(0), bill(PEOPLE)]);
    expect(Object.keys(body.positions)).toEqual([person(0)]);
    expect(body.pinned).toEqual([]);
    expect(body.hidden).toEqual([]);
  });

  it("lets others signed in with the link read it, not change or delete it; signed out reads nothing", async () => {
    const { body: created } = await create(users.editor, small());
    const shared = await read(users.viewer, created.id);
    expect(shared.status).toBe(200);
    expect(shared.body.canEdit).toBe(false);
    const admin = await read(users.admin, created.id);
    expect(admin.status).toBe(200);
    expect(admin.body.canEdit).toBe(false);
    const edit = await patch(users.analyst, created.id, { version: 1, title: "not mine" });
    expect(edit.status).toBe(403);
    expect(edit.body.error).toMatch(/Only the person who made this workspace/);
    expect((await remove(users.admin, created.id)).status).toBe(403);
    expect((await read(null, created.id)).status).toBe(401);
    expect((await read(users.editor, created.id)).body.version).toBe(1);
  });

  it("deletes one (then 404), and answers 404 for unknown and malformed ids", async () => {
    const { body: created } = await create(users.editor, small());
    expect(await remove(users.editor, created.id)).toEqual({ status: 200, body: { deleted: created.id } });
    expect((await read(users.editor, created.id)).status).toBe(404);
    expect((await patch(users.editor, created.id, { version: 1, title: "gone" })).status).toBe(404);
    expect((await read(users.editor, "A".repeat(22))).status).toBe(404);
    const malformed = await read(users.editor, "../etc");
    expect(malformed.status).toBe(404);
    expect(malformed.body.error).toMatch(/No workspace has the id/);
  });

  it("refuses bad input with a 400 and a message", async () => {
    const tooMany = Array.from({ length: MAX_WORKSPACE_NODES + 1 }, (_, index) => `${prefix}x${index}`);
    const cases: [unknown, RegExp][] = [
      [{ ...small(), nodes: tooMany }, new RegExp(`at most ${MAX_WORKSPACE_NODES}`)],
      [{ ...small(), nodes: ["not an id!"] }, /nodes\.0/],
      [{ ...small(), nodes: [] }, /at least one entity/],
      [{ ...small(), title: " " }, /title/],
      [{ ...small(), positions: { [person(0)]: { x: "left", y: 0 } } }, /positions/],
      [{ ...small(), colour: "red" }, /colour|Unrecognized/i],
    ];
    for (const [body, message] of cases) {
      const answer = await create(users.editor, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.error).toMatch(message);
    }
    const { body: created } = await create(users.editor, small());
    const noVersion = await patch(users.editor, created.id, { title: "no version" });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error).toMatch(/version/);
  });

  it("refuses a write from another site and one signed out", async () => {
    const foreign = new NextRequest(url("/api/workspaces"), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: users.editor.cookie, host: "127.0.0.1", origin: "https://evil.example" },
      body: JSON.stringify(small()),
    });
    expect((await createRoute(foreign)).status).toBe(403);
    const signedOut = new NextRequest(url("/api/workspaces"), { method: "POST", headers: { "content-type": "application/json", ...SAME_ORIGIN }, body: JSON.stringify(small()) });
    expect((await createRoute(signedOut)).status).toBe(401);
  });
});

describe("a workspace of 20,000 entities", () => {
  const positions = Object.fromEntries(bigIds.map((id, index) => [id, { x: (index % 150) * 12.5, y: Math.floor(index / 150) * 9.75 - 1 }]));

  it("round trips its ids and positions", async () => {
    expect(bigIds).toHaveLength(MAX_LARGE_VIEW_IDS);
    const created = await create(users.analyst, { title: "All of them", nodes: bigIds, positions, hidden: bigIds.slice(0, 500), pinned: bigIds.slice(-500) });
    expect(created.status, created.body.error).toBe(201);
    const { status, body } = await read(users.analyst, created.body.id);
    expect(status).toBe(200);
    expect(body.nodes).toEqual(bigIds);
    expect(body.positions).toEqual(positions);
    expect(body.hidden).toEqual(bigIds.slice(0, 500));
    expect(body.pinned).toEqual(bigIds.slice(-500));
    expect(body.nodeCount).toBe(MAX_LARGE_VIEW_IDS);
    // Moving every node is one save.
    const moved = Object.fromEntries(bigIds.map((id, index) => [id, { x: -index - 1, y: index / 2 }]));
    const saved = await patch(users.analyst, created.body.id, { version: 1, positions: moved });
    expect(saved.status, saved.body.error).toBe(200);
    expect((await read(users.analyst, created.body.id)).body.positions).toEqual(moved);
  }, 60_000);

  it("reads the graph of such a view (POST /api/graph, in batches)", async () => {
    const { status, body } = await call<Subgraph>(graphRoute(request("/api/graph", users.viewer, "POST", { ids: bigIds })));
    expect(status, body.error).toBe(200);
    expect(body.nodes).toHaveLength(bigIds.length);
    expect(new Set(body.nodes.map((node) => node.id))).toEqual(new Set(bigIds));
    const [expected] = await cypher("MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN count(r) AS count", { ids: bigIds });
    expect(body.edges).toHaveLength(Number(expected?.count));
    expect(body.missing).toEqual([]);
    const tooMany = await call<Subgraph>(graphRoute(request("/api/graph", users.viewer, "POST", { ids: [...bigIds, `${prefix}extra`] })));
    expect(tooMany.status).toBe(400);
  }, 60_000);

  it("is frozen as a snapshot of 20,000 entities with their positions", async () => {
    const nodes = bigIds.map((id) => ({ id, ...positions[id]! }));
    const created = await call<CreatedSnapshot>(
      createSnapshotRoute(request("/api/snapshots", users.editor, "POST", { title: "Everyone", nodes, viewport: { x1: -10, y1: -2000, x2: 2000, y2: 10 } })),
    );
    expect(created.status, created.body.error).toBe(201);
    snapshots.push(created.body.snapshot.id);
    expect(created.body.snapshot.nodeCount).toBe(bigIds.length);
    const [expected] = await cypher("MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN count(r) AS count", { ids: bigIds });
    expect(created.body.snapshot.edgeCount).toBe(Number(expected?.count));
    const id = created.body.snapshot.id;
    const { body } = await call<Snapshot>(snapshotRoute(request(`/api/snapshots/${id}`, null), withId(id)));
    expect(body.graph.nodes).toHaveLength(bigIds.length);
    const stored = new Map(body.graph.nodes.map((node) => [node.id, node.position]));
    expect(bigIds.every((node) => stored.get(node)?.x === positions[node]!.x && stored.get(node)?.y === positions[node]!.y)).toBe(true);
  }, 120_000);
});
