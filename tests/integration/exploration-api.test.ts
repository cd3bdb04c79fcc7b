/**
 * The explorer's APIs for big neighbourhoods and provenance, through the route handlers, against the real
 * database: the neighbour summary (timed on a 10k-neighbour hub), neighbours by relationship and by
 * degree, and a report's claims.
 */
import { NextRequest } from "next/server";
import { GET as claimsRoute } from "@/app/api/entities/[id]/claims/route";
import { GET as summaryRoute } from "@/app/api/entities/[id]/neighbour-summary/route";
import { GET as neighboursRoute } from "@/app/api/entities/[id]/neighbours/route";
import type { ClaimsPage } from "@/lib/explore/claims";
import { closeDriver } from "@/lib/db/driver";
import type { NeighbourPageWithDegrees } from "@/lib/explore/entities";
import { getEntity } from "@/lib/explore/entities";
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from "@/lib/model/registry";
import type { NeighbourSummary } from "@/lib/explore/neighbour-summary";
import { SEED_ARTICLE_ID, seedRelationships } from "@/graph-seed/seed-story";
import { createTestUser, removeTestUsers, TEST_VIEWER, type TestUser } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("explore");
const hub = `${prefix}hub`;
const report = `${prefix}report`;

// The hub, a Region: 6,000 companies located in it (500 of them also part of it), 3,000 legislators
// representing it and 1,000 events that occurred in it: 10,000 distinct neighbours, 10,500 relationships.
const COMPANIES = 6_000;
const LEGISLATORS = 3_000;
const EVENTS = 1_000;
const ALSO_PART_OF = 500;
const NEIGHBOURS = COMPANIES + LEGISLATORS + EVENTS;

// Three companies with extra links elsewhere, so "most connected first" has a known answer.
const WELL_CONNECTED = [
  { id: `${prefix}c1`, extra: 30 },
  { id: `${prefix}c2`, extra: 20 },
  { id: `${prefix}c3`, extra: 10 },
];

beforeAll(async () => {
  await cypher(
    `CREATE (:Entity:Report {id: $report, name: 'Test report'})
     CREATE (hub:Entity:Region {id: $hub, name: 'Test hub'})
     WITH hub
     UNWIND range(1, $total) AS i
     WITH hub, i,
       CASE WHEN i <= $companies THEN 'c' WHEN i <= $companies + $legislators THEN 'l' ELSE 'e' END AS kind
     CREATE (m:Entity {id: $prefix + kind + toString(i), name: 'Neighbour ' + toString(i % 11)})
     FOREACH (_ IN CASE kind WHEN 'c' THEN [1] ELSE [] END |
       SET m:Company CREATE (m)-[:LOCATED_IN {id: $prefix + 'loc' + toString(i), sources: [$report]}]->(hub))
     FOREACH (_ IN CASE kind WHEN 'l' THEN [1] ELSE [] END |
       SET m:Legislator CREATE (m)-[:REPRESENTS {id: $prefix + 'rep' + toString(i), sources: [$report]}]->(hub))
     FOREACH (_ IN CASE kind WHEN 'e' THEN [1] ELSE [] END |
       SET m:Event CREATE (m)-[:OCCURRED_IN {id: $prefix + 'occ' + toString(i), sources: [$report]}]->(hub))
     FOREACH (_ IN CASE WHEN kind = 'c' AND i > $companies - $alsoPartOf THEN [1] ELSE [] END |
       CREATE (m)-[:PART_OF {id: $prefix + 'part' + toString(i), sources: [$report]}]->(hub))`,
    {
      prefix,
      hub,
      report,
      total: NEIGHBOURS,
      companies: COMPANIES,
      legislators: LEGISLATORS,
      alsoPartOf: ALSO_PART_OF,
    },
  );
  await cypher(
    `UNWIND $wellConnected AS item
     MATCH (c:Entity {id: item.id})
     UNWIND range(1, item.extra) AS j
     CREATE (:Entity:Person {id: item.id + '-p' + toString(j), name: 'Member'})
       -[:MEMBER_OF {id: item.id + '-m' + toString(j), sources: [$report]}]->(c)`,
    { wellConnected: WELL_CONNECTED, report },
  );
});

const readerPrefix = uniquePrefix("explore-reader");
let reader: TestUser;
beforeAll(async () => {
  reader = await createTestUser(readerPrefix, "viewer");
});

