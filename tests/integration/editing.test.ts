/**
 * Editing through the route handlers against the real database, as an editor: entities of any type,
 * relationships that must cite a source, delete with what goes with it, merge, and the audit trail that
 * records every change and reverts it exactly.
 */
import { NextRequest } from "next/server";
import { GET as historyRoute } from "@/app/api/entities/[id]/history/route";
import { GET as deletionRoute } from "@/app/api/entities/[id]/deletion/route";
import { DELETE as deleteEntityRoute, PATCH as updateEntityRoute } from "@/app/api/entities/[id]/route";
import { POST as createEntityRoute } from "@/app/api/entities/route";
import { POST as mergeRoute } from "@/app/api/merges/route";
import { DELETE as deleteRelationshipRoute, PATCH as updateRelationshipRoute } from "@/app/api/relationships/[id]/route";
import { POST as createRelationshipRoute } from "@/app/api/relationships/route";
import { GET as changeRoute } from "@/app/api/changes/[id]/route";
import { POST as revertRoute } from "@/app/api/changes/[id]/revert/route";
import { GET as changesRoute } from "@/app/api/changes/route";
import { closeDriver } from "@/lib/db/driver";
import type { EditResult } from "@/lib/editing/edits";
import type { ChangeDetails, ChangePage, ChangeSummary, DeletePreview } from "@/lib/editing/model";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("edit");
const id = (name: string) => `${prefix}${name}`;
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("edit");
  await cypher(
    `CREATE (r:Entity:Report {id: $prefix + 'report', name: 'Edit test report', url: 'https://example.org/r', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (r2:Entity:Report {id: $prefix + 'report2', name: 'Second report', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (c:Entity:Company {id: $prefix + 'acme', name: 'Acme Sequencers', aliases: ['Acme'], aliasText: 'Acme', industry: 'biotech', importedFrom: 'ftm', createdAt: datetime(), updatedAt: datetime()})
     CREATE (c2:Entity:Company {id: $prefix + 'acme-dup', name: 'ACME Sequencers Inc.', aliases: ['Acme Inc'], aliasText: 'Acme Inc', website: 'https://acme.example', createdAt: datetime(), updatedAt: datetime()})
     CREATE (a:Entity:Agency {id: $prefix + 'agency', name: 'Edit Test Agency', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (o:Entity:Organization {id: $prefix + 'org', name: 'Edit Test NGO', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (c)-[:SUPPLIED {id: $prefix + 'sup1', sources: [$prefix + 'report'], quote: 'Acme supplied.', createdAt: datetime(), updatedAt: datetime()}]->(a)
     CREATE (c2)-[:SUPPLIED {id: $prefix + 'sup2', sources: [$prefix + 'report2'], product: 'sequencers', createdAt: datetime(), updatedAt: datetime()}]->(a)
     CREATE (c2)-[:SUPPLIED {id: $prefix + 'sup3', sources: [$prefix + 'report2'], createdAt: datetime(), updatedAt: datetime()}]->(o)
     CREATE (c)-[:PART_OF {id: $prefix + 'loop', sources: [$prefix + 'report'], createdAt: datetime(), updatedAt: datetime()}]->(c2)`,
    { prefix },
  );
});

