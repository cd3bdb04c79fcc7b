/**
 * Expanding a node adds the neighbours call's answer to the view instead of reading the whole view again
 * (lib/explore/expansion.ts). That is only right if the merge ends where the server's subgraph of the new
 * view would: same entities, same relationships. Checked here against the real database, for a plain
 * expansion, one filtered by relationship type, and one from an empty view.
 */
import { closeDriver } from "@/lib/db/driver";
import { getNeighbours, getSubgraph } from "@/lib/explore/entities";
import { expansionGraph, mergeGraph } from "@/lib/explore/expansion";
import type { GraphData } from "@/lib/graph/types";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("expand");
const id = (name: string) => `${prefix}${name}`;
const report = id("report");

beforeAll(async () => {
  // center c with neighbours n1..n3; v is in the view and linked to n1; n2 and n3 are linked to each other;
  // far is linked to n2 but never in the view. c and n1 are joined twice, by two types.
  await cypher(
    `CREATE (:Entity:Report {id: $report, name: 'Test report'})
     CREATE (c:Entity:Company {id: $p + 'c', name: 'Center'})
     CREATE (v:Entity:Company {id: $p + 'v', name: 'Viewed'})
     CREATE (n1:Entity:Company {id: $p + 'n1', name: 'N1'})
     CREATE (n2:Entity:Company {id: $p + 'n2', name: 'N2'})
     CREATE (n3:Entity:Region {id: $p + 'n3', name: 'N3'})
     CREATE (far:Entity:Company {id: $p + 'far', name: 'Far'})
     CREATE (c)-[:OWNER_OF {id: $p + 'c-n1-owns', sources: [$report]}]->(n1)
     CREATE (n1)-[:SUPPLIED {id: $p + 'n1-c-supplies', sources: [$report]}]->(c)
     CREATE (c)-[:OWNER_OF {id: $p + 'c-n2', sources: [$report]}]->(n2)
     CREATE (c)-[:LOCATED_IN {id: $p + 'c-n3', sources: [$report]}]->(n3)
     CREATE (v)-[:SUPPLIED {id: $p + 'v-n1', sources: [$report]}]->(n1)
     CREATE (n2)-[:LOCATED_IN {id: $p + 'n2-n3', sources: [$report]}]->(n3)
     CREATE (far)-[:SUPPLIED {id: $p + 'far-n2', sources: [$report]}]->(n2)`,
    { p: prefix, report },
  );
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

const sorted = (graph: GraphData) => ({
  nodes: graph.nodes.map((node) => node.id).sort(),
  edges: graph.edges.map((edge) => edge.id).sort(),
});

/** The view after expanding `center` from `view`, both ways: merged from the page, and read whole. */
async function bothWays(view: string[], center: string, filter: { relationship?: "OWNER_OF" } = {}) {
  const before = view.length > 0 ? await getSubgraph(TEST_VIEWER, view) : { nodes: [], edges: [] };
  const page = await getNeighbours(TEST_VIEWER, center, { limit: 50, offset: 0, within: view, ...filter });
  const shown = [...new Set([...view, page.center.id, ...page.nodes.map((node) => node.id)])];
  return { merged: mergeGraph(before, expansionGraph(page), shown), whole: await getSubgraph(TEST_VIEWER, shown), page };
}

describe("expanding a node from the neighbours page alone", () => {
  it("ends with the entities and relationships the subgraph of the new view has", async () => {
    const { merged, whole, page } = await bothWays([id("c"), id("v")], id("c"));
    expect(page.links.length).toBeGreaterThan(0);
    expect(sorted(merged)).toEqual(sorted(whole));
    // The relationships among the new neighbours and to the view came with the page, not from a second read.
    expect(sorted(merged).edges).toEqual(expect.arrayContaining([id("v-n1"), id("n2-n3"), id("n1-c-supplies")]));
    expect(sorted(merged).edges).not.toContain(id("far-n2"));
  });

  it("also when the expansion asks for one relationship type only", async () => {
    const { merged, whole, page } = await bothWays([id("c"), id("v")], id("c"), { relationship: "OWNER_OF" });
    expect(page.edges.every((edge) => edge.type === "OWNER_OF")).toBe(true);
    expect(sorted(merged)).toEqual(sorted(whole));
  });

  it("also from an empty view (a search result)", async () => {
    const { merged, whole } = await bothWays([], id("c"));
    expect(sorted(merged)).toEqual(sorted(whole));
  });

  it("sends no links unless the view is given", async () => {
    const page = await getNeighbours(TEST_VIEWER, id("c"), { limit: 50, offset: 0 });
    expect(page.edges.length).toBeGreaterThan(0);
    expect(page.links).toEqual([]);
  });
});
