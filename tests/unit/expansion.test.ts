import { expansionGraph, mergeGraph } from "@/lib/explore/expansion";
import type { GraphData, GraphEdge, GraphNode } from "@/lib/graph/types";

const node = (id: string, name = `Company ${id}`): GraphNode => ({ id, type: "Company", name, properties: {} });
const edge = (id: string, source: string, target: string): GraphEdge => ({
  id,
  type: "OWNER_OF",
  source,
  target,
  properties: {},
  sources: [],
  quote: null,
});
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe("mergeGraph", () => {
  const before: GraphData = { nodes: [node("a"), node("b")], edges: [edge("a-b", "a", "b")] };

  it("adds the new nodes and edges after what is there, each once", () => {
    const addition: GraphData = {
      nodes: [node("a"), node("c"), node("d"), node("c")],
      edges: [edge("a-c", "a", "c"), edge("a-b", "a", "b"), edge("c-d", "c", "d"), edge("a-c", "a", "c")],
    };
    const merged = mergeGraph(before, addition, ["a", "b", "c", "d"]);
    expect(ids(merged.nodes)).toEqual(["a", "b", "c", "d"]);
    expect(ids(merged.edges)).toEqual(["a-b", "a-c", "c-d"]);
  });

  it("keeps the objects already on screen, so the canvas leaves those nodes where they are", () => {
    const fresher = { ...node("a", "Renamed"), properties: { note: "newer" } };
    const merged = mergeGraph(before, { nodes: [fresher, node("c")], edges: [] }, ["a", "b", "c"]);
    expect(merged.nodes[0]).toBe(before.nodes[0]);
    expect(merged.nodes[1]).toBe(before.nodes[1]);
    expect(merged.edges[0]).toBe(before.edges[0]);
  });

  it("leaves out what the view cannot hold, and the edges to it", () => {
    const addition: GraphData = { nodes: [node("c"), node("d")], edges: [edge("a-c", "a", "c"), edge("a-d", "a", "d")] };
    const merged = mergeGraph(before, addition, ["a", "b", "c"]);
    expect(ids(merged.nodes)).toEqual(["a", "b", "c"]);
    expect(ids(merged.edges)).toEqual(["a-b", "a-c"]);
  });

  it("drops an edge whose other end never arrived", () => {
    const merged = mergeGraph(before, { nodes: [], edges: [edge("a-x", "a", "x")] }, ["a", "b", "x"]);
    expect(ids(merged.edges)).toEqual(["a-b"]);
  });

  it("does not change the graph it was given", () => {
    const copy = structuredClone(before);
    mergeGraph(before, { nodes: [node("c")], edges: [edge("a-c", "a", "c")] }, ["a", "b", "c"]);
    expect(before).toEqual(copy);
  });
});

describe("expansionGraph", () => {
  it("is the center, its neighbours, their relationships to it and their links to the view", () => {
    const graph = expansionGraph({
      center: node("c"),
      total: 2,
      offset: 0,
      limit: 50,
      nodes: [node("n1"), node("n2")],
      edges: [edge("c-n1", "c", "n1")],
      links: [edge("v-n2", "v", "n2")],
    });
    expect(ids(graph.nodes)).toEqual(["c", "n1", "n2"]);
    expect(ids(graph.edges)).toEqual(["c-n1", "v-n2"]);
  });

  it("works without links (a page asked for without the view)", () => {
    const graph = expansionGraph({ center: node("c"), total: 0, offset: 0, limit: 50, nodes: [], edges: [] });
    expect(graph).toEqual({ nodes: [node("c")], edges: [] });
  });
});
