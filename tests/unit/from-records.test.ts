import neo4j from "neo4j-driver";
import { compact, toGraphEdge, toGraphNode, type RawEdge } from "@/lib/explore/from-records";

describe("toGraphNode", () => {
  const raw = {
    labels: ["Entity", "Company"],
    properties: {
      id: "company-thermo-fisher",
      name: "Thermo Fisher Scientific Inc.",
      aliases: ["Thermo Fisher"],
      aliasText: "Thermo Fisher",
      industry: "Life sciences",
      employees: neo4j.int(130_000),
      createdAt: new neo4j.types.DateTime(2024, 5, 1, 10, 0, 0, 0, 0),
    },
  };

  it("maps a node with its type label and plain properties", () => {
    expect(toGraphNode(raw)).toEqual({
      id: "company-thermo-fisher",
      type: "Company",
      name: "Thermo Fisher Scientific Inc.",
      properties: {
        aliases: ["Thermo Fisher"],
        industry: "Life sciences",
        employees: 130_000,
        createdAt: "2024-05-01T10:00:00Z",
      },
    });
  });

  it("does not repeat id and name nor expose the search-only aliasText among the properties", () => {
    const node = toGraphNode(raw);
    expect(node?.properties).not.toHaveProperty("id");
    expect(node?.properties).not.toHaveProperty("name");
    expect(node?.properties).not.toHaveProperty("aliasText");
  });

  it("finds the type whatever the order of the labels", () => {
    expect(toGraphNode({ ...raw, labels: ["Region", "Entity"] })?.type).toBe("Region");
  });

  it("turns Neo4j dates into YYYY-MM-DD", () => {
    const node = toGraphNode({
      labels: ["Entity", "Event"],
      properties: { id: "event-1", name: "E", date: new neo4j.types.Date(2019, 2, 20) },
    });
    expect(node?.properties.date).toBe("2019-02-20");
  });

  it("returns null for a node without a known type label", () => {
    expect(toGraphNode({ ...raw, labels: ["Entity"] })).toBeNull();
    expect(toGraphNode({ ...raw, labels: ["Entity", "Spaceship"] })).toBeNull();
    expect(toGraphNode({ ...raw, labels: [] })).toBeNull();
  });

  it("returns null for a node without a string id", () => {
    const withoutId: Record<string, unknown> = { ...raw.properties };
    delete withoutId.id;
    expect(toGraphNode({ labels: raw.labels, properties: withoutId })).toBeNull();
    expect(toGraphNode({ labels: raw.labels, properties: { ...raw.properties, id: neo4j.int(3) } })).toBeNull();
  });

  it("falls back to the id when the name is missing", () => {
    expect(toGraphNode({ labels: ["Entity", "Person"], properties: { id: "person-x" } })?.name).toBe("person-x");
  });
});

describe("toGraphEdge", () => {
  const raw: RawEdge = {
    id: "rel-thermo-fisher-supplied-xinjiang-police",
    type: "SUPPLIED",
    source: "company-thermo-fisher",
    target: "agency-xinjiang-police",
    properties: {
      id: "rel-thermo-fisher-supplied-xinjiang-police",
      product: "DNA sequencers",
      sources: ["report-article", "report-hrw"],
      quote: "identified Thermo Fisher as a supplier",
      createdAt: new neo4j.types.DateTime(2024, 5, 1, 10, 0, 0, 0, 0),
    },
    // The database returns the cited reports in any order.
    sources: [
      { id: "report-hrw", name: "HRW report", publisher: "Human Rights Watch", url: null, publishedAt: new neo4j.types.Date(2017, 12, 1) },
      { id: "report-article", name: "WSJ article", publisher: "The Wall Street Journal", url: "https://www.wsj.com/a", publishedAt: new neo4j.types.Date(2019, 2, 20) },
    ],
  };

  it("maps a relationship with its provenance apart from its own properties", () => {
    const edge = toGraphEdge(raw);
    expect(edge).toMatchObject({
      id: "rel-thermo-fisher-supplied-xinjiang-police",
      type: "SUPPLIED",
      source: "company-thermo-fisher",
      target: "agency-xinjiang-police",
      properties: { product: "DNA sequencers", createdAt: "2024-05-01T10:00:00Z" },
      quote: "identified Thermo Fisher as a supplier",
    });
    expect(edge?.properties).not.toHaveProperty("sources");
    expect(edge?.properties).not.toHaveProperty("quote");
    expect(edge?.properties).not.toHaveProperty("id");
  });

  it("orders the sources as the relationship cites them, the first being the main one", () => {
    const edge = toGraphEdge(raw);
    expect(edge?.sources.map((source) => source.id)).toEqual(["report-article", "report-hrw"]);
    const reversed = toGraphEdge({ ...raw, properties: { ...raw.properties, sources: ["report-hrw", "report-article"] } });
    expect(reversed?.sources.map((source) => source.id)).toEqual(["report-hrw", "report-article"]);
  });

  it("maps each source to plain values, with null for what it lacks", () => {
    const edge = toGraphEdge(raw);
    expect(edge?.sources[0]).toEqual({
      id: "report-article",
      name: "WSJ article",
      publisher: "The Wall Street Journal",
      url: "https://www.wsj.com/a",
      publishedAt: "2019-02-20",
    });
    expect(edge?.sources[1]).toMatchObject({ url: null, publishedAt: "2017-12-01" });
    const bare = toGraphEdge({ ...raw, sources: [{ id: "report-article" }] });
    expect(bare?.sources).toEqual([{ id: "report-article", name: "report-article", publisher: null, url: null, publishedAt: null }]);
  });

  it("has a null quote and no sources when none are stored", () => {
    const edge = toGraphEdge({ ...raw, properties: { id: raw.id }, sources: [] });
    expect(edge?.quote).toBeNull();
    expect(edge?.sources).toEqual([]);
  });

  it("returns null for an unknown relationship type or missing ids", () => {
    expect(toGraphEdge({ ...raw, type: "LIKES" })).toBeNull();
    expect(toGraphEdge({ ...raw, id: null })).toBeNull();
    expect(toGraphEdge({ ...raw, source: null })).toBeNull();
    expect(toGraphEdge({ ...raw, target: neo4j.int(4) })).toBeNull();
  });
});

describe("compact", () => {
  it("drops nulls and keeps order", () => {
    expect(compact([1, null, 2, null, 3])).toEqual([1, 2, 3]);
  });
});
