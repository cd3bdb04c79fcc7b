import { XMLParser, XMLValidator } from "fast-xml-parser";
import { xmlEscape } from "@/lib/format/xml";
import { toGexf, toGraphML } from "@/lib/export/gephi";
import type { PositionedGraph } from "@/lib/graph/positioned";

const HOSTILE = `<img src=x onerror=alert(1)> & "quotes" \u0001`;
const GRAPH: PositionedGraph = {
  nodes: [
    { id: "company-a", type: "Company", name: HOSTILE, properties: { aliases: ["A Inc"], country: "US" }, position: { x: 10, y: 20 } },
    { id: "agency-b", type: "Agency", name: "Agency B", properties: {}, position: { x: -5, y: 0 } },
  ],
  edges: [
    {
      id: "rel-1",
      type: "SUPPLIED",
      source: "company-a",
      target: "agency-b",
      properties: { product: "sequencers" },
      sources: [
        { id: "report-x", name: "X", publisher: null, url: null, publishedAt: null },
        { id: "report-y", name: "Y", publisher: null, url: null, publishedAt: null },
      ],
      quote: "It said so.",
    },
    { id: "rel-dangling", type: "SUPPLIED", source: "company-a", target: "agency-gone", properties: {}, sources: [], quote: null },
  ],
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe("GraphML", () => {
  it("parses, with every node, every exported edge and their attributes", () => {
    const doc = parser.parse(toGraphML(GRAPH, "Test")) as { graphml: { key: { "@attr.name": string; "@id": string }[]; graph: { node: unknown; edge: unknown } } };
    const nodes = asList(doc.graphml.graph.node as { "@id": string; data: { "#text": string; "@key": string }[] }[]);
    const edges = asList(doc.graphml.graph.edge as { "@id": string; "@source": string; "@target": string }[]);
    expect(nodes.map((node) => node["@id"])).toEqual(["company-a", "agency-b"]);
    expect(edges.map((edge) => [edge["@id"], edge["@source"], edge["@target"]])).toEqual([["rel-1", "company-a", "agency-b"]]);
    const keyOf = (name: string) => doc.graphml.key.find((key) => key["@attr.name"] === name)?.["@id"];
    const name = nodes[0]!.data.find((data) => data["@key"] === keyOf("name"));
    expect(name?.["#text"]).toBe(`<img src=x onerror=alert(1)> & "quotes"`) // the parser trims the trailing space;
  });
});

describe("GEXF", () => {
  it("parses, with labels, colours, positions (y up) and weights by number of sources", () => {
    const doc = parser.parse(toGexf(GRAPH, "Test", "2026-11-28T00:00:00Z")) as {
      gexf: { graph: { nodes: { node: unknown }; edges: { edge: unknown } } };
    };
    const nodes = asList(doc.gexf.graph.nodes.node as { "@id": string; "@label": string; "viz:position": { "@x": string; "@y": string } }[]);
    const edges = asList(doc.gexf.graph.edges.edge as { "@id": string; "@weight": string }[]);
    expect(nodes[0]?.["@label"]).toBe(`<img src=x onerror=alert(1)> & "quotes"`) // the parser trims the trailing space;
    expect(nodes[0]?.["viz:position"]).toMatchObject({ "@x": "10", "@y": "-20" });
    expect(edges).toEqual([expect.objectContaining({ "@id": "rel-1", "@weight": "2" })]);
  });

  it("is the same document for the same graph and date", () => {
    expect(toGexf(GRAPH, "T", "2026-11-28T00:00:00Z")).toBe(toGexf(GRAPH, "T", "2026-11-28T00:00:00Z"));
  });
});

it("escapes markup and drops characters XML cannot hold", () => {
  expect(xmlEscape(`a<b>&"c'\u0000`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
});

describe("lone surrogates (a name cut in the middle of an emoji)", () => {
  // Half of a surrogate pair cannot be written as UTF-8: a file holding one is not XML any reader accepts.
  const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const name = "a\uD83Db\uDE00c😀";
  const graph: PositionedGraph = {
    nodes: [{ id: "company-s", type: "Company", name, properties: { note: name }, position: { x: 0, y: 0 } }],
    edges: [],
  };

  it.each([
    ["GraphML", () => toGraphML(graph, name)],
    ["GEXF", () => toGexf(graph, name, "2026-11-28T00:00:00Z")],
  ])("are dropped from %s, and whole pairs kept", (_format, write) => {
    const xml = write();
    expect(LONE.test(name)).toBe(true);
    expect(LONE.test(xml)).toBe(false);
    expect(xml).toContain("abc😀");
    expect(XMLValidator.validate(xml)).toBe(true);
  });
});