afterAll(async () => {
  await removeTestUsers(readerPrefix);
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

// Reading needs an account on a new instance (private by default): these requests come from a signed-in viewer.
const request = (path: string) => new NextRequest(new URL(path, "http://127.0.0.1"), { headers: { cookie: reader.cookie } });
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function call<T>(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

const summary = (id: string, query = "") =>
  call<NeighbourSummary>(summaryRoute(request(`/api/entities/${id}/neighbour-summary${query}`), withId(id)));
const neighbours = (id: string, query: string) =>
  call<NeighbourPageWithDegrees>(neighboursRoute(request(`/api/entities/${id}/neighbours?${query}`), withId(id)));
const claims = (id: string, query = "") =>
  call<ClaimsPage>(claimsRoute(request(`/api/entities/${id}/claims${query}`), withId(id)));

describe("GET /api/entities/{id}/neighbour-summary", () => {
  // How fast the summary is belongs to the benchmark ("neighbour summary" in bench/api-cases.ts), not here.
  it("counts a 10k-neighbour hub per type and per relationship, the same on every call", async () => {
    const answers: NeighbourSummary[] = [];
    for (let run = 0; run < 3; run++) {
      const answer = await summary(hub);
      expect(answer.status, answer.body.error).toBe(200);
      answers.push(answer.body);
    }
    // The first call plans the query, later ones reuse the plan: the counts must not depend on which.
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const body = answers.at(-1);

    expect(body?.id).toBe(hub);
    expect(body?.total).toBe(NEIGHBOURS);
    expect(body?.byType).toEqual({
      ...Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])),
      Company: COMPANIES,
      Legislator: LEGISLATORS,
      Event: EVENTS,
    });
    expect(body?.byRelationship).toEqual({
      ...Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, 0])),
      LOCATED_IN: COMPANIES,
      PART_OF: ALSO_PART_OF,
      REPRESENTS: LEGISLATORS,
      OCCURRED_IN: EVENTS,
    });
  });

  it("agrees with the entity's degree on the seed story", async () => {
    const { status, body } = await summary("company-thermo-fisher");
    expect(status).toBe(200);
    expect(body.total).toBe((await getEntity(TEST_VIEWER, "company-thermo-fisher")).degree);
    expect(Object.values(body.byType).reduce((sum, count) => sum + count, 0)).toBe(body.total);
  });

  it("answers 404 for an unknown id, 400 for a malformed one or any parameter", async () => {
    expect((await summary(`${prefix}nobody`)).status).toBe(404);
    expect((await summary("Bad Id")).status).toBe(400);
    const extra = await summary(hub, "?limit=5");
    expect(extra.status).toBe(400);
    expect(extra.body.error).toContain("limit");
  });
});

describe("GET /api/entities/{id}/neighbours by relationship and by degree", () => {
  it("filters by relationship type: the total, the neighbours and the relationships of that type only", async () => {
    const { status, body } = await neighbours(hub, "relationship=REPRESENTS&limit=100");
    expect(status).toBe(200);
    expect(body.total).toBe(LEGISLATORS);
    expect(body.nodes).toHaveLength(100);
    expect(body.nodes.every((node) => node.type === "Legislator")).toBe(true);
    expect(body.edges).toHaveLength(100);
    expect(body.edges.every((edge) => edge.type === "REPRESENTS")).toBe(true);

    // A neighbour joined twice shows only the relationship asked for.
    const partOf = await neighbours(hub, "relationship=PART_OF&limit=500");
    expect(partOf.body.total).toBe(ALSO_PART_OF);
    expect(partOf.body.edges.map((edge) => edge.type)).toEqual(Array(ALSO_PART_OF).fill("PART_OF"));

    const none = await neighbours(hub, "relationship=LOCATED_IN&type=Legislator");
    expect(none.body.total).toBe(0);
    expect(none.body.nodes).toEqual([]);
  });

  it("puts the most connected neighbours first with order=degree, and reports each one's degree", async () => {
    const { status, body } = await neighbours(hub, "order=degree&limit=10");
    expect(status).toBe(200);
    expect(body.total).toBe(NEIGHBOURS);
    expect(body.nodes.slice(0, 3).map((node) => node.id)).toEqual(WELL_CONNECTED.map((item) => item.id));
    expect(WELL_CONNECTED.map((item) => body.degrees[item.id])).toEqual(WELL_CONNECTED.map((item) => item.extra + 1));
    // Then the companies linked to the hub twice, before everyone with a single link.
    const degrees = body.nodes.map((node) => body.degrees[node.id]);
    expect(degrees.slice(3)).toEqual(Array(7).fill(2));
    expect(degrees).toEqual([...degrees].sort((a, b) => (b ?? 0) - (a ?? 0)));
  });

  it("pages by degree stably, and keeps name order as the default", async () => {
    const first = await neighbours(hub, "order=degree&relationship=PART_OF&limit=50&offset=0");
    const second = await neighbours(hub, "order=degree&relationship=PART_OF&limit=50&offset=50");
    const again = await neighbours(hub, "order=degree&relationship=PART_OF&limit=50&offset=50");
    expect(second.body.nodes.map((node) => node.id)).toEqual(again.body.nodes.map((node) => node.id));
    const ids = [...first.body.nodes, ...second.body.nodes].map((node) => node.id);
    expect(new Set(ids).size).toBe(100);

    const byName = await neighbours(hub, "limit=20");
    const names = byName.body.nodes.map((node) => `${node.name}\u0000${node.id}`);
    expect(names).toEqual([...names].sort());
    const explicit = await neighbours(hub, "limit=20&order=name");
    expect(explicit.body.nodes).toEqual(byName.body.nodes);
  });

  it.each([
    ["an unknown order", "order=popularity", "order must be name or degree"],
    ["an unknown relationship type", "relationship=LIKES", "relationship"],
    ["an unknown parameter", "sort=degree", "sort"],
  ])("answers 400 for %s", async (_label, query, message) => {
    const { status, body } = await neighbours(hub, query);
    expect(status).toBe(400);
    expect(body.error).toContain(message);
  });
});

