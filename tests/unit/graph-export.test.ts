import { parseGraphInput, validateGraphInput } from "@/graph-seed/validate";
import { seedEntities, seedRelationships } from "@/graph-seed/seed-story";
import { REDSTRING_JSON_FORMAT, toEdgesCsv, toNodesCsv, toRedstringJson } from "@/lib/export/json-csv";
import type { PositionedGraph } from "@/lib/graph/positioned";
import type { GraphData, GraphEdge, GraphNode, SourceRef } from "@/lib/graph/types";
import type { EntityInput } from "@/lib/model/registry";

const STAMP = { createdAt: "2024-05-01T10:00:00.000Z", updatedAt: "2024-05-02T10:00:00.000Z" };

function sourceRef(id: string): SourceRef {
  const report = seedEntities.find((entity) => entity.id === id);
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return { id, name: report?.name ?? id, publisher: text(report?.publisher), url: text(report?.url), publishedAt: text(report?.publishedAt) };
}

/** The seed story as getSubgraph reads it back: bookkeeping properties, no aliasText, sources resolved. */
function seedAsRead(): GraphData {
  return {
    nodes: seedEntities.map(({ id, type, name, ...rest }) => ({
      id,
      type,
      name,
      properties: { ...(rest as GraphNode["properties"]), ...STAMP },
    })),
    edges: seedRelationships.map((relationship) => ({
      id: relationship.id,
      type: relationship.type,
      source: relationship.from,
      target: relationship.to,
      properties: { ...relationship.properties, ...STAMP },
      sources: relationship.sources.map(sourceRef),
      quote: relationship.quote ?? null,
    })),
  };
}

function node(id: string, type: GraphNode["type"], name: string, properties: GraphNode["properties"] = {}): GraphNode {
  return { id, type, name, properties };
}

function edge(id: string, type: GraphEdge["type"], source: string, target: string, sources: SourceRef[], extra: Partial<GraphEdge> = {}): GraphEdge {
  return { id, type, source, target, properties: {}, sources, quote: null, ...extra };
}

const wsj: SourceRef = {
  id: "report-wsj",
  name: "WSJ article",
  publisher: "The Wall Street Journal",
  url: "https://www.wsj.com/articles/x",
  publishedAt: "2019-02-20",
};

