import neo4j from "neo4j-driver";
import { convertRows, findMissingParts, typedValueCell, type ResultExtras } from "@/lib/queries/result";
import type { RawNode } from "@/lib/explore/from-records";

const { Node, Relationship, Path, PathSegment } = neo4j.types;
let nextIdentity = 1;

function node(elementId: string, labels: string[], properties: Record<string, unknown>) {
  return new Node(neo4j.int(nextIdentity++), labels, properties, elementId);
}

function relationship(elementId: string, type: string, start: string, end: string, properties: Record<string, unknown>) {
  return new Relationship(neo4j.int(nextIdentity++), neo4j.int(0), neo4j.int(0), type, properties, elementId, start, end);
}

const thermo = node("e:1", ["Entity", "Company"], {
  id: "company-thermo-fisher",
  name: "Thermo Fisher",
  aliasText: "TMO",
  founded: neo4j.int(1956),
});
const xinjiang = node("e:2", ["Region", "Entity"], { id: "region-xinjiang", name: "Xinjiang" });
const event = node("e:3", ["Entity", "Event"], { id: "event-x", name: "Sales stop", date: new neo4j.types.Date(2019, 2, 20) });
const secret = node("e:9", ["SavedQuery"], { id: "saved-1", cypher: "MATCH (n) RETURN n", owner: "alice" });

const locatedIn = relationship("r:1", "LOCATED_IN", "e:1", "e:2", {
  id: "rel-located",
  sources: ["report-b", "report-a"],
  quote: "a quote",
  role: "plant",
});
const actedIn = relationship("r:2", "ACTED_IN", "e:1", "e:3", { id: "rel-acted", sources: ["report-a"] });
const internal = relationship("r:3", "OWNS", "e:9", "e:1", { id: "own-1", token: "secret" });

const noExtras: ResultExtras = { endpoints: new Map(), reports: [] };
const reports = [
  { id: "report-a", name: "Report A", publisher: "HRW", url: "https://example.org/a", publishedAt: new neo4j.types.Date(2019, 2, 1) },
  { id: "report-b", name: "Report B", publisher: null, url: null, publishedAt: null },
];

