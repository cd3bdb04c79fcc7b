/**
 * Concurrency through the real route handlers against the real Neo4j (issue 13, items 1 and 2):
 * simultaneous saves from one version (exactly one wins, the others get a 409 saying what changed),
 * an audit trail whose every "before" is the previous "after", identical relationships created at once
 * (one relationship, all sources), and Idempotency-Key (one record, the same answer for every repeat).
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as getEntityRoute, PATCH as updateEntityRoute } from "@/app/api/entities/[id]/route";
import { POST as createEntityRoute } from "@/app/api/entities/route";
import { PATCH as updateRelationshipRoute } from "@/app/api/relationships/[id]/route";
import { POST as createRelationshipRoute } from "@/app/api/relationships/route";
import { GET as getQueryRoute, PUT as putQueryRoute } from "@/app/api/queries/[id]/route";
import { POST as createQueryRoute } from "@/app/api/queries/route";
import { closeDriver } from "@/lib/db/driver";
import type { EditResult } from "@/lib/editing/edits";
import { canonicalJson, type ChangeOp } from "@/lib/editing/model";
import type { JsonValue } from "@/lib/json";
import type { SavedQuery } from "@/lib/queries/model";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("occ");
const id = (name: string) => `${prefix}${name}`;
const SIMULTANEOUS = 20;
/**
 * Saves without a version all succeed, one after another under the lock: fewer of them, so the last one's
 * wait stays well inside the transaction timeout on a busy machine.
 */
const BLIND = 10;
const REPORTS = 5;
const reportIds = Array.from({ length: REPORTS }, (_, index) => id(`report-${index}`));
const createdQueries: string[] = [];
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("occ");
  await cypher(
    `UNWIND $reports AS report
     CREATE (:Entity:Report {id: report, name: 'Concurrency report ' + report, aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})`,
    { reports: reportIds },
  );
  await cypher(
    `CREATE (c:Entity:Company {id: $prefix + 'acme', name: 'Acme Concurrency', aliases: [], aliasText: '', industry: 'biotech', createdAt: datetime(), updatedAt: datetime()})
     CREATE (b:Entity:Company {id: $prefix + 'blind', name: 'Blind Writes Ltd', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (s:Entity:Company {id: $prefix + 'seller', name: 'Seller Concurrency', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (a:Entity:Agency {id: $prefix + 'agency', name: 'Concurrency Agency', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (c)-[:SUPPLIED {id: $prefix + 'supplied', sources: [$report], product: 'sequencers', createdAt: datetime(), updatedAt: datetime()}]->(a)`,
    { prefix, report: reportIds[0] },
  );
});

afterAll(async () => {
  const ids = [users.editor.id, users.admin.id, users.viewer.id, users.analyst.id];
  await cypher("MATCH (c:ChangeRecord) WHERE c.actorId IN $ids DETACH DELETE c", { ids });
  await cypher("MATCH (r:IdempotentRequest) WHERE r.userId IN $ids DELETE r", { ids });
  await cypher("MATCH (q:SavedQuery) WHERE q.id IN $ids OPTIONAL MATCH (q)-[:HAS_VERSION]->(v) DETACH DELETE q, v", { ids: createdQueries });
  await removeTestUsers(users.prefix);
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

const url = (path: string) => new URL(path, "http://127.0.0.1");
function request(method: string, path: string, body?: unknown, options: { cookie?: string; key?: string } = {}) {
  const headers: Record<string, string> = { ...SAME_ORIGIN, "content-type": "application/json", cookie: options.cookie ?? users.editor.cookie };
  if (options.key !== undefined) headers["idempotency-key"] = options.key;
  return new NextRequest(url(path), { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
const withParams = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

async function call<T>(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string; details?: unknown } };
}

/** All at once: every request is built first, then they are awaited together. */
function together<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => make(index)));
}

const statusCounts = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

async function entityStamp(entityId: string): Promise<string> {
  const { status, body } = await call<{ entity: { properties: { updatedAt: string } } }>(
    getEntityRoute(request("GET", `/api/entities/${entityId}`), withParams({ id: entityId })),
  );
  expect(status).toBe(200);
  return body.entity.properties.updatedAt;
}

/** Content of a record as the trail states it: properties without bookkeeping, keys sorted. */
const BOOKKEEPING = new Set(["id", "createdAt", "updatedAt", "aliasText"]);
function content(properties: Record<string, unknown>): string {
  return canonicalJson(Object.fromEntries(Object.entries(properties).filter(([key]) => !BOOKKEEPING.has(key))) as JsonValue);
}

