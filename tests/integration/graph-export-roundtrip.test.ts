import { closeDriver } from "@/lib/db/driver";
import { ensureDatabaseReady } from "@/lib/database";
import { getSubgraph, type Subgraph } from "@/lib/explore/entities";
import { toRedstringJson, type RedstringJson } from "@/lib/export/json-csv";
import type { GraphData } from "@/lib/graph/types";
import { loadGraph } from "@/graph-seed/load";
import type { GraphInput } from "@/lib/model/registry";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("export");
const id = (name: string) => `${prefix}${name}`;

/** A small graph touching every entity type, dates of each precision, relationship fields and quotes. */
const input: GraphInput = {
  entities: [
    { type: "Report", id: id("article"), name: "The article", aliases: [], publisher: "The Paper", url: "https://paper.example/a", publishedAt: "2019-02-20", kind: "article" },
    // Cited, but left out of the subgraph that is exported: it must come along anyway.
    { type: "Report", id: id("letter"), name: "The letter", aliases: ["Letter"], description: "Asks questions.", publisher: "A Commission", publishedAt: "2018-05-01", kind: "letter" },
    { type: "Company", id: id("company"), name: "Acme & Sons <Ltd>", aliases: ["Acme", "A&S"], description: "Makes \"things\".", industry: "Biotech", website: "https://acme.example" },
    { type: "Legislator", id: id("senator"), name: "A Senator", aliases: [], party: "Independent", state: "Florida", chamber: "senate" },
    { type: "Person", id: id("person"), name: "A Person", aliases: [], occupation: "Researcher" },
    { type: "Agency", id: id("agency"), name: "An Agency", aliases: [], jurisdiction: "Federal" },
    { type: "Organization", id: id("org"), name: "An NGO", aliases: [], kind: "NGO" },
    { type: "Region", id: id("region"), name: "A Region", aliases: [], kind: "province", code: "XJ" },
    { type: "Event", id: id("event"), name: "Something happened", aliases: [], date: "2018-02-01", datePrecision: "month", kind: "decision" },
  ],
  relationships: [
    { id: id("r-supplied"), type: "SUPPLIED", from: id("company"), to: id("agency"), properties: { product: "sequencers" }, sources: [id("article"), id("letter")], quote: "sold sequencers" },
    { id: id("r-located"), type: "LOCATED_IN", from: id("agency"), to: id("region"), properties: { role: "headquarters" }, sources: [id("article")] },
    { id: id("r-member"), type: "MEMBER_OF", from: id("senator"), to: id("agency"), properties: {}, sources: [id("letter")], quote: "a member" },
    { id: id("r-acted"), type: "ACTED_IN", from: id("company"), to: id("event"), properties: { role: "decided" }, sources: [id("article")] },
    { id: id("r-target"), type: "TARGET_OF", from: id("person"), to: id("event"), properties: {}, sources: [id("article")] },
    { id: id("r-occurred"), type: "OCCURRED_IN", from: id("event"), to: id("region"), properties: {}, sources: [id("article")] },
    { id: id("r-published"), type: "PUBLISHED_BY", from: id("article"), to: id("org"), properties: {}, sources: [id("article")] },
    { id: id("r-documents"), type: "DOCUMENTS", from: id("article"), to: id("event"), properties: {}, sources: [id("article")] },
  ],
};
const subgraphIds = input.entities.map((entity) => entity.id).filter((entityId) => entityId !== id("letter"));

/** A read as comparable data: bookkeeping timestamps dropped, nodes and edges in id order. */
function comparable(graph: GraphData) {
  const withoutStamps = (properties: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(properties).filter(([key]) => key !== "createdAt" && key !== "updatedAt"));
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    nodes: graph.nodes.map((node) => ({ ...node, properties: withoutStamps(node.properties) })).sort(byId),
    edges: graph.edges.map((edge) => ({ ...edge, properties: withoutStamps(edge.properties) })).sort(byId),
  };
}

/** As a file would carry it: through JSON text and back. */
function asFile(json: RedstringJson): RedstringJson {
  return JSON.parse(JSON.stringify(json)) as RedstringJson;
}

async function countUnderPrefix(): Promise<number> {
  const [row] = await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS count", { prefix });
  return Number(row?.count);
}

let original: Subgraph;
let originalLetter: Subgraph;

beforeAll(async () => {
  await ensureDatabaseReady();
  await loadGraph(input);
  original = await getSubgraph(TEST_VIEWER, subgraphIds);
  originalLetter = await getSubgraph(TEST_VIEWER, [id("letter")]);
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

describe("Redstring JSON export against the real database", () => {
  it("reads back what was loaded", () => {
    expect(original.missing).toEqual([]);
    expect(original.nodes).toHaveLength(subgraphIds.length);
    expect(original.edges).toHaveLength(input.relationships.length);
  });

  it("re-imports to the same graph, cited reports outside the subgraph included", async () => {
    const exported = asFile(toRedstringJson(original, { title: "Round trip", citedReports: originalLetter.nodes }));
    expect(exported.entities.map((entity) => entity.id)).toContain(id("letter"));

    await deleteByPrefix(prefix);
    expect(await countUnderPrefix()).toBe(0);
    const loaded = await loadGraph({ entities: exported.entities, relationships: exported.relationships });
    expect(loaded).toEqual({ entitiesCreated: input.entities.length, relationshipsCreated: input.relationships.length });

    expect(comparable(await getSubgraph(TEST_VIEWER, subgraphIds))).toEqual(comparable(original));
    expect(comparable(await getSubgraph(TEST_VIEWER, [id("letter")]))).toEqual(comparable(originalLetter));
  });

  it("re-imports without the full cited reports, rebuilding them from the edges' sources", async () => {
    const exported = asFile(toRedstringJson(original, {}));
    await deleteByPrefix(prefix);
    await loadGraph({ entities: exported.entities, relationships: exported.relationships });

    // The subgraph itself is identical: the edges cite the same reports, with the same names and links.
    expect(comparable(await getSubgraph(TEST_VIEWER, subgraphIds))).toEqual(comparable(original));
    const [letter] = (await getSubgraph(TEST_VIEWER, [id("letter")])).nodes;
    expect(letter).toMatchObject({
      id: id("letter"),
      type: "Report",
      name: "The letter",
      properties: { publisher: "A Commission", publishedAt: "2018-05-01" },
    });
  });
});
