/**
 * GET /api/schema against the real Neo4j: the seed story plus records of this file's own (under a unique id
 * prefix), among them a payment with a typed amount, a date known only to its year, a key the registry does
 * not declare, a data set, and internal records that must never show. Every count and example the answer
 * gives is checked against the test's own Cypher, written independently of lib/schema/read.ts.
 */
import { NextRequest } from "next/server";
import { GET as schemaRoute } from "@/app/api/schema/route";
import { closeDriver } from "@/lib/db/driver";
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from "@/lib/model/registry";
import type { GraphSchema, SchemaProperty } from "@/lib/schema/model";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { TEST_BASE } from "../support/requests";

const prefix = uniquePrefix("schema");
const dataset = { id: `${prefix}dataset`, name: `Schema test donations ${prefix}` };
/** Keys and labels only internal records hold: none may appear in the answer. */
const internalKey = `${prefix.replace(/-/g, "")}internalKey`;
const undeclaredKey = "filingReference";
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("schema");
  await cypher(
    `CREATE (payer:Entity:Company {id: $p + 'payer', name: 'Schema Payer', aliases: ['SP'], aliasText: 'SP', datasets: [$ds],
                                    createdAt: datetime(), updatedAt: datetime()})
     CREATE (payee:Entity:Organization {id: $p + 'payee', name: 'Schema Payee', aliases: [], aliasText: '', datasets: [$ds],
                                         createdAt: datetime(), updatedAt: datetime(), _redstringLock: true})
     CREATE (report:Entity:Report {id: $p + 'report', name: 'Schema source', aliases: [], aliasText: ''})
     CREATE (payer)-[:PAID {id: $p + 'paid-1', amount: 1500.0, currency: 'EUR', date: date('2009-01-01'), datePrecision: 'year',
                            sources: [$p + 'report'], datasets: [$ds], filingReference: 'F-1'}]->(payee)
     CREATE (payer)-[:PAID {id: $p + 'paid-2', amount: 20.5, currency: 'EUR', date: date('2010-03-14'), sources: [$p + 'report'], datasets: [$ds]}]->(payee)
     CREATE (:Dataset {id: $ds, name: $dsName})
     CREATE (:SchemaInternalRecord {id: $p + 'internal', ${internalKey}: 'secret'})-[:SCHEMA_INTERNAL_LINK {${internalKey}: 1}]->(:SchemaInternalRecord {id: $p + 'internal-2'})`,
    { p: prefix, ds: dataset.id, dsName: dataset.name },
  );
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  await cypher("MATCH (n) WHERE (n:Dataset OR n:SchemaInternalRecord) AND n.id STARTS WITH $p DETACH DELETE n", { p: prefix });
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

const request = (path: string, cookie?: string) => new NextRequest(new URL(path, TEST_BASE), { headers: cookie ? { cookie } : {} });

async function schemaAsViewer(): Promise<GraphSchema> {
  const response = await schemaRoute(request("/api/schema", users.viewer.cookie));
  expect(response.status).toBe(200);
  return (await response.json()) as GraphSchema;
}

/** Per key: how many records of the label or type carry it, counted here with a query of the test's own. */
async function keyCounts(pattern: string): Promise<Map<string, number>> {
  const rows = await cypher(`MATCH ${pattern} WITH x, keys(x) AS present UNWIND present AS key RETURN key, count(DISTINCT x) AS n`);
  return new Map(rows.map((row) => [String(row.key), Number(row.n)]));
}

const propertyOf = (properties: readonly SchemaProperty[], key: string) => {
  const found = properties.find((property) => property.key === key);
  if (!found) throw new Error(`no property ${key}`);
  return found;
};