/** The ops of one record in every change record that lists `entityId`, in the order they happened. */
async function trailOf(recordId: string, entityId: string): Promise<ChangeOp[]> {
  const rows = await cypher(
    "MATCH (c:ChangeRecord) WHERE $entityId IN c.entityIds RETURN c.ops AS ops ORDER BY c.at, c.id",
    { entityId },
  );
  return rows.flatMap((row) => (JSON.parse(String(row.ops)) as ChangeOp[]).filter((op) => op.id === recordId));
}

/**
 * Replays a record's trail: each op's "before" must be the previous op's "after" (the record as the
 * previous change left it), and the last "after" must be the record as stored now.
 */
function expectConsistentTrail(ops: ChangeOp[], stored: { properties: Record<string, unknown>; from?: string; to?: string } | null) {
  expect(ops.length).toBeGreaterThan(0);
  const describe = (state: ChangeOp["after"]) =>
    state === null ? "absent" : canonicalJson({ ...(state as unknown as Record<string, JsonValue>), createdAt: null, properties: null, content: content(state.properties) });
  for (let index = 1; index < ops.length; index++) {
    expect(describe(ops[index]!.before), `change ${index} of ${ops.length} starts from the state change ${index - 1} left`).toBe(
      describe(ops[index - 1]!.after),
    );
  }
  const last = ops.at(-1)!.after;
  if (stored === null) {
    expect(last).toBeNull();
    return;
  }
  expect(last).not.toBeNull();
  expect(content(last!.properties)).toBe(content(stored.properties));
  if (last && "from" in last) expect([last.from, last.to]).toEqual([stored.from, stored.to]);
}

async function storedEntity(entityId: string) {
  const [row] = await cypher("MATCH (n:Entity {id: $id}) RETURN properties(n) AS properties", { id: entityId });
  return row ? { properties: row.properties as Record<string, unknown> } : null;
}

async function storedRelationship(relationshipId: string) {
  const [row] = await cypher("MATCH (a:Entity)-[r {id: $id}]->(b:Entity) RETURN properties(r) AS properties, a.id AS from, b.id AS to", {
    id: relationshipId,
  });
  return row ? { properties: row.properties as Record<string, unknown>, from: String(row.from), to: String(row.to) } : null;
}

