import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ENTITY_TYPE_SPECS } from "@/lib/model/registry";
import { edgeWidth, graphToSvg, wrapText, xmlText } from "@/lib/export/svg";
import type { PositionedGraph, PositionedNode } from "@/lib/graph/positioned";
import type { GraphEdge } from "@/lib/graph/types";

/* A tiny DOM over fast-xml-parser's ordered output: enough to find elements by tag and class. */
interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type Ordered = Record<string, unknown>;

function convert(item: Ordered): XmlElement | null {
  const tag = Object.keys(item).find((key) => key !== ":@");
  if (!tag || tag === "#text") return null;
  const rawChildren = (item[tag] as Ordered[]) ?? [];
  const attrs = Object.fromEntries(
    Object.entries((item[":@"] as Record<string, unknown>) ?? {}).map(([key, value]) => [key.replace(/^@_/, ""), String(value)]),
  );
  const text = rawChildren
    .filter((child) => "#text" in child)
    .map((child) => String(child["#text"]))
    .join("");
  const children = rawChildren.map(convert).filter((child): child is XmlElement => child !== null);
  return { tag, attrs, children, text };
}

function parseSvg(svg: string): XmlElement {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    ignoreDeclaration: true,
  });
  const root = (parser.parse(svg) as Ordered[]).map(convert).find((element) => element?.tag === "svg");
  if (!root) throw new Error("no <svg> root");
  return root;
}

function all(element: XmlElement, predicate: (element: XmlElement) => boolean): XmlElement[] {
  const found = predicate(element) ? [element] : [];
  return found.concat(element.children.flatMap((child) => all(child, predicate)));
}

const byClass = (root: XmlElement, name: string) => all(root, (element) => element.attrs.class === name);
const textOf = (element: XmlElement): string => element.text + element.children.map(textOf).join("");

function node(id: string, type: PositionedNode["type"], name: string, x: number, y: number, properties: PositionedNode["properties"] = {}): PositionedNode {
  return { id, type, name, properties, position: { x, y } };
}

function edge(id: string, type: GraphEdge["type"], source: string, target: string, sourceCount = 1): GraphEdge {
  return {
    id,
    type,
    source,
    target,
    properties: {},
    sources: Array.from({ length: sourceCount }, (_, index) => ({
      id: `report-${index}`,
      name: `Report ${index}`,
      publisher: null,
      url: null,
      publishedAt: null,
    })),
    quote: null,
  };
}

const HOSTILE = "<img src=x onerror=alert(1)>";

function sampleGraph(): PositionedGraph {
  return {
    nodes: [
      node("company-a", "Company", "Thermo Fisher", 0, 0),
      node("agency-b", "Agency", "Xinjiang police", 200, 40),
      node("legislator-c", "Legislator", "Marco Rubio", -150, 120),
      node("region-d", "Region", "Xinjiang", 220, 220),
      node("event-e", "Event", "Thermo Fisher stops sales", 40, 260, { date: "2019-02-20", datePrecision: "day" }),
      node("report-f", "Report", "WSJ article", -200, -100),
      node("org-g", "Organization", "Human Rights Watch", -60, -180),
      node("person-h", "Person", HOSTILE, 120, -160),
    ],
    edges: [
      edge("r1", "SUPPLIED", "company-a", "agency-b", 1),
      edge("r2", "LOCATED_IN", "agency-b", "region-d", 2),
      edge("r3", "ACTED_IN", "legislator-c", "event-e", 4),
      edge("r4", "TARGET_OF", "company-a", "event-e", 7),
      edge("r5", "PUBLISHED_BY", "report-f", "org-g", 1),
      edge("r6", "MEMBER_OF", "person-h", "org-g", 1),
      // A second relationship between the same two entities is drawn too.
      edge("r7", "ACTED_IN", "company-a", "event-e", 1),
      // Its end is not in the picture: skipped.
      edge("r8", "CONCERNS", "event-e", "company-elsewhere", 1),
    ],
  };
}

