import type { GraphEdge, GraphNode } from "@/lib/graph/types";
import { embedSnippet } from "@/lib/snapshots/client";
import { compareGraphs } from "@/lib/snapshots/compare";
import { isSnapshotId } from "@/lib/snapshots/model";

const node = (id: string, properties: GraphNode["properties"] = {}): GraphNode => ({ id, type: "Company", name: id, properties });
const edge = (id: string, source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id,
  type: "SUPPLIED",
  source,
  target,
  properties: {},
  sources: [{ id: "report-a", name: "A", publisher: null, url: null, publishedAt: null }],
  quote: null,
  ...extra,
});

describe("compareGraphs", () => {
  const then = { nodes: [node("a", { description: "old", updatedAt: "2020-01-01" }), node("b")], edges: [edge("e1", "a", "b")] };

  it("finds nothing when only bookkeeping changed", () => {
    const now = { nodes: [node("a", { description: "old", updatedAt: "2026-11-28" }), node("b")], edges: [edge("e1", "a", "b")] };
    const result = compareGraphs(then, now, ["e1"], "2026-11-28T00:00:00Z");
    expect(result).toEqual({
      comparedAt: "2026-11-28T00:00:00Z",
      nodes: { removed: [], changed: [] },
      edges: { removed: [], changed: [], added: [] },
      liveNodes: [],
    });
  });

  it("names changed fields, removed elements, new sources and added links", () => {
    const extraSource = { id: "report-b", name: "B", publisher: null, url: null, publishedAt: null };
    const now = {
      nodes: [node("a", { description: "new" })],
      edges: [],
    };
    const result = compareGraphs(then, now, ["e1"]);
    expect(result.nodes.changed).toEqual([{ id: "a", name: "a", changes: [{ field: "description", before: "old", after: "new" }] }]);
    expect(result.nodes.removed).toEqual(["b"]);
    expect(result.edges.removed).toEqual(["e1"]);

    const withSources = compareGraphs(then, { nodes: then.nodes, edges: [edge("e1", "a", "b", { sources: [...then.edges[0]!.sources, extraSource] }), edge("e2", "b", "a")] }, ["e1"]);
    expect(withSources.edges.changed).toEqual([{ id: "e1", changes: [{ field: "sources", before: ["report-a"], after: ["report-a", "report-b"] }] }]);
    expect(withSources.edges.added.map((item) => item.id)).toEqual(["e2"]);
    expect(withSources.liveNodes.map((item) => item.id).sort()).toEqual(["a", "b"]);
  });

  it("does not call a link 'added' when it existed but was not drawn", () => {
    const result = compareGraphs(then, { nodes: then.nodes, edges: [edge("e1", "a", "b"), edge("hidden", "a", "b")] }, ["e1", "hidden"]);
    expect(result.edges.added).toEqual([]);
  });
});

describe("permalink helpers", () => {
  it("accept only 22-character URL-safe ids", () => {
    expect(isSnapshotId("AAAAAAAAAAAAAAAAAAAAAA")).toBe(true);
    expect(isSnapshotId("AAAA")).toBe(false);
    expect(isSnapshotId("<script>alert(1)</scr>")).toBe(false);
  });

  it("escape the title in the embed snippet", () => {
    const snippet = embedSnippet("https://news.example", "AAAAAAAAAAAAAAAAAAAAAA", `"><script>alert(1)</script>`);
    expect(snippet).toContain('src="https://news.example/embed/AAAAAAAAAAAAAAAAAAAAAA"');
    expect(snippet).toContain('title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(snippet).not.toContain("<script>");
  });
});