describe("simultaneous saves from one version", () => {
  it(`lets exactly one of ${SIMULTANEOUS} entity saves win, tells the others who changed what, and keeps the trail true`, async () => {
    const entityId = id("acme");
    for (const round of [1, 2]) {
      const stamp = await entityStamp(entityId);
      const names = Array.from({ length: SIMULTANEOUS }, (_, index) => `Acme round ${round} editor ${index}`);
      const answers = await together(SIMULTANEOUS, (index) =>
        call<EditResult>(
          updateEntityRoute(
            request("PATCH", `/api/entities/${entityId}`, { entity: { name: names[index], industry: `industry ${round}.${index}` }, updatedAt: stamp }),
            withParams({ id: entityId }),
          ),
        ),
      );
      expect(statusCounts(answers.map((answer) => answer.status))).toEqual({ 200: 1, 409: SIMULTANEOUS - 1 });
      const winner = answers.findIndex((answer) => answer.status === 200);
      const stored = await storedEntity(entityId);
      expect(stored?.properties.name).toBe(names[winner]);
      for (const refused of answers.filter((answer) => answer.status === 409)) {
        // Who, and which fields: the winner's save, read from the trail.
        expect(refused.body.error).toContain(users.editor.actor.user!.name);
        expect(refused.body.error).toMatch(/industry, name/);
        expect(refused.body.details).toMatchObject({ changedBy: users.editor.actor.user!.name, fields: ["industry", "name"] });
      }
    }
    const trail = await trailOf(entityId, entityId);
    expect(trail).toHaveLength(2);
    expectConsistentTrail(trail, await storedEntity(entityId));
  });

  it(`records ${BLIND} saves that name no version one after another, each starting from the last`, async () => {
    const entityId = id("blind");
    const answers = await together(BLIND, (index) =>
      call<EditResult>(
        updateEntityRoute(request("PATCH", `/api/entities/${entityId}`, { entity: { name: `Blind Writes ${index}` } }), withParams({ id: entityId })),
      ),
    );
    expect(statusCounts(answers.map((answer) => answer.status))).toEqual({ 200: BLIND });
    const trail = await trailOf(entityId, entityId);
    // Every save changed the name from what the previous one left: one record each, chained.
    expect(trail).toHaveLength(BLIND);
    expectConsistentTrail(trail, await storedEntity(entityId));
  });

  it(`lets exactly one of ${SIMULTANEOUS} relationship saves win`, async () => {
    const relationshipId = id("supplied");
    const [row] = await cypher("MATCH ()-[r:SUPPLIED {id: $id}]->() RETURN toString(r.updatedAt) AS stamp", { id: relationshipId });
    // The version as the API shows it (milliseconds), which is what the relationship form sends back.
    const stamp = new Date(String(row?.stamp)).toISOString();
    const answers = await together(SIMULTANEOUS, (index) =>
      call<EditResult>(
        updateRelationshipRoute(
          request("PATCH", `/api/relationships/${relationshipId}`, {
            properties: { product: "sequencers" },
            sources: [reportIds[0]],
            quote: `Quote from editor ${index}`,
            updatedAt: stamp,
          }),
          withParams({ id: relationshipId }),
        ),
      ),
    );
    expect(statusCounts(answers.map((answer) => answer.status))).toEqual({ 200: 1, 409: SIMULTANEOUS - 1 });
    const winner = answers.findIndex((answer) => answer.status === 200);
    const stored = await storedRelationship(relationshipId);
    expect(stored?.properties.quote).toBe(`Quote from editor ${winner}`);
    for (const refused of answers.filter((answer) => answer.status === 409)) expect(refused.body.error).toContain("quote");
    expectConsistentTrail(await trailOf(relationshipId, id("acme")), stored);
  });

  it(`lets exactly one of ${SIMULTANEOUS} saved-query saves from one version win`, async () => {
    const created = await call<SavedQuery>(
      createQueryRoute(
        request(
          "POST",
          "/api/queries",
          { title: `${prefix} query`, description: "", cypher: "MATCH (c:Company {id: $id}) RETURN c", parameters: [{ name: "id", type: "entity", required: true }], tags: [] },
          { cookie: users.analyst.cookie },
        ),
      ),
    );
    expect(created.status, created.body.error).toBe(201);
    createdQueries.push(created.body.id);
    const queryId = created.body.id;
    const titles = Array.from({ length: SIMULTANEOUS }, (_, index) => `${prefix} query by analyst ${index}`);
    const answers = await together(SIMULTANEOUS, (index) =>
      call<SavedQuery>(
        putQueryRoute(
          request(
            "PUT",
            `/api/queries/${queryId}`,
            { title: titles[index], description: "", cypher: created.body.cypher, parameters: created.body.parameters, tags: [], baseVersion: created.body.version },
            { cookie: users.analyst.cookie },
          ),
          withParams({ id: queryId }),
        ),
      ),
    );
    expect(statusCounts(answers.map((answer) => answer.status))).toEqual({ 200: 1, 409: SIMULTANEOUS - 1 });
    const winner = answers.findIndex((answer) => answer.status === 200);
    const latest = await call<SavedQuery>(getQueryRoute(request("GET", `/api/queries/${queryId}`, undefined, { cookie: users.analyst.cookie }), withParams({ id: queryId })));
    expect(latest.body.version).toBe(created.body.version + 1);
    expect(latest.body.title).toBe(titles[winner]);
    expect(latest.body.versions.map((version) => version.version)).toEqual([created.body.version + 1, created.body.version]);
    for (const refused of answers.filter((answer) => answer.status === 409)) expect(refused.body.error).toContain(`version ${created.body.version + 1}`);
  });
});

describe("simultaneous identical relationships", () => {
  it(`makes one relationship of ${SIMULTANEOUS} identical creations, citing every source they gave`, async () => {
    const body = (index: number) => ({
      type: "SUPPLIED",
      from: id("seller"),
      to: id("agency"),
      properties: { product: "reagents" },
      sources: [reportIds[index % REPORTS]],
      quote: "Seller supplied reagents.",
    });
    const answers = await together(SIMULTANEOUS, (index) => call<EditResult>(createRelationshipRoute(request("POST", "/api/relationships", body(index)))));
    expect(statusCounts(answers.map((answer) => answer.status))).toEqual({ 201: 1, 200: SIMULTANEOUS - 1 });
    const ids = new Set(answers.map((answer) => answer.body.id));
    expect(ids.size).toBe(1);

    const rows = await cypher(
      "MATCH (:Entity {id: $from})-[r:SUPPLIED]->(:Entity {id: $to}) RETURN r.id AS id, r.sources AS sources, r.quote AS quote, r.product AS product",
      { from: id("seller"), to: id("agency") },
    );
    expect(rows).toHaveLength(1);
    const cited = new Set(Array.from({ length: SIMULTANEOUS }, (_, index) => body(index).sources[0]));
    expect(new Set(rows[0]!.sources as string[])).toEqual(cited);
    expect(rows[0]!.quote).toBe("Seller supplied reagents.");
    expect(rows[0]!.product).toBe("reagents");

    // One creation, then one update per source it did not cite yet; repeats record nothing.
    const trail = await trailOf(String(rows[0]!.id), id("seller"));
    expect(trail).toHaveLength(cited.size);
    expect(trail[0]!.before).toBeNull();
    expectConsistentTrail(trail, await storedRelationship(String(rows[0]!.id)));
  });

  it("still makes a second relationship when the fields differ", async () => {
    const answer = await call<EditResult>(
      createRelationshipRoute(
        request("POST", "/api/relationships", { type: "SUPPLIED", from: id("seller"), to: id("agency"), properties: { product: "sequencers" }, sources: [reportIds[0]] }),
      ),
    );
    expect(answer.status).toBe(201);
    const [row] = await cypher("MATCH (:Entity {id: $from})-[r:SUPPLIED]->(:Entity {id: $to}) RETURN count(r) AS count", { from: id("seller"), to: id("agency") });
    expect(Number(row?.count)).toBe(2);
  });
});

