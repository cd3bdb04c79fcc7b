/**
 * The role matrix: every write route handler x {signed out, viewer, editor, analyst, admin} answers as
 * lib/auth/permissions.ts says (401 signed out, 403 role too low, anything else when allowed: a 400 or
 * 409 there means the permission check passed and the request itself was refused), and the reads with
 * signed-out reading on and off (the admins' setting), and the audit trail (signed-in users only). There are no server
 * actions; every write is a route handler.
 */
import { NextRequest } from "next/server";
import { PATCH as patchUserRoute } from "@/app/api/admin/users/[id]/route";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/admin/users/route";
import { GET as exportRoute } from "@/app/api/export/route";
import { GET as graphRoute } from "@/app/api/graph/route";
import { PUT as uploadFileRoute } from "@/app/api/imports/uploads/[uploadId]/route";
import { POST as newUploadRoute } from "@/app/api/imports/uploads/route";
import { GET as importsRoute, POST as startImportRoute } from "@/app/api/imports/route";
import { POST as duplicateRoute } from "@/app/api/queries/[id]/duplicate/route";
import { POST as undeleteRoute } from "@/app/api/queries/[id]/restore/route";
import { DELETE as deleteQueryRoute, GET as getQueryRoute, PUT as putQueryRoute } from "@/app/api/queries/[id]/route";
import { POST as runSavedRoute } from "@/app/api/queries/[id]/run/route";
import { POST as restoreVersionRoute } from "@/app/api/queries/[id]/versions/[version]/restore/route";
import { GET as listQueriesRoute, POST as createQueryRoute } from "@/app/api/queries/route";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { GET as compareRoute } from "@/app/api/snapshots/[id]/compare/route";
import { GET as imageRoute } from "@/app/api/snapshots/[id]/image.png/route";
import { POST as revokeRoute } from "@/app/api/snapshots/[id]/revoke/route";
import { GET as snapshotRoute } from "@/app/api/snapshots/[id]/route";
import { GET as listSnapshotsRoute, POST as createSnapshotRoute } from "@/app/api/snapshots/route";
import { GET as changesRoute } from "@/app/api/changes/route";
import { POST as revertRoute } from "@/app/api/changes/[id]/revert/route";
import { GET as deletionRoute } from "@/app/api/entities/[id]/deletion/route";
import { GET as historyRoute } from "@/app/api/entities/[id]/history/route";
import { DELETE as deleteEntityRoute, PATCH as patchEntityRoute } from "@/app/api/entities/[id]/route";
import { POST as createEntityRoute } from "@/app/api/entities/route";
import { POST as mergeRoute } from "@/app/api/merges/route";
import { DELETE as deleteRelationshipRoute, PATCH as patchRelationshipRoute } from "@/app/api/relationships/[id]/route";
import { POST as createRelationshipRoute } from "@/app/api/relationships/route";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { createQuery } from "@/lib/queries/store";
import { createSnapshot } from "@/lib/snapshots/store";
import { createSnapshotSchema } from "@/lib/snapshots/model";
import { createTestUser, createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { publicReadOff, publicReadOn } from "../support/instance-settings";
import { closeTestDriver, cypher } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

type Who = "signed out" | "viewer" | "editor" | "analyst" | "admin";
const EVERYONE: Who[] = ["signed out", "viewer", "editor", "analyst", "admin"];

let users: TestUsers;
let queryId = "";
let snapshotId = "";
/** Stays live: the write matrix revokes snapshotId. */
let liveSnapshotId = "";
const title = `role-matrix ${Date.now()}`;
/** An entity of the matrix's own, for the editing routes to act on. */
const matrixEntity = `role-matrix-${Date.now()}`;

const view = {
  title,
  note: "",
  nodes: [{ id: "company-thermo-fisher", x: 0, y: 0 }],
  viewport: { x1: -100, y1: -100, x2: 100, y2: 100 },
};

beforeAll(async () => {
  users = await createTestUsers("roles");
  const query = await createQuery(users.analyst.actor, {
    title,
    description: "",
    cypher: "MATCH (n:Entity) RETURN n.name AS name LIMIT 1",
    parameters: [],
    tags: [],
  });
  queryId = query.id;
  snapshotId = (await createSnapshot(users.editor.actor, createSnapshotSchema.parse(view))).snapshot.id;
  liveSnapshotId = (await createSnapshot(users.editor.actor, createSnapshotSchema.parse(view))).snapshot.id;
  await cypher("CREATE (:Entity:Company {id: $id, name: $name, aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})", {
    id: matrixEntity,
    name: `${title} company`,
  });
});

afterAll(async () => {
  delete process.env.REDSTRING_PUBLIC_READ;
  forgetCachedConfig();
  await cypher(
    "MATCH (q:SavedQuery) WHERE q.title CONTAINS $title OPTIONAL MATCH (q)-[:HAS_VERSION]->(v) DETACH DELETE q, v",
    { title },
  );
  await cypher("MATCH (s:Snapshot) WHERE s.title = $title DETACH DELETE s", { title });
  await cypher("MATCH (n:Entity) WHERE n.name STARTS WITH $title DETACH DELETE n", { title });
  await cypher("MATCH (c:ChangeRecord) WHERE c.actorId IN $ids DETACH DELETE c", { ids: [users.editor.id, users.admin.id] });
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

function cookieOf(who: Who): Record<string, string> {
  return who === "signed out" ? {} : { cookie: users[who].cookie };
}

const url = (path: string) => new URL(path, "http://127.0.0.1");
function request(who: Who, path: string, method = "GET", body?: unknown): NextRequest {
  return new NextRequest(url(path), {
    method,
    headers: { "content-type": "application/json", ...cookieOf(who), ...(method === "GET" ? {} : SAME_ORIGIN) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

interface WriteCase {
  name: string;
  allowed: Who[];
  send: (who: Who) => Promise<Response>;
}

const ANALYSTS: Who[] = ["analyst", "admin"];
const EDITORS: Who[] = ["editor", "admin"];
const PUBLISHERS: Who[] = ["editor", "analyst", "admin"];

const writes: WriteCase[] = [
  { name: "POST /api/queries", allowed: ANALYSTS, send: (who) => createQueryRoute(request(who, "/api/queries", "POST", { title: `${title} new`, cypher: "MATCH (n:Entity) RETURN n LIMIT 1" })) },
  {
    name: "PUT /api/queries/{id}",
    allowed: ANALYSTS,
    send: (who) => putQueryRoute(request(who, `/api/queries/${queryId}`, "PUT", { title, cypher: "MATCH (n:Entity) RETURN n LIMIT 2", baseVersion: 1 }), params({ id: queryId })),
  },
  { name: "DELETE /api/queries/{id}", allowed: ANALYSTS, send: (who) => deleteQueryRoute(request(who, `/api/queries/${queryId}`, "DELETE"), params({ id: queryId })) },
  { name: "POST /api/queries/{id}/restore", allowed: ANALYSTS, send: (who) => undeleteRoute(request(who, `/api/queries/${queryId}/restore`, "POST"), params({ id: queryId })) },
  { name: "POST /api/queries/{id}/duplicate", allowed: ANALYSTS, send: (who) => duplicateRoute(request(who, `/api/queries/${queryId}/duplicate`, "POST"), params({ id: queryId })) },
  {
    name: "POST /api/queries/{id}/versions/1/restore",
    allowed: ANALYSTS,
    send: (who) => restoreVersionRoute(request(who, `/api/queries/${queryId}/versions/1/restore`, "POST", { baseVersion: 1 }), params({ id: queryId, version: "1" })),
  },
  { name: "POST /api/run-query (draft Cypher)", allowed: ANALYSTS, send: (who) => runDraftRoute(request(who, "/api/run-query", "POST", { cypher: "RETURN 1 AS one" })) },
  { name: "POST /api/snapshots", allowed: PUBLISHERS, send: (who) => createSnapshotRoute(request(who, "/api/snapshots", "POST", view)) },
  { name: "POST /api/snapshots/{id}/revoke without the key", allowed: ["admin"], send: (who) => revokeRoute(request(who, `/api/snapshots/${snapshotId}/revoke`, "POST", {}), params({ id: snapshotId })) },
  { name: "POST /api/imports/uploads", allowed: EDITORS, send: (who) => newUploadRoute(request(who, "/api/imports/uploads", "POST")) },
  {
    name: "PUT /api/imports/uploads/{uploadId}",
    allowed: EDITORS,
    send: (who) => uploadFileRoute(request(who, "/api/imports/uploads/AAAAAAAAAAAAAAAA?name=bad/name", "PUT", "x"), params({ uploadId: "AAAAAAAAAAAAAAAA" })),
  },
  {
    name: "POST /api/imports",
    allowed: EDITORS,
    send: (who) => startImportRoute(request(who, "/api/imports", "POST", { uploadId: "AAAAAAAAAAAAAAAA", format: "json", file: "missing.json" })),
  },
  // Editing: an allowed request gets past the permission check and is then answered on its merits (a
  // missing record is 404, a relationship without a source 422); nothing of the seed is changed.
  { name: "POST /api/entities", allowed: EDITORS, send: (who) => createEntityRoute(request(who, "/api/entities", "POST", { entity: { type: "Company", name: `${title} made by ${who}` } })) },
  {
    name: "PATCH /api/entities/{id}",
    allowed: EDITORS,
    send: (who) => patchEntityRoute(request(who, `/api/entities/${matrixEntity}`, "PATCH", { entity: { name: `${title} company`, industry: who } }), params({ id: matrixEntity })),
  },
  { name: "DELETE /api/entities/{id}", allowed: EDITORS, send: (who) => deleteEntityRoute(request(who, "/api/entities/role-matrix-missing", "DELETE"), params({ id: "role-matrix-missing" })) },
  { name: "GET /api/entities/{id}/deletion", allowed: EDITORS, send: (who) => deletionRoute(request(who, `/api/entities/${matrixEntity}/deletion`), params({ id: matrixEntity })) },
  { name: "POST /api/merges", allowed: EDITORS, send: (who) => mergeRoute(request(who, "/api/merges", "POST", { survivor: matrixEntity, duplicate: matrixEntity })) },
  {
    name: "POST /api/relationships",
    allowed: EDITORS,
    send: (who) => createRelationshipRoute(request(who, "/api/relationships", "POST", { type: "SUPPLIED", from: matrixEntity, to: "agency-cecc" })),
  },
  {
    name: "PATCH /api/relationships/{id}",
    allowed: EDITORS,
    send: (who) => patchRelationshipRoute(request(who, "/api/relationships/role-matrix-missing", "PATCH", { sources: ["x"] }), params({ id: "role-matrix-missing" })),
  },
  { name: "DELETE /api/relationships/{id}", allowed: EDITORS, send: (who) => deleteRelationshipRoute(request(who, "/api/relationships/role-matrix-missing", "DELETE"), params({ id: "role-matrix-missing" })) },
  { name: "POST /api/changes/{id}/revert", allowed: EDITORS, send: (who) => revertRoute(request(who, "/api/changes/AAAAAAAAAAAAAAAA/revert", "POST"), params({ id: "AAAAAAAAAAAAAAAA" })) },
  { name: "POST /api/admin/users", allowed: ["admin"], send: (who) => createUserRoute(request(who, "/api/admin/users", "POST", { email: `${users.prefix}made-${who.replace(" ", "-")}@example.test`, name: "Made", role: "viewer", password: "long enough password" })) },
  { name: "PATCH /api/admin/users/{id}", allowed: ["admin"], send: (who) => patchUserRoute(request(who, `/api/admin/users/${users.viewer.id}`, "PATCH", { role: "viewer" }), params({ id: users.viewer.id })) },
];

describe("every write x every role", () => {
  for (const write of writes) {
    it.each(EVERYONE)(`${write.name} as %s`, async (who) => {
      const response = await write.send(who);
      const body = (await response.json()) as { error?: string };
      if (write.allowed.includes(who)) {
        expect([401, 403], `${who}: ${body.error}`).not.toContain(response.status);
        expect(response.status, body.error).toBeLessThan(500);
      } else {
        expect(response.status, body.error).toBe(who === "signed out" ? 401 : 403);
        expect(body.error).toMatch(who === "signed out" ? /^Sign in/ : /role/);
      }
    });
  }
});

const reads: { name: string; send: (who: Who) => Promise<Response> }[] = [
  { name: "GET /api/search", send: (who) => searchRoute(request(who, "/api/search?q=thermo")) },
  { name: "GET /api/graph", send: (who) => graphRoute(request(who, "/api/graph?ids=company-thermo-fisher")) },
  { name: "GET /api/export", send: (who) => exportRoute(request(who, "/api/export?format=nodes.csv")) },
  { name: "GET /api/queries", send: (who) => listQueriesRoute(request(who, "/api/queries")) },
  { name: "GET /api/queries/{id}", send: (who) => getQueryRoute(request(who, `/api/queries/${queryId}`), params({ id: queryId })) },
  { name: "POST /api/queries/{id}/run", send: (who) => runSavedRoute(request(who, `/api/queries/${queryId}/run`, "POST", {}), params({ id: queryId })) },
  { name: "GET /api/snapshots/{id}/compare", send: (who) => compareRoute(request(who, `/api/snapshots/${liveSnapshotId}/compare`), params({ id: liveSnapshotId })) },
];

describe("reads", () => {
  afterEach(async () => {
    delete process.env.REDSTRING_PUBLIC_READ;
    forgetCachedConfig();
    await publicReadOff();
  });

  it.each(reads.map((read) => [read.name, read] as const))("%s: anyone once an admin turns signed-out reading on", async (_name, read) => {
    await publicReadOn();
    for (const who of EVERYONE) expect((await read.send(who)).status, who).toBeLessThan(400);
  });

  it.each(reads.map((read) => [read.name, read] as const))("%s: signed-in users only while it is off (a new instance)", async (_name, read) => {
    expect((await read.send("signed out")).status).toBe(401);
    for (const who of ["viewer", "admin"] as const) expect((await read.send(who)).status, who).toBeLessThan(400);
  });

  it("keeps permalinks public even when reading is not, but not the list of all links or the imports", async () => {
    const live = await createSnapshot(users.editor.actor, createSnapshotSchema.parse(view));
    expect((await snapshotRoute(request("signed out", "/"), params({ id: live.snapshot.id }))).status).toBe(200);
    expect((await imageRoute(request("signed out", "/"), params({ id: live.snapshot.id }))).status).toBe(200);
    expect((await listSnapshotsRoute(request("signed out", "/api/snapshots"))).status).toBe(401);
    expect((await listSnapshotsRoute(request("viewer", "/api/snapshots"))).status).toBe(200);
    expect((await importsRoute(request("viewer", "/api/imports"))).status).toBe(403);
    expect((await listUsersRoute(request("analyst", "/api/admin/users"))).status).toBe(403);
    // The holder of the revoke key needs no account at all.
    const revoked = await revokeRoute(request("signed out", "/", "POST", { revokeKey: live.revokeKey }), params({ id: live.snapshot.id }));
    expect(revoked.status).toBe(200);
  });
});

describe("the audit trail", () => {
  it.each([
    ["GET /api/changes", (who: Who) => changesRoute(request(who, "/api/changes"))],
    ["GET /api/entities/{id}/history", (who: Who) => historyRoute(request(who, `/api/entities/${matrixEntity}/history`), params({ id: matrixEntity }))],
  ] as const)("%s: every signed-in role, never signed out, even with public reading on", async (_name, send) => {
    await publicReadOn();
    try {
      expect((await send("signed out")).status).toBe(401);
      for (const who of ["viewer", "editor", "analyst", "admin"] as const) expect((await send(who)).status, who).toBe(200);
    } finally {
      await publicReadOff();
    }
  });
});

describe("sessions follow the account", () => {
  it("treats a disabled account as signed out, and a role change applies on the next request", async () => {
    const disabled = await createTestUser(users.prefix, "analyst", { disabled: true, suffix: "disabled" });
    expect((await runDraftRoute(request("signed out", "/api/run-query", "POST", { cypher: "RETURN 1 AS one" }))).status).toBe(401);
    const asDisabled = new NextRequest(url("/api/run-query"), { method: "POST", headers: { cookie: disabled.cookie, ...SAME_ORIGIN }, body: JSON.stringify({ cypher: "RETURN 1 AS one" }) });
    expect((await runDraftRoute(asDisabled)).status).toBe(401);

    const promoted = await createTestUser(users.prefix, "viewer", { suffix: "promoted" });
    const draft = () => new NextRequest(url("/api/run-query"), { method: "POST", headers: { cookie: promoted.cookie, ...SAME_ORIGIN }, body: JSON.stringify({ cypher: "RETURN 1 AS one" }) });
    expect((await runDraftRoute(draft())).status).toBe(403);
    const change = await patchUserRoute(request("admin", `/api/admin/users/${promoted.id}`, "PATCH", { role: "analyst" }), params({ id: promoted.id }));
    expect(change.status).toBe(200);
    expect((await runDraftRoute(draft())).status).toBe(200);
  });

  it("ignores a forged cookie, and refuses a write from another site's page", async () => {
    const forged = new NextRequest(url("/api/run-query"), { method: "POST", headers: { cookie: "redstring_session=Fe26.2**forged", ...SAME_ORIGIN }, body: JSON.stringify({ cypher: "RETURN 1 AS one" }) });
    expect((await runDraftRoute(forged)).status).toBe(401);
    const crossSite = new NextRequest(url("/api/run-query"), {
      method: "POST",
      headers: { cookie: users.admin.cookie, origin: "https://evil.example", host: "127.0.0.1" },
      body: JSON.stringify({ cypher: "RETURN 1 AS one" }),
    });
    expect((await runDraftRoute(crossSite)).status).toBe(403);
  });

  it("refuses an admin demoting or disabling themselves", async () => {
    const self = await patchUserRoute(request("admin", `/api/admin/users/${users.admin.id}`, "PATCH", { disabled: true }), params({ id: users.admin.id }));
    expect(self.status).toBe(403);
  });
});