describe("graphToSvg", () => {
  it("writes a well-formed SVG 1.1 document sized to its view box", () => {
    const { svg, width, height } = graphToSvg(sampleGraph(), { title: "Sample" });
    const root = parseSvg(svg);
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(root.attrs.version).toBe("1.1");
    expect(root.attrs.width).toBe(String(width));
    expect(root.attrs.height).toBe(String(height));
    const [, , boxWidth, boxHeight] = (root.attrs.viewBox ?? "").split(" ").map(Number);
    expect(boxWidth).toBe(width);
    expect(boxHeight).toBe(height);
    expect(root.attrs["font-family"]).toBe("DejaVu Sans, Liberation Sans, Arial, sans-serif");
    expect(root.children.find((child) => child.tag === "title")?.text).toBe("Sample");
  });

  it("fits every node and its label inside the view box, with the padding", () => {
    const graph = sampleGraph();
    const { svg } = graphToSvg(graph, { padding: 10 });
    const [x = 0, y = 0, w = 0, h = 0] = (parseSvg(svg).attrs.viewBox ?? "").split(" ").map(Number);
    for (const { position } of graph.nodes) {
      expect(position.x - 17 - 10).toBeGreaterThanOrEqual(x - 0.01);
      expect(position.y - 17 - 10).toBeGreaterThanOrEqual(y - 0.01);
      expect(position.x + 17 + 10).toBeLessThanOrEqual(x + w + 0.01);
      // The label below the node needs room too.
      expect(position.y + 17 + 4 + 9 + 10).toBeLessThanOrEqual(y + h + 0.01);
    }
  });

  it("draws each node in its type's colour with a dark border, and a label under it", () => {
    const graph = sampleGraph();
    const root = parseSvg(graphToSvg(graph).svg);
    const nodes = byClass(root, "node");
    expect(nodes).toHaveLength(graph.nodes.length);
    nodes.forEach((group, index) => {
      const shape = group.children.find((child) => child.tag === "path");
      const type = graph.nodes[index]?.type ?? "Company";
      expect(shape?.attrs.fill).toBe(ENTITY_TYPE_SPECS[type].color);
      expect(shape?.attrs.stroke).toBe("#374151");
    });
    const labels = byClass(root, "node-label").map(textOf);
    expect(labels[0]).toBe("Thermo Fisher");
    // An event shows its date on a line of its own.
    const eventLabel = byClass(root, "node-label")[4];
    expect(all(eventLabel as never, (element) => element.tag === "tspan").map((span) => span.text)).toEqual([
      "Thermo Fisher stops",
      "sales",
      "20 Feb 2019",
    ]);
  });

  it("draws every shape differently, as a closed path", () => {
    const shapes = new Map<string, string>();
    for (const type of Object.keys(ENTITY_TYPE_SPECS) as PositionedNode["type"][]) {
      const root = parseSvg(graphToSvg({ nodes: [node("x", type, "X", 0, 0)], edges: [] }).svg);
      const d = byClass(root, "node")[0]?.children.find((child) => child.tag === "path")?.attrs.d ?? "";
      expect(d).toMatch(/Z$/);
      shapes.set(ENTITY_TYPE_SPECS[type].shape, d);
    }
    expect(new Set(shapes.values()).size).toBe(shapes.size);
    // The diamond's corners sit on the node's edges: 34 wide.
    expect(shapes.get("diamond")).toBe("M0 17 L17 0 L0 -17 L-17 0 Z");
  });

  it("draws edges with both ends present, as thick as their sources, with an arrowhead and the verb", () => {
    const root = parseSvg(graphToSvg(sampleGraph()).svg);
    const edges = byClass(root, "edge");
    expect(edges).toHaveLength(7);
    const lines = edges.map((group) => group.children.find((child) => child.tag === "path"));
    expect(lines.map((line) => Number(line?.attrs["stroke-width"]))).toEqual([1.5, 2.67, 5, 5, 1.5, 1.5, 1.5]);
    const markerIds = new Set(all(root, (element) => element.tag === "marker").map((marker) => marker.attrs.id));
    for (const line of lines) expect(markerIds.has(/^url\(#(.+)\)$/.exec(line?.attrs["marker-end"] ?? "")?.[1])).toBe(true);
    expect(byClass(root, "edge-label").map(textOf)).toEqual([
      "supplied",
      "located in",
      "acted in",
      "target of",
      "published by",
      "member of",
      "acted in",
    ]);
    // Parallel edges between the same two nodes bow apart instead of overlapping.
    expect(lines[3]?.attrs.d).toContain("Q");
    expect(lines[6]?.attrs.d).toContain("Q");
    expect(lines[0]?.attrs.d).not.toContain("Q");
  });

  it("clips an edge at the node borders and leaves room for the arrowhead", () => {
    const graph: PositionedGraph = {
      nodes: [node("a", "Company", "A", 0, 0), node("b", "Agency", "B", 200, 0)],
      edges: [edge("r", "SUPPLIED", "a", "b")],
    };
    const d = byClass(parseSvg(graphToSvg(graph).svg), "edge")[0]?.children.find((child) => child.tag === "path")?.attrs.d;
    // Starts at A's border (17), ends an arrow's length (8.7) before B's border (183).
    expect(d).toBe("M17 0 L174.3 0");
  });

  it("maps the number of sources to the stylesheet's widths", () => {
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(1)).toBe(1.5);
    expect(edgeWidth(4)).toBe(5);
    expect(edgeWidth(10)).toBe(5);
  });

  it("writes hostile names, verbs and titles as text", () => {
    const graph = sampleGraph();
    graph.nodes[0] = node("company-a", "Company", "]]> & \"x\" 'y'", 0, 0);
    const title = `${HOSTILE} ]]> </title><script>alert(1)</script>`;
    const { svg } = graphToSvg(graph, { title });
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("]]>");
    const root = parseSvg(svg);
    expect(root.children.find((child) => child.tag === "title")?.text).toBe(title);
    const labels = byClass(root, "node-label").map((label) => all(label, (element) => element.tag === "tspan").map((span) => span.text));
    expect(labels[0]).toEqual(["]]> & \"x\" 'y'"]);
    expect(labels[7]?.join(" ")).toBe(HOSTILE);
    const tooltips = byClass(root, "node").map((group) => group.children.find((child) => child.tag === "title")?.text);
    expect(tooltips[7]).toBe(`${HOSTILE} (Person)`);
  });

  it("drops characters XML cannot hold", () => {
    const graph: PositionedGraph = { nodes: [node("a", "Company", "bell\u0007 and\u0000 nul", 0, 0)], edges: [] };
    const root = parseSvg(graphToSvg(graph).svg);
    expect(textOf(byClass(root, "node-label")[0] as XmlElement)).toBe("bell and nul");
    expect(xmlText("a\uD800b")).toBe("ab");
    expect(xmlText("😀")).toBe("😀");
  });

  it("wraps long names at about 22 characters, on at most 3 lines", () => {
    const long = "The Congressional-Executive Commission on China and its many subcommittees on trade";
    const graph: PositionedGraph = { nodes: [node("a", "Agency", long, 0, 0)], edges: [] };
    const spans = all(parseSvg(graphToSvg(graph).svg), (element) => element.tag === "tspan").map((span) => span.text);
    expect(spans).toHaveLength(3);
    for (const line of spans) expect([...line].length).toBeLessThanOrEqual(23);
    expect(spans[2]).toMatch(/…$/);
    expect(wrapText("Short", 22, 3)).toEqual(["Short"]);
    expect(wrapText("abcdefghijklmnopqrstuvwxyz", 10, 3)).toEqual(["abcdefghij", "klmnopqrst", "uvwxyz"]);
  });

  it("gives the same string for the same graph", () => {
    expect(graphToSvg(sampleGraph(), { title: "T" }).svg).toBe(graphToSvg(structuredClone(sampleGraph()), { title: "T" }).svg);
  });

  it("says so for an empty graph", () => {
    const { svg, width, height } = graphToSvg({ nodes: [], edges: [edge("r", "SUPPLIED", "a", "b")] });
    const root = parseSvg(svg);
    expect(textOf(root)).toContain("Empty graph");
    expect(width).toBeLessThanOrEqual(300);
    expect(height).toBeLessThanOrEqual(100);
    expect(byClass(root, "edge")).toHaveLength(0);
  });

  it("scales a wide drawing down to maxWidth, never up", () => {
    const wide: PositionedGraph = { nodes: [node("a", "Company", "A", 0, 0), node("b", "Company", "B", 3000, 0)], edges: [] };
    const full = graphToSvg(wide);
    const capped = graphToSvg(wide, { maxWidth: 800 });
    expect(capped.width).toBe(800);
    expect(capped.height).toBe(Math.round((full.height * 800) / full.width));
    expect(parseSvg(capped.svg).attrs.viewBox).toBe(parseSvg(full.svg).attrs.viewBox);
    expect(graphToSvg(wide, { maxWidth: 100_000 }).width).toBe(full.width);
  });

  it("paints the background unless told not to", () => {
    const colored = parseSvg(graphToSvg(sampleGraph(), { background: "#fafafa" }).svg);
    expect(byClass(colored, "background")[0]?.attrs.fill).toBe("#fafafa");
    expect(byClass(parseSvg(graphToSvg(sampleGraph(), { background: "none" }).svg), "background")).toHaveLength(0);
  });
});