describe("GET /api/schema", () => {
  it("counts every registry type and every key as the database holds them", async () => {
    const schema = await schemaAsViewer();
    expect(schema.entityTypes.map((type) => type.type)).toEqual([...ENTITY_TYPES]);
    expect(schema.relationshipTypes.map((type) => type.type)).toEqual([...RELATIONSHIP_TYPES]);
    for (const type of [...schema.entityTypes, ...schema.relationshipTypes]) {
      const pattern = schema.entityTypes.includes(type as never) ? `(x:${type.type})` : `()-[x:${type.type}]->()`;
      const [row] = await cypher(`MATCH ${pattern} RETURN count(*) AS n`);
      expect(type.count, type.type).toBe(Number(row?.n));
      const counts = await keyCounts(pattern);
      for (const property of type.properties) expect(property.count, `${type.type}.${property.key}`).toBe(counts.get(property.key) ?? 0);
      // Every key the records hold is listed, but for bookkeeping and the precision folded into its date.
      const listed = new Set(type.properties.map((property) => property.key));
      const unlisted = [...counts.keys()].filter((key) => !listed.has(key));
      expect(unlisted.filter((key) => key !== "aliasText" && !key.startsWith("_") && !key.endsWith("Precision")), type.type).toEqual([]);
    }
    const [entities] = await cypher("MATCH (x:Entity) RETURN count(x) AS n");
    expect(schema.entityCount).toBe(Number(entities?.n));
  });

  it("types PAID.amount as a number with its currency, the date with its precision, and an undeclared key as stored", async () => {
    const paid = (await schemaAsViewer()).relationshipTypes.find((type) => type.type === "PAID")!;
    expect(propertyOf(paid.properties, "amount")).toMatchObject({ type: "number", declared: true, currencyKey: "currency", observed: ["number"] });
    const [partial] = await cypher("MATCH ()-[x:PAID]->() WHERE x.datePrecision IS NOT NULL RETURN count(x) AS n");
    expect(propertyOf(paid.properties, "date")).toMatchObject({ type: "date", precisionKey: "datePrecision", partialDates: Number(partial?.n) });
    expect(paid.properties.map((property) => property.key)).not.toContain("datePrecision");
    const [filings] = await cypher(`MATCH ()-[x:PAID]->() WHERE x.${undeclaredKey} IS NOT NULL RETURN count(x) AS n`);
    expect(propertyOf(paid.properties, undeclaredKey)).toMatchObject({ type: "text", declared: false, count: Number(filings?.n) });
    expect(propertyOf(paid.properties, "sources")).toMatchObject({ type: "list", itemType: "text" });
  });

  it("gives up to three examples, each a value the records hold, dates as written", async () => {
    const schema = await schemaAsViewer();
    const paid = schema.relationshipTypes.find((type) => type.type === "PAID")!;
    const rows = await cypher(
      "MATCH ()-[x:PAID]->() RETURN collect(DISTINCT x.amount) AS amounts, collect(DISTINCT CASE x.datePrecision WHEN 'year' THEN toString(x.date.year) ELSE toString(x.date) END) AS dates",
    );
    const amounts = (rows[0]?.amounts as number[]).map(Number);
    const dates = rows[0]?.dates as string[];
    const amount = propertyOf(paid.properties, "amount");
    expect(amount.examples.length).toBe(Math.min(3, amounts.length));
    for (const example of amount.examples) expect(amounts).toContain(example);
    for (const example of propertyOf(paid.properties, "date").examples) expect(dates).toContain(example);
    if (dates.length <= 3) expect(propertyOf(paid.properties, "date").examples).toContain("2009");
  });

  it("names the data sets that supply a key, by their record's name", async () => {
    const schema = await schemaAsViewer();
    const paid = schema.relationshipTypes.find((type) => type.type === "PAID")!;
    expect(propertyOf(paid.properties, "amount").datasets).toContainEqual(dataset);
    expect(propertyOf(paid.properties, "datasets").datasets).toContainEqual(dataset);
    const report = schema.entityTypes.find((type) => type.type === "Report")!;
    expect(report.datasets.map((item) => item.id)).not.toContain(dataset.id);
    expect(schema.entityTypes.find((type) => type.type === "Company")!.datasets).toContainEqual(dataset);
    expect(schema.datasets).toContainEqual(dataset);
  });

  it("never shows an internal label, type or key, nor bookkeeping", async () => {
    const text = JSON.stringify(await schemaAsViewer());
    for (const internal of ["SchemaInternalRecord", "SCHEMA_INTERNAL_LINK", internalKey, "User", "SavedQuery", "passwordHash", "aliasText", "_redstringLock"]) {
      expect(text).not.toContain(`"${internal}"`);
    }
  });

  it("refuses a signed-out reader on a private instance, and an unknown parameter", async () => {
    const signedOut = await schemaRoute(request("/api/schema"));
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: "Sign in to read the graph." });
    const unknown = await schemaRoute(request("/api/schema?type=Bill", users.viewer.cookie));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatch(/type/);
  });
});