describe("toRedstringJson", () => {
  it("turns the seed story, as read back, into exactly the seed input", async () => {
    const json = toRedstringJson(seedAsRead(), { title: "Seed", exportedAt: "2024-06-01T00:00:00.000Z" });
    expect(json.format).toBe(REDSTRING_JSON_FORMAT);
    expect(json.version).toBe(1);
    expect(json.title).toBe("Seed");
    expect(json.exportedAt).toBe("2024-06-01T00:00:00.000Z");
    expect(json.positions).toBeUndefined();
    const reparsed = await parseGraphInput({ entities: json.entities, relationships: json.relationships });
    const seed = await parseGraphInput({ entities: seedEntities, relationships: seedRelationships });
    expect(reparsed).toEqual(seed);
    expect(json.entities).toEqual(seed.entities);
    expect(json.relationships).toEqual(seed.relationships);
  });

  it("keeps only the fields the entity's schema allows", () => {
    const event = node("event-x", "Event", "Something happened", {
      aliases: ["It"],
      description: "What happened",
      date: "2018-02-01",
      datePrecision: "month",
      kind: "hearing",
      ...STAMP,
      aliasText: "It",
      secret: "not a field",
      endDate: null,
      website: "https://example.org", // a Company field, not an Event's
    });
    const [entity] = toRedstringJson({ nodes: [event], edges: [] }).entities;
    expect(entity).toEqual({
      type: "Event",
      id: "event-x",
      name: "Something happened",
      aliases: ["It"],
      description: "What happened",
      date: "2018-02-01",
      datePrecision: "month",
      kind: "hearing",
    });
    expect(Object.keys(entity as EntityInput)).toEqual(["type", "id", "name", "aliases", "description", "date", "datePrecision", "kind"]);
  });

  it("maps an edge to a relationship with its own fields, report ids and quote", async () => {
    const graph: GraphData = {
      nodes: [node("company-a", "Company", "A"), node("agency-b", "Agency", "B"), node("report-wsj", "Report", "WSJ article")],
      edges: [
        edge("rel-1", "SUPPLIED", "company-a", "agency-b", [wsj], {
          properties: { product: "sequencers", ...STAMP, unknown: "x" },
          quote: "sold sequencers",
        }),
        edge("rel-2", "PART_OF", "agency-b", "company-a", [wsj]),
      ],
    };
    const json = toRedstringJson(graph);
    expect(json.relationships).toEqual([
      { id: "rel-1", type: "SUPPLIED", from: "company-a", to: "agency-b", properties: { product: "sequencers" }, sources: ["report-wsj"], quote: "sold sequencers" },
      { id: "rel-2", type: "PART_OF", from: "agency-b", to: "company-a", properties: {}, sources: ["report-wsj"] },
    ]);
    await expect(validateGraphInput(json)).resolves.toEqual([]);
    expect(Date.parse(json.exportedAt)).not.toBeNaN();
  });

  it("adds the reports an edge cites but the graph does not hold, from the edge or from citedReports", async () => {
    const hrw: SourceRef = { id: "report-hrw", name: "HRW report", publisher: null, url: null, publishedAt: null };
    const graph: GraphData = {
      nodes: [node("company-a", "Company", "A"), node("agency-b", "Agency", "B")],
      edges: [edge("rel-1", "SUPPLIED", "company-a", "agency-b", [wsj, hrw]), edge("rel-2", "PART_OF", "agency-b", "company-a", [hrw])],
    };
    const fromEdges = toRedstringJson(graph);
    expect(fromEdges.entities.slice(2)).toEqual([
      { type: "Report", id: "report-wsj", name: "WSJ article", aliases: [], publisher: "The Wall Street Journal", url: "https://www.wsj.com/articles/x", publishedAt: "2019-02-20" },
      { type: "Report", id: "report-hrw", name: "HRW report", aliases: [] },
    ]);
    await expect(validateGraphInput(fromEdges)).resolves.toEqual([]);

    const fullHrw = node("report-hrw", "Report", "Human Rights Watch report", { kind: "report", description: "The full record", aliases: [], ...STAMP });
    const withFull = toRedstringJson(graph, { citedReports: [fullHrw] });
    expect(withFull.entities[3]).toEqual({ type: "Report", id: "report-hrw", name: "Human Rights Watch report", aliases: [], description: "The full record", kind: "report" });
    await expect(validateGraphInput(withFull)).resolves.toEqual([]);
  });

  it("leaves out edges whose ends are not in the graph, and carries positions", async () => {
    const graph: PositionedGraph = {
      nodes: [
        { ...node("company-a", "Company", "A"), position: { x: 1.5, y: -2 } },
        { ...node("report-wsj", "Report", "WSJ article"), position: { x: 10, y: 20 } },
      ],
      edges: [edge("rel-1", "SUPPLIED", "company-a", "agency-gone", [wsj])],
    };
    const json = toRedstringJson(graph, {});
    expect(json.relationships).toEqual([]);
    expect(json.positions).toEqual({ "company-a": { x: 1.5, y: -2 }, "report-wsj": { x: 10, y: 20 } });
    await expect(validateGraphInput(json)).resolves.toEqual([]);
    // Plain JSON all the way: survives a trip through text unchanged.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("CSV", () => {
  const graph: GraphData = {
    nodes: [
      node("company-a", "Company", "=HYPERLINK(\"http://evil\",\"click\")", { aliases: ["A, Inc.", "Alpha"], website: "https://a.example", ...STAMP }),
      node("agency-b", "Agency", "Bureau \"B\"\nsecond line", { jurisdiction: "federal", count: 3, flag: true, extra: null }),
    ],
    edges: [
      edge("rel-1", "SUPPLIED", "company-a", "agency-b", [wsj, { ...wsj, id: "report-hrw" }], {
        properties: { product: "+sequencers" },
        quote: "said, \"we stop\"",
      }),
      edge("rel-2", "PART_OF", "agency-b", "company-gone", [wsj]),
    ],
  };

  it("writes nodes with fixed columns, then every property key sorted", () => {
    const lines = toNodesCsv(graph).split("\r\n");
    expect(lines[0]).toBe("id,type,name,aliases,count,createdAt,extra,flag,jurisdiction,updatedAt,website");
    expect(lines[1]).toBe(
      `company-a,Company,"'=HYPERLINK(""http://evil"",""click"")","[""A, Inc."",""Alpha""]",,${STAMP.createdAt},,,,${STAMP.updatedAt},https://a.example`,
    );
    expect(toNodesCsv(graph)).toContain('agency-b,Agency,"Bureau ""B""\nsecond line",,3,,,true,federal,,');
    expect(toNodesCsv(graph).endsWith("\r\n")).toBe(true);
  });

  it("writes edges with both names, the report ids and the quote, skipping edges with an end missing", () => {
    const lines = toEdgesCsv(graph).split("\r\n");
    expect(lines[0]).toBe("id,type,source,target,source_name,target_name,sources,quote,product");
    // The name's line break stays inside its quoted field; rows end with CRLF.
    expect(lines[1]).toBe(
      `rel-1,SUPPLIED,company-a,agency-b,"'=HYPERLINK(""http://evil"",""click"")","Bureau ""B""\nsecond line",report-wsj; report-hrw,"said, ""we stop""",'+sequencers`,
    );
    expect(lines).toHaveLength(3);
    expect(toEdgesCsv(graph)).not.toContain("rel-2");
  });

  it("writes only the header for an empty graph", () => {
    expect(toNodesCsv({ nodes: [], edges: [] })).toBe("id,type,name\r\n");
    expect(toEdgesCsv({ nodes: [], edges: [] })).toBe("id,type,source,target,source_name,target_name,sources,quote\r\n");
  });
});
