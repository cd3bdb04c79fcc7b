import { closeDriver } from "@/lib/db/driver";
import { getEntity, getNeighbours, getSubgraph } from "@/lib/explore/entities";
import { NotFoundError } from "@/lib/errors";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("hub");
const hubId = `${prefix}hub`;
const NEIGHBOURS = 1_200;
const report = `${prefix}report`;

beforeAll(async () => {
  // A hub with 1,200 neighbours: 1,000 companies and 200 regions, each link citing one report.
  await cypher(
    `CREATE (:Entity:Report {id: $report, name: 'Test report'})
     CREATE (hub:Entity:Agency {id: $hubId, name: 'Test hub'})
     WITH hub
     UNWIND range(1, $count) AS i
     CREATE (m:Entity {id: $prefix + 'n' + toString(i), name: 'Neighbour ' + toString(i % 7)})
     FOREACH (_ IN CASE WHEN i <= 1000 THEN [1] ELSE [] END | SET m:Company)
     FOREACH (_ IN CASE WHEN i > 1000 THEN [1] ELSE [] END | SET m:Region)
     CREATE (m)-[:LOCATED_IN {id: $prefix + 'r' + toString(i), sources: [$report], quote: 'q'}]->(hub)`,
    { prefix, hubId, report, count: NEIGHBOURS },
  );
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

describe("neighbours", () => {
  it("returns a page with the total, never everything", async () => {
    const page = await getNeighbours(TEST_VIEWER, hubId, { limit: 50, offset: 0 });
    expect(page.total).toBe(NEIGHBOURS);
    expect(page.nodes).toHaveLength(50);
    expect(page.edges).toHaveLength(50);
    expect(page.center.id).toBe(hubId);
  });

  it("pages are stable, do not overlap and together cover every neighbour, even when names repeat", async () => {
    // Only seven distinct names among 1,200 neighbours: the order must break ties by id.
    const first = await getNeighbours(TEST_VIEWER, hubId, { limit: 100, offset: 0 });
    const again = await getNeighbours(TEST_VIEWER, hubId, { limit: 100, offset: 0 });
    expect(again.nodes.map((node) => node.id)).toEqual(first.nodes.map((node) => node.id));

    const seen: string[] = [];
    for (let offset = 0; offset < NEIGHBOURS; offset += 100) {
      const page = await getNeighbours(TEST_VIEWER, hubId, { limit: 100, offset });
      seen.push(...page.nodes.map((node) => node.id));
    }
    expect(seen).toHaveLength(NEIGHBOURS);
    expect(new Set(seen).size).toBe(NEIGHBOURS);
  });

  it("filters by neighbour type, with the total for that type", async () => {
    const page = await getNeighbours(TEST_VIEWER, hubId, { limit: 500, offset: 0, type: "Region" });
    expect(page.total).toBe(200);
    expect(page.nodes.every((node) => node.type === "Region")).toBe(true);
  });

  it("resolves each relationship's sources to report names", async () => {
    const page = await getNeighbours(TEST_VIEWER, hubId, { limit: 1, offset: 0 });
    expect(page.edges[0]?.sources).toEqual([
      { id: report, name: "Test report", publisher: null, url: null, publishedAt: null },
    ]);
    expect(page.edges[0]?.quote).toBe("q");
  });

  it("answers NotFound for an unknown id", async () => {
    await expect(getNeighbours(TEST_VIEWER, `${prefix}missing`, { limit: 10, offset: 0 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEntity(TEST_VIEWER, `${prefix}missing`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reports an entity's degree", async () => {
    const details = await getEntity(TEST_VIEWER, hubId);
    expect(details.degree).toBe(NEIGHBOURS);
  });
});

describe("subgraph of a view", () => {
  it("returns the listed entities, the relationships among them, and the ids that no longer exist", async () => {
    const graph = await getSubgraph(TEST_VIEWER, [hubId, `${prefix}n1`, `${prefix}n2`, `${prefix}gone`]);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual([hubId, `${prefix}n1`, `${prefix}n2`].sort());
    expect(graph.edges.map((edge) => edge.id).sort()).toEqual([`${prefix}r1`, `${prefix}r2`]);
    expect(graph.missing).toEqual([`${prefix}gone`]);
  });
});
