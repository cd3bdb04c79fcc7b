/**
 * Values keep their types from input to Neo4j to the API, and a database written by an older version
 * (flags as "yes"/"no", amounts and dates as text) is converted once by `npm run migrate`'s step,
 * recorded in the audit trail, and not again.
 */
import { NextRequest } from "next/server";
import { GET as neighboursRoute } from "@/app/api/entities/[id]/neighbours/route";
import { POST as createRelationshipRoute } from "@/app/api/relationships/route";
import { closeDriver } from "@/lib/db/driver";
import { convertLegacyValues } from "@/lib/editing/convert-values";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("typed");
const id = (name: string) => `${prefix}${name}`;
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("typed");
  await cypher(
    `CREATE (r:Entity:Report {id: $prefix + 'report', name: 'Typed test report', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (p:Entity:Person {id: $prefix + 'donor', name: 'Typed Donor', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (o:Entity:Organization {id: $prefix + 'party', name: 'Typed Party', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})`,
    { prefix },
  );
});

afterAll(async () => {
  await cypher("MATCH (c:ChangeRecord) WHERE any(id IN c.entityIds WHERE id STARTS WITH $prefix) DETACH DELETE c", { prefix });
  await deleteByPrefix(prefix);
  await removeTestUsers(users.prefix);
  await closeTestDriver();
  await closeDriver();
});

const post = (body: unknown) =>
  new NextRequest("http://localhost/api/relationships", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: users.editor.cookie, ...SAME_ORIGIN },
    body: JSON.stringify(body),
  });

describe("typed values through the API", () => {
  it("stores a PAID amount as a float and a year-only date as a Neo4j Date with its precision, and reads both back as written", async () => {
    const response = await createRelationshipRoute(
      post({ type: "PAID", from: id("donor"), to: id("party"), properties: { amount: "1500.50", currency: "EUR", date: "2011" }, sources: [id("report")] }),
    );
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    const [stored] = await cypher(
      `MATCH (:Entity {id: $from})-[r:PAID]->(:Entity {id: $to})
       RETURN r.amount IS :: FLOAT AS isFloat, r.date IS :: DATE AS isDate, toString(r.date) AS date, r.datePrecision AS precision, r.amount * 2 AS doubled`,
      { from: id("donor"), to: id("party") },
    );
    expect(stored).toEqual({ isFloat: true, isDate: true, date: "2011-01-01", precision: "year", doubled: 3001 });

    const read = await neighboursRoute(
      new NextRequest(`http://localhost/api/entities/${id("donor")}/neighbours`, { headers: { cookie: users.editor.cookie } }),
      { params: Promise.resolve({ id: id("donor") }) },
    );
    expect(read.status).toBe(200);
    const body = (await read.json()) as { edges: { type: string; properties: Record<string, unknown> }[] };
    const paid = body.edges.find((edge) => edge.type === "PAID");
    expect(paid?.properties).toMatchObject({ amount: 1500.5, currency: "EUR", date: "2011" });
    expect(paid?.properties).not.toHaveProperty("datePrecision");
  });

  it("refuses an amount that is not a number, naming the field", async () => {
    const response = await createRelationshipRoute(
      post({ type: "PAID", from: id("donor"), to: id("party"), properties: { amount: "1.500,50 €" }, sources: [id("report")] }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/amount.*must be a number|must be a number.*amount/);
  });
});

describe("converting what an older version stored as text", () => {
  it("types flags, amounts and dates once, records each batch in the audit trail, and reports what it cannot convert", async () => {
    await cypher(
      `CREATE (b:Entity:Bill {id: $prefix + 'bill', name: 'Old Bill', aliases: [], aliasText: '', congress: '114', enacted: 'yes', active: 'no', vetoed: 'maybe', createdAt: datetime(), updatedAt: datetime()})
       WITH b
       MATCH (p:Entity {id: $prefix + 'donor'}), (o:Entity {id: $prefix + 'party'})
       CREATE (p)-[:PAID {id: $prefix + 'old-payment', amount: '113969.15', currency: 'EUR', date: '2011-12', sources: [$prefix + 'report'], createdAt: datetime(), updatedAt: datetime()}]->(o)`,
      { prefix },
    );
    const first = await convertLegacyValues();
    expect(first.unconvertible).toContainEqual(expect.objectContaining({ id: id("bill"), field: "vetoed", reason: expect.stringContaining("maybe") }));

    const [bill] = await cypher(
      `MATCH (b:Bill {id: $id}) RETURN b.congress IS :: INTEGER AS integer, b.enacted AS enacted, b.active AS active, b.vetoed AS vetoed`,
      { id: id("bill") },
    );
    expect(bill).toEqual({ integer: true, enacted: true, active: false, vetoed: "maybe" });
    const [payment] = await cypher(
      `MATCH ()-[r:PAID {id: $id}]->() RETURN r.amount AS amount, r.amount IS :: FLOAT AS isFloat, toString(r.date) AS date, r.datePrecision AS precision`,
      { id: id("old-payment") },
    );
    expect(payment).toEqual({ amount: 113969.15, isFloat: true, date: "2011-12-01", precision: "month" });

    // The trail: one record per batch naming the bill, whose before is the text and after the typed value.
    const changes = await cypher(
      "MATCH (c:ChangeRecord {action: 'convert-values'}) WHERE $id IN c.entityIds RETURN c.ops AS ops, c.actorName AS actor",
      { id: id("bill") },
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]!.actor).toBe("npm run migrate");
    const op = (JSON.parse(String(changes[0]!.ops)) as { id: string; before: { properties: Record<string, unknown> }; after: { properties: Record<string, unknown> } }[])
      .find((entry) => entry.id === id("bill"))!;
    expect(op.before.properties).toMatchObject({ congress: "114", enacted: "yes", active: "no" });
    expect(op.after.properties).toMatchObject({ congress: 114, enacted: true, active: false, vetoed: "maybe" });

    // Idempotent: nothing of ours is converted again (the unconvertible flag stays reported, untouched).
    const second = await convertLegacyValues();
    const again = await cypher("MATCH (c:ChangeRecord {action: 'convert-values'}) WHERE $id IN c.entityIds RETURN count(c) AS count", { id: id("bill") });
    expect(Number(again[0]!.count)).toEqual(changes.length);
    expect(second.unconvertible.filter((problem) => problem.id.startsWith(prefix))).toEqual(first.unconvertible.filter((problem) => problem.id.startsWith(prefix)));
  });
});