describe("Idempotency-Key", () => {
  const entityBody = (name: string) => ({ entity: { type: "Company", name } });
  const countNamed = async (name: string) => Number((await cypher("MATCH (n:Entity {name: $name}) RETURN count(n) AS count", { name }))[0]?.count);

  it(`creates one record for ${SIMULTANEOUS} simultaneous requests with one key, and gives each the same answer`, async () => {
    const key = randomUUID();
    const name = `${prefix} Idempotent Company`;
    const answers = await together(SIMULTANEOUS, () => call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(name), { key }))));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: SIMULTANEOUS }, () => 201));
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(await countNamed(name)).toBe(1);
    const changes = await cypher("MATCH (c:ChangeRecord) WHERE $id IN c.entityIds RETURN count(c) AS count", { id: answers[0]!.body.id });
    expect(Number(changes[0]?.count)).toBe(1);

    // A later repeat is answered from the store too, and says so.
    const repeat = await createEntityRoute(request("POST", "/api/entities", entityBody(name), { key }));
    expect(repeat.headers.get("idempotent-replayed")).toBe("true");
    expect(await repeat.json()).toEqual(answers[0]!.body);
    expect(await countNamed(name)).toBe(1);
  });

  it("refuses the same key with another body or on another route (422), and a malformed key (400)", async () => {
    const key = randomUUID();
    const first = await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(`${prefix} Keyed One`), { key })));
    expect(first.status).toBe(201);
    const otherBody = await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(`${prefix} Keyed Two`), { key })));
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error).toMatch(/Idempotency-Key was already used for a different request with another body/);
    expect(await countNamed(`${prefix} Keyed Two`)).toBe(0);
    const otherRoute = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { type: "SUPPLIED", from: id("seller"), to: id("agency"), sources: [reportIds[1]] }, { key })),
    );
    expect(otherRoute.status).toBe(422);
    expect(otherRoute.body.error).toContain("POST /api/entities");
    const malformed = await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(`${prefix} Keyed Three`), { key: "" })));
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toContain("Idempotency-Key");
  });

  it("keys belong to their user, and a failed request stores nothing, so a retry acts", async () => {
    const key = randomUUID();
    const name = `${prefix} Per User`;
    const mine = await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(name), { key })));
    const theirs = await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(name), { key, cookie: users.admin.cookie })));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);

    const retryKey = randomUUID();
    const refused = await call<EditResult>(
      createRelationshipRoute(request("POST", "/api/relationships", { type: "SUPPLIED", from: id("seller"), to: id("nobody"), sources: [reportIds[0]] }, { key: retryKey })),
    );
    expect(refused.status).toBe(422);
    const stored = await cypher("MATCH (r:IdempotentRequest {key: $key}) RETURN count(r) AS count", { key: retryKey });
    expect(Number(stored[0]?.count)).toBe(0);
  });

  it("forgets an answer after a day: the key acts again", async () => {
    const key = randomUUID();
    const name = `${prefix} Expiring`;
    expect((await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(name), { key })))).status).toBe(201);
    await cypher("MATCH (r:IdempotentRequest {key: $key}) SET r.createdAt = r.createdAt - duration('P1DT1M')", { key });
    expect((await call<EditResult>(createEntityRoute(request("POST", "/api/entities", entityBody(name), { key })))).status).toBe(201);
    expect(await countNamed(name)).toBe(2);
  });
});