afterAll(async () => {
  await cypher("MATCH (c:ChangeRecord) WHERE c.actorId IN $ids DETACH DELETE c", {
    ids: [users.editor.id, users.admin.id, users.viewer.id, users.analyst.id],
  });
  await removeTestUsers(users.prefix);
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

const url = (path: string) => new URL(path, "http://127.0.0.1");
const request = (method: string, path: string, body?: unknown, cookie = users.editor.cookie) =>
  new NextRequest(url(path), {
    method,
    headers: { "content-type": "application/json", cookie, ...(method === "GET" ? {} : SAME_ORIGIN) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const withId = (value: string) => ({ params: Promise.resolve({ id: value }) });

async function call<T>(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

/** Everything stored about entities and relationships under this test's prefix, bookkeeping aside. */
async function graphState() {
  const nodes = await cypher(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
     RETURN n.id AS id, labels(n) AS labels, n {.*, createdAt: null, updatedAt: null} AS props`,
    { prefix },
  );
  const rels = await cypher(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $prefix OR b.id STARTS WITH $prefix
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to,
       r {.*, createdAt: null, updatedAt: null} AS props`,
    { prefix },
  );
  // Keys sorted, rows sorted: the same graph gives the same text whatever order Neo4j answers in.
  const canonical = (rows: Record<string, unknown>[]) =>
    rows
      .map((row) => JSON.stringify(row, (_key, value: unknown) =>
        value && typeof value === "object" && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
          : value,
      ))
      .sort();
  return { nodes: canonical(nodes), relationships: canonical(rels) };
}

async function revert(changeId: string, cookie = users.editor.cookie) {
  return call<ChangeSummary>(revertRoute(request("POST", `/api/changes/${changeId}/revert`, undefined, cookie), withId(changeId)));
}

describe("creating an event that links two entities", () => {
  it("creates the event, a new source report and both links in one recorded change, and reverts it", async () => {
    const before = await graphState();
    const created = await call<EditResult>(
      createEntityRoute(
        request("POST", "/api/entities", {
          entity: { type: "Event", name: `${prefix} Acme halts sales`, date: "2019-02-20", kind: "decision" },
          links: [
            { type: "ACTED_IN", other: id("acme"), direction: "in", properties: { role: "seller" } },
            { type: "CONCERNS", other: id("agency"), direction: "out" },
          ],
          newSource: { name: `${prefix} Wire story`, url: "https://example.org/wire", publisher: "Wire", publishedAt: "2019-02-21" },
          quote: "Acme said it would stop.",
        }),
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body.change?.action).toBe("create-entity");
    expect(created.body.change?.summary).toContain("with 2 links");

    const [event] = await cypher(
      `MATCH (e:Entity:Event {id: $id}) RETURN e.name AS name, toString(e.date) AS date,
         [(p)-[r:ACTED_IN]->(e) | [p.id, r.role, r.sources, r.quote]] AS actors,
         [(e)-[r:CONCERNS]->(t) | [t.id, r.sources]] AS concerns`,
      { id: created.body.id },
    );
    expect(event?.date).toBe("2019-02-20");
    const actors = event?.actors as [string, string, string[], string][];
    expect(actors).toHaveLength(1);
    expect(actors[0]?.[0]).toBe(id("acme"));
    expect(actors[0]?.[1]).toBe("seller");
    expect(actors[0]?.[3]).toBe("Acme said it would stop.");
    const reportId = actors[0]?.[2][0] ?? "";
    const [report] = await cypher("MATCH (r:Entity:Report {id: $id}) RETURN r.name AS name, r.publisher AS publisher", { id: reportId });
    expect(report?.publisher).toBe("Wire");

    // Both participants' History lists the change.
    for (const participant of [id("acme"), id("agency"), created.body.id]) {
      const history = await call<ChangePage>(historyRoute(request("GET", `/api/entities/${participant}/history`), withId(participant)));
      expect(history.status).toBe(200);
      expect(history.body.changes.map((change) => change.id)).toContain(created.body.change?.id);
    }
    const details = await call<ChangeDetails>(changeRoute(request("GET", `/api/changes/${created.body.change?.id}`), withId(created.body.change!.id)));
    expect(details.body.ops.map((op) => [op.kind, op.before === null, op.after === null])).toEqual([
      ["entity", true, false],
      ["entity", true, false],
      ["relationship", true, false],
      ["relationship", true, false],
    ]);

    const reverted = await revert(created.body.change!.id);
    expect(reverted.status).toBe(201);
    expect(reverted.body.action).toBe("revert");
    expect(reverted.body.revertOf).toBe(created.body.change?.id);
    expect(await graphState()).toEqual(before);
    expect((await revert(created.body.change!.id)).status).toBe(409);

    // Reverting the revert brings it all back.
    expect((await revert(reverted.body.id)).status).toBe(201);
    const [again] = await cypher("MATCH (e:Entity {id: $id}) RETURN COUNT { (e)--() } AS links", { id: created.body.id });
    expect(Number(again?.links)).toBe(2);
    await cypher("MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n", { ids: [created.body.id, reportId] });
  });

  it("lists the change on the recent-changes page with who made it", async () => {
    const page = await call<ChangePage>(changesRoute(request("GET", "/api/changes?limit=5")));
    expect(page.status).toBe(200);
    expect(page.body.changes[0]?.actor.name).toBe("Test editor");
    const older = await call<ChangePage>(changesRoute(request("GET", `/api/changes?limit=1&before=${page.body.changes[0]?.id}`)));
    expect(older.body.changes[0]?.id).toBe(page.body.changes[1]?.id);
  });
});

describe("reverting what later changes built on", () => {
  it("refuses to revert an entity's creation while a later relationship uses it, and allows it once that is reverted", async () => {
    const created = await call<EditResult>(createEntityRoute(request("POST", "/api/entities", { entity: { type: "Organization", name: `${prefix} Later Linked NGO` } })));
    expect(created.status).toBe(201);
    const linked = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { type: "SUPPLIED", from: id("acme"), to: created.body.id, sources: [id("report")] })),
    );
    expect(linked.status).toBe(201);
    const refused = await revert(created.body.change!.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/a relationship added since/);
    expect(await cypher("MATCH ()-[r:SUPPLIED {id: $id}]->() RETURN r", { id: linked.body.id })).toHaveLength(1);
    expect((await revert(linked.body.change!.id)).status).toBe(201);
    expect((await revert(created.body.change!.id)).status).toBe(201);
    expect(await cypher("MATCH (n:Entity {id: $id}) RETURN n", { id: created.body.id })).toHaveLength(0);
  });
});

describe("relationships need a source", () => {
  it("refuses a relationship without sources, citing a non-report, or joining types the registry forbids", async () => {
    const base = { type: "SUPPLIED", from: id("acme"), to: id("org") };
    const none = await call<EditResult>(createRelationshipRoute(request("POST", "/api/relationships", base)));
    expect(none.status).toBe(422);
    expect(none.body.error).toMatch(/at least one source/);
    const notReport = await call<EditResult>(createRelationshipRoute(request("POST", "/api/relationships", { ...base, sources: [id("agency")] })));
    expect(notReport.status).toBe(422);
    expect(notReport.body.error).toMatch(/not a report/);
    const forbidden = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { type: "REPRESENTS", from: id("acme"), to: id("org"), sources: [id("report")] })),
    );
    expect(forbidden.status).toBe(422);
    const unknownField = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { ...base, sources: [id("report")], properties: { colour: "red" } })),
    );
    expect(unknownField.status).toBe(422);
  });

  it("creates, edits (keeping a source) and deletes a relationship, each recorded", async () => {
    const created = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { type: "SUPPLIED", from: id("acme"), to: id("org"), sources: [id("report")], properties: { product: "kits" } })),
    );
    expect(created.status).toBe(201);
    const relId = created.body.id;
    const noSources = await call<EditResult>(updateRelationshipRoute(request("PATCH", `/api/relationships/${relId}`, { sources: [] }), withId(relId)));
    expect(noSources.status).toBe(422);
    const edited = await call<EditResult>(
      updateRelationshipRoute(
        request("PATCH", `/api/relationships/${relId}`, { sources: [id("report"), id("report2")], quote: "Kits went to the NGO.", properties: { product: "test kits" } }),
        withId(relId),
      ),
    );
    expect(edited.status).toBe(200);
    const [stored] = await cypher("MATCH ()-[r:SUPPLIED {id: $id}]->() RETURN r.sources AS sources, r.quote AS quote, r.product AS product", { id: relId });
    expect(stored).toEqual({ sources: [id("report"), id("report2")], quote: "Kits went to the NGO.", product: "test kits" });
    const deleted = await call<EditResult>(deleteRelationshipRoute(request("DELETE", `/api/relationships/${relId}`), withId(relId)));
    expect(deleted.status).toBe(200);
    expect(await cypher("MATCH ()-[r:SUPPLIED {id: $id}]->() RETURN r", { id: relId })).toHaveLength(0);
    // Reverting the delete restores the edited version.
    expect((await revert(deleted.body.change!.id)).status).toBe(201);
    const [back] = await cypher("MATCH ()-[r:SUPPLIED {id: $id}]->() RETURN r.quote AS quote", { id: relId });
    expect(back?.quote).toBe("Kits went to the NGO.");
    await cypher("MATCH ()-[r:SUPPLIED {id: $id}]->() DELETE r", { id: relId });
  });
});