describe("GET /api/entities/{id}/claims", () => {
  const cited = seedRelationships.filter((relationship) => relationship.sources.includes(SEED_ARTICLE_ID));

  it("lists every relationship the seed article supports, by type then id, with quotes and endpoints", async () => {
    const { status, body } = await claims(SEED_ARTICLE_ID, "?limit=200");
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ id: SEED_ARTICLE_ID, type: "Report" });
    expect(body.total).toBe(cited.length);
    expect(body).toMatchObject({ limit: 200, offset: 0 });
    const expected = [...cited]
      .sort((a, b) => (a.type === b.type ? (a.id < b.id ? -1 : 1) : a.type < b.type ? -1 : 1))
      .map((relationship) => relationship.id);
    expect(body.edges.map((edge) => edge.id)).toEqual(expected);
    for (const edge of body.edges) {
      expect(edge.sources.map((source) => source.id)).toContain(SEED_ARTICLE_ID);
      expect(edge.quote).toBe(cited.find((relationship) => relationship.id === edge.id)?.quote ?? null);
    }
    expect(body.edges.some((edge) => edge.quote !== null)).toBe(true);
    const endpoints = new Set(body.edges.flatMap((edge) => [edge.source, edge.target]));
    expect(body.nodes.map((node) => node.id).sort()).toEqual([...endpoints].sort());
  });

  it("pages stably", async () => {
    const all = await claims(SEED_ARTICLE_ID, "?limit=200");
    const page = await claims(SEED_ARTICLE_ID, "?limit=5&offset=5");
    expect(page.body.total).toBe(all.body.total);
    expect(page.body.edges.map((edge) => edge.id)).toEqual(all.body.edges.slice(5, 10).map((edge) => edge.id));
    const endpoints = new Set(page.body.edges.flatMap((edge) => [edge.source, edge.target]));
    expect(page.body.nodes.map((node) => node.id).sort()).toEqual([...endpoints].sort());
  });

  it("counts the claims of a report cited by every test relationship (10,560), a page at a time", async () => {
    const total = NEIGHBOURS + ALSO_PART_OF + WELL_CONNECTED.reduce((sum, item) => sum + item.extra, 0);
    const started = performance.now();
    const { status, body } = await claims(report, "?limit=200&offset=10300");
    console.info(`[exploration] claims page of a report cited ${total} times: ${(performance.now() - started).toFixed(0)} ms`);
    expect(status).toBe(200);
    expect(body.total).toBe(total);
    expect(body.edges).toHaveLength(200);
  });

  it("refuses an entity that is not a report (400), an unknown one (404) and a page over 200 (400)", async () => {
    const company = await claims("company-thermo-fisher");
    expect(company.status).toBe(400);
    expect(company.body.error).toContain("Only reports support claims");
    const unknown = await claims(`${prefix}nobody`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain(`${prefix}nobody`);
    const big = await claims(SEED_ARTICLE_ID, "?limit=201");
    expect(big.status).toBe(400);
    expect(big.body.error).toContain("at most 200");
    expect((await claims(SEED_ARTICLE_ID, "?type=Company")).status).toBe(400);
  });
});