describe("convertRows: cells", () => {
  it("turns Entities into node cells with our id, type, name and plain properties", () => {
    const { rows, graph } = convertRows([[thermo]], noExtras, 100);
    expect(rows).toEqual([
      [{ kind: "node", id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher", properties: { founded: 1956 } }],
    ]);
    expect(graph.nodes.map((item) => item.id)).toEqual(["company-thermo-fisher"]);
  });

  it("redacts nodes that are not Entities and relationships of unknown types, wherever they are", () => {
    const { rows, graph } = convertRows([[secret, [secret], { inner: secret }, internal]], noExtras, 100);
    const redacted = { kind: "node", id: null, type: null, name: null, properties: {} };
    expect(rows[0]).toEqual([
      redacted,
      [redacted],
      { inner: redacted },
      { kind: "relationship", id: null, type: "OWNS", source: null, target: null, properties: {} },
    ]);
    expect(JSON.stringify(rows)).not.toContain("alice");
    expect(JSON.stringify(rows)).not.toContain("secret");
    expect(graph).toEqual({ nodes: [], edges: [] });
  });

  it("converts scalars: integers and floats as numbers, dates tagged, nulls, nested lists and maps", () => {
    const { rows } = convertRows(
      [[neo4j.int(5), new neo4j.types.Date(2019, 2, 20), null, [neo4j.int(1), "a"], { n: neo4j.int(2), d: null }, 1.5, true]],
      noExtras,
      100,
    );
    expect(rows[0]).toEqual([5, { kind: "date", value: "2019-02-20" }, null, [1, "a"], { n: 2, d: null }, 1.5, true]);
  });

  it("tags what JSON cannot tell from text: dates, date-times, local date-times, integers past 2^53, nested too", () => {
    const instant = new neo4j.types.DateTime(2011, 12, 29, 14, 3, 0, 0, 3600);
    const local = new neo4j.types.LocalDateTime(2011, 12, 29, 14, 3, 0, 0);
    const big = neo4j.int("9007199254740993");
    const { rows } = convertRows([[instant, local, big, [new neo4j.types.Date(2011, 1, 1)], { when: new neo4j.types.Date(2011, 3, 1) }, "2011-12-29"]], noExtras, 100);
    expect(rows[0]).toEqual([
      { kind: "datetime", value: "2011-12-29T14:03:00+01:00" },
      { kind: "localdatetime", value: "2011-12-29T14:03:00" },
      { kind: "integer", value: "9007199254740993" },
      [{ kind: "date", value: "2011-01-01" }],
      { when: { kind: "date", value: "2011-03-01" } },
      // A string that looks like a date stays a string: the database said it is text.
      "2011-12-29",
    ]);
    expect(typedValueCell(neo4j.int(42))).toBeNull();
  });

  it("turns registry relationships into cells with our ids for the endpoints", () => {
    const { rows } = convertRows([[thermo, locatedIn, xinjiang]], noExtras, 100);
    expect(rows[0]?.[1]).toEqual({
      kind: "relationship",
      id: "rel-located",
      type: "LOCATED_IN",
      source: "company-thermo-fisher",
      target: "region-xinjiang",
      properties: { sources: ["report-b", "report-a"], quote: "a quote", role: "plant" },
    });
  });

  it("turns a path into our ids, and puts its nodes and relationships into the graph", () => {
    const path = new Path(xinjiang, event, [
      new PathSegment(xinjiang, locatedIn, thermo),
      new PathSegment(thermo, actedIn, event),
    ]);
    const { rows, graph } = convertRows([[path]], { endpoints: new Map(), reports }, 100);
    expect(rows[0]?.[0]).toEqual({
      kind: "path",
      nodes: ["region-xinjiang", "company-thermo-fisher", "event-x"],
      relationships: ["rel-located", "rel-acted"],
    });
    expect(graph.nodes.map((item) => item.id).sort()).toEqual(["company-thermo-fisher", "event-x", "region-xinjiang"]);
    expect(graph.edges.map((item) => [item.id, item.source, item.target])).toEqual([
      ["rel-located", "company-thermo-fisher", "region-xinjiang"],
      ["rel-acted", "company-thermo-fisher", "event-x"],
    ]);
  });
});

describe("convertRows: graph", () => {
  it("resolves cited sources in the order cited, without provenance among the properties", () => {
    const { graph } = convertRows([[thermo, locatedIn, xinjiang]], { endpoints: new Map(), reports }, 100);
    expect(graph.edges).toEqual([
      {
        id: "rel-located",
        type: "LOCATED_IN",
        source: "company-thermo-fisher",
        target: "region-xinjiang",
        properties: { role: "plant" },
        quote: "a quote",
        sources: [
          { id: "report-b", name: "Report B", publisher: null, url: null, publishedAt: null },
          { id: "report-a", name: "Report A", publisher: "HRW", url: "https://example.org/a", publishedAt: "2019-02-01" },
        ],
      },
    ]);
  });

  it("de-duplicates nodes and edges seen in several rows and inside lists", () => {
    const { graph } = convertRows([[thermo, [locatedIn]], [thermo, { again: locatedIn }], [xinjiang, null]], noExtras, 100);
    expect(graph.nodes.map((item) => item.id)).toEqual(["company-thermo-fisher", "region-xinjiang"]);
    expect(graph.edges.map((item) => item.id)).toEqual(["rel-located"]);
  });

  it("uses fetched endpoints for relationships returned without their nodes, and drops edges it cannot anchor", () => {
    expect(findMissingParts([[locatedIn, internal]])).toEqual({
      endpointElementIds: ["e:1", "e:2"],
      reportIds: ["report-b", "report-a"],
    });
    expect(findMissingParts([[thermo, locatedIn, xinjiang]]).endpointElementIds).toEqual([]);

    const endpoints = new Map<string, RawNode>([["e:1", { labels: thermo.labels, properties: thermo.properties }]]);
    const partial = convertRows([[locatedIn]], { endpoints, reports: [] }, 100);
    // e:2 was not found as an Entity: the edge cannot be drawn, and its target is unknown in the table.
    expect(partial.graph.edges).toEqual([]);
    expect(partial.rows[0]?.[0]).toMatchObject({ source: "company-thermo-fisher", target: null });

    endpoints.set("e:2", { labels: xinjiang.labels, properties: xinjiang.properties });
    const full = convertRows([[locatedIn]], { endpoints, reports: [] }, 100);
    expect(full.graph.nodes.map((item) => item.id)).toEqual(["company-thermo-fisher", "region-xinjiang"]);
    expect(full.graph.edges.map((item) => item.id)).toEqual(["rel-located"]);
  });

  it("caps the graph at maxGraphElements, never leaving an edge without its nodes", () => {
    const rows = [[thermo], [locatedIn], [xinjiang], [event]];
    const endpoints = new Map<string, RawNode>();
    const two = convertRows(rows, { endpoints, reports: [] }, 2);
    expect(two.graphTruncated).toBe(true);
    // thermo, then the edge would need xinjiang too (3 elements): skipped; xinjiang fits, event does not.
    expect(two.graph.nodes.map((item) => item.id)).toEqual(["company-thermo-fisher", "region-xinjiang"]);
    expect(two.graph.edges).toEqual([]);
    expect(two.rows).toHaveLength(4);

    const all = convertRows([[thermo, locatedIn, xinjiang]], { endpoints, reports: [] }, 3);
    expect(all.graphTruncated).toBe(false);
    expect(all.graph.nodes.length + all.graph.edges.length).toBe(3);
  });
});