describe("editing an entity", () => {
  it("replaces the editable fields, keeps an importer's extras, and refuses a stale or invalid save", async () => {
    const [row] = await cypher("MATCH (n:Entity {id: $id}) RETURN toString(n.updatedAt) AS updatedAt", { id: id("acme") });
    const [{ body: entity }] = [await call<{ entity: { properties: { updatedAt: string } } }>(fetchEntity(id("acme")))];
    expect(row).toBeDefined();
    const stamp = entity.entity.properties.updatedAt;
    const invalid = await call<EditResult>(
      updateEntityRoute(request("PATCH", `/api/entities/${id("acme")}`, { entity: { name: "Acme", website: "javascript:alert(1)" }, updatedAt: stamp }), withId(id("acme"))),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatch(/website/);
    const saved = await call<EditResult>(
      updateEntityRoute(
        request("PATCH", `/api/entities/${id("acme")}`, {
          entity: { name: "Acme Sequencers", aliases: ["Acme"], industry: "genomics", description: "<img src=x onerror=alert(1)>" },
          updatedAt: stamp,
        }),
        withId(id("acme")),
      ),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.change?.summary).toMatch(/industry/);
    const [stored] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.industry AS industry, n.importedFrom AS importedFrom, n.description AS description", { id: id("acme") });
    expect(stored).toEqual({ industry: "genomics", importedFrom: "ftm", description: "<img src=x onerror=alert(1)>" });
    const stale = await call<EditResult>(
      updateEntityRoute(request("PATCH", `/api/entities/${id("acme")}`, { entity: { name: "Acme Again" }, updatedAt: stamp }), withId(id("acme"))),
    );
    expect(stale.status).toBe(409);
    const unchanged = await call<EditResult>(
      updateEntityRoute(
        request("PATCH", `/api/entities/${id("acme")}`, { entity: { name: "Acme Sequencers", aliases: ["Acme"], industry: "genomics", description: "<img src=x onerror=alert(1)>" } }),
        withId(id("acme")),
      ),
    );
    expect(unchanged.body.change).toBeNull();
    expect((await revert(saved.body.change!.id)).status).toBe(201);
    const [restored] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.industry AS industry, n.description AS description", { id: id("acme") });
    expect(restored).toEqual({ industry: "biotech", description: null });
  });

  it("refuses a revert when a later change touched the same record", async () => {
    const first = await call<EditResult>(updateEntityRoute(request("PATCH", `/api/entities/${id("org")}`, { entity: { name: "Edit Test NGO", kind: "charity" } }), withId(id("org"))));
    const second = await call<EditResult>(updateEntityRoute(request("PATCH", `/api/entities/${id("org")}`, { entity: { name: "Edit Test NGO", kind: "foundation" } }), withId(id("org"))));
    const refused = await revert(first.body.change!.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/Revert the later changes first/);
    expect((await revert(second.body.change!.id)).status).toBe(201);
    expect((await revert(first.body.change!.id)).status).toBe(201);
    const [org] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.kind AS kind", { id: id("org") });
    expect(org?.kind).toBeNull();
  });
});

function fetchEntity(entityId: string) {
  return import("@/app/api/entities/[id]/route").then(({ GET }) => GET(request("GET", `/api/entities/${entityId}`), withId(entityId)));
}

describe("deleting", () => {
  it("previews and deletes a report with what goes with it, and a revert restores everything", async () => {
    const before = await graphState();
    const preview = await call<DeletePreview>(deletionRoute(request("GET", `/api/entities/${id("report")}/deletion`), withId(id("report"))));
    expect(preview.status).toBe(200);
    // sup1 and loop cite only this report: they go; nothing else cites it.
    expect(preview.body.citing).toBe(2);
    expect(preview.body.uncited.map((rel) => rel.id).sort()).toEqual([id("loop"), id("sup1")]);
    const deleted = await call<EditResult>(deleteEntityRoute(request("DELETE", `/api/entities/${id("report")}`), withId(id("report"))));
    expect(deleted.status).toBe(200);
    expect(await cypher("MATCH ()-[r]->() WHERE r.id IN $ids RETURN r", { ids: [id("sup1"), id("loop")] })).toHaveLength(0);
    expect((await revert(deleted.body.change!.id)).status).toBe(201);
    expect(await graphState()).toEqual(before);
  });

  it("answers 404 for an entity that does not exist and 403 for a viewer", async () => {
    expect((await call(deleteEntityRoute(request("DELETE", `/api/entities/${id("nobody")}`), withId(id("nobody"))))).status).toBe(404);
    expect((await call(deleteEntityRoute(request("DELETE", `/api/entities/${id("acme")}`, undefined, users.viewer.cookie), withId(id("acme"))))).status).toBe(403);
  });
});

describe("merging duplicates", () => {
  it("moves relationships and sources to the survivor, keeps names as aliases, and reverts exactly", async () => {
    const before = await graphState();
    const merged = await call<EditResult>(mergeRoute(request("POST", "/api/merges", { survivor: id("acme"), duplicate: id("acme-dup") })));
    expect(merged.status).toBe(200);
    expect(merged.body.change?.action).toBe("merge");
    const [survivor] = await cypher(
      `MATCH (n:Entity {id: $id}) RETURN n.aliases AS aliases, n.aliasText AS aliasText, n.website AS website,
         [(n)-[r:SUPPLIED]->(t) | [t.id, r.sources, r.product]] AS supplied, COUNT { (n)-[:PART_OF]-() } AS loops`,
      { id: id("acme") },
    );
    expect(survivor?.aliases).toEqual(["Acme", "ACME Sequencers Inc.", "Acme Inc"]);
    expect(survivor?.aliasText).toContain("ACME Sequencers Inc.");
    expect(survivor?.website).toBe("https://acme.example");
    const supplied = (survivor?.supplied as [string, string[], string | null][]).sort((a, b) => a[0].localeCompare(b[0]));
    // The twin SUPPLIED -> agency became one relationship citing both reports; the one to the NGO moved.
    expect(supplied).toEqual([
      [id("agency"), [id("report"), id("report2")], "sequencers"],
      [id("org"), [id("report2")], null],
    ]);
    expect(Number(survivor?.loops)).toBe(0);
    expect(await cypher("MATCH (n:Entity {id: $id}) RETURN n", { id: id("acme-dup") })).toHaveLength(0);

    // A company and a report are different kinds of thing (a company and an agency are one kind).
    const different = await call(mergeRoute(request("POST", "/api/merges", { survivor: id("acme"), duplicate: id("report2") })));
    expect(different.status).toBe(422);
    expect(different.body.error).toContain("different kinds");

    expect((await revert(merged.body.change!.id)).status).toBe(201);
    expect(await graphState()).toEqual(before);
  });

  it("merges a Legislator into a Person as one Legislator when the Legislator's relationships need it, and reverts both types", async () => {
    await cypher(
      `CREATE (p:Entity:Person {id: $prefix + 'person', name: 'Pat Namesake', occupation: 'lawyer', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
       CREATE (l:Entity:Legislator {id: $prefix + 'legislator', name: 'Patricia Namesake', party: 'Independent', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
       CREATE (b:Entity:Bill {id: $prefix + 'bill', name: 'A bill', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
       CREATE (:Entity:Bill {id: $prefix + 'bill2', name: 'Another bill', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
       WITH p, l, b MATCH (o:Entity {id: $prefix + 'org'})
       CREATE (p)-[:MEMBER_OF {id: $prefix + 'member', sources: [$prefix + 'report'], createdAt: datetime(), updatedAt: datetime()}]->(o)
       CREATE (l)-[:SPONSORED {id: $prefix + 'sponsored', sources: [$prefix + 'report'], createdAt: datetime(), updatedAt: datetime()}]->(b)`,
      { prefix },
    );
    const before = await graphState();
    // The Person survives by its id, but only a Legislator may sponsor a bill: the merged entity is one.
    const merged = await call<EditResult>(mergeRoute(request("POST", "/api/merges", { survivor: id("person"), duplicate: id("legislator") })));
    expect(merged.status).toBe(200);
    expect(merged.body.change?.summary).toContain("now a Legislator");
    const [survivor] = await cypher(
      "MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels, n.party AS party, n.occupation AS occupation, n.aliases AS aliases, [(n)-[r]->(t) | type(r) + ' ' + t.id] AS links",
      { id: id("person") },
    );
    expect(survivor?.labels).toContain("Legislator");
    expect(survivor?.labels).not.toContain("Person");
    expect({ party: survivor?.party, occupation: survivor?.occupation, aliases: survivor?.aliases }).toEqual({ party: "Independent", occupation: "lawyer", aliases: ["Patricia Namesake"] });
    expect((survivor?.links as string[]).sort()).toEqual([`MEMBER_OF ${id("org")}`, `SPONSORED ${id("bill")}`]);

    // A Legislator's relationship added since: reverting would leave it on a Person, so the revert waits.
    const later = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { type: "SPONSORED", from: id("person"), to: id("bill2"), sources: [id("report")] })),
    );
    expect(later.status).toBe(201);
    const refused = await revert(merged.body.change!.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/cannot become a Person again/);
    await call(deleteRelationshipRoute(request("DELETE", `/api/relationships/${later.body.id}`), withId(later.body.id)));

    expect((await revert(merged.body.change!.id)).status).toBe(201);
    expect(await graphState()).toEqual(before);
    await cypher("MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n", { ids: [id("person"), id("legislator"), id("bill"), id("bill2")] });
  });

  it("moves a duplicate report's citations to the surviving report", async () => {
    const before = await graphState();
    const merged = await call<EditResult>(mergeRoute(request("POST", "/api/merges", { survivor: id("report"), duplicate: id("report2") })));
    expect(merged.status).toBe(200);
    const cited = await cypher("MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, r.sources AS sources ORDER BY id", { ids: [id("sup2"), id("sup3")] });
    expect(cited.map((row) => row.sources)).toEqual([[id("report")], [id("report")]]);
    expect((await revert(merged.body.change!.id)).status).toBe(201);
    expect(await graphState()).toEqual(before);
  });
});
