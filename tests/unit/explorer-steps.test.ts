import { afterEdit, afterExpansion, afterPaths, cleared, keyOf, toggleIn, withoutNode } from "@/components/explorer/state/steps";
import { MAX_LARGE_VIEW_IDS, MAX_VIEW_IDS } from "@/lib/api-schemas";
import { DEFAULT_CONTROLS } from "@/lib/explore/view-state";
import type { PathsResult } from "@/lib/explore/paths";
import type { GraphNode, NeighbourPage } from "@/lib/graph/types";

const node = (id: string, type: GraphNode["type"] = "Company"): GraphNode => ({ id, type, name: `Name ${id}`, properties: {} });
const page = (center: string, neighbours: string[], total = neighbours.length): NeighbourPage => ({
  center: node(center),
  total,
  offset: 0,
  limit: 50,
  nodes: neighbours.map((id) => node(id)),
  edges: [],
});

describe("afterExpansion", () => {
  it("adds the center and its neighbours, selects the center, and offers the rest of a longer list", () => {
    const step = afterExpansion({ nodes: ["x"], selected: null }, page("a", ["a1", "a2"], 5), { id: "a", offset: 0, chosen: false });
    expect(step.next).toEqual({ nodes: ["x", "a", "a1", "a2"], selected: "a" });
    expect(step.pending).toEqual({ key: "x,a,a1,a2", id: "a", name: "Name a", shown: 2, total: 5 });
    expect(step.notice).toBeNull();
  });

  it("counts earlier pages in what is shown, and offers nothing once all are in", () => {
    const step = afterExpansion({ nodes: ["a"], selected: "a" }, page("a", ["a3"], 3), { id: "a", offset: 2, chosen: false });
    expect(step.pending).toBeNull();
  });

  it("never offers a next page after the reader chose what to add", () => {
    expect(afterExpansion({ nodes: [], selected: null }, page("a", ["a1"], 900), { id: "a", offset: 0, chosen: true }).pending).toBeNull();
  });

  it("says how many the id cap (a workspace's) left out", () => {
    const full = Array.from({ length: MAX_LARGE_VIEW_IDS - 1 }, (_, index) => `v${index}`);
    const step = afterExpansion({ nodes: full, selected: null }, page("a", ["a1", "a2", "a3"]), { id: "a", offset: 0, chosen: false });
    expect(step.next.nodes).toHaveLength(MAX_LARGE_VIEW_IDS);
    expect(step.notice).toEqual({ key: keyOf(step.next), text: `A view holds at most ${MAX_LARGE_VIEW_IDS.toLocaleString("en-US")} entities: 3 more were not added.` });
  });

  it("goes past the URL's cap: such a view moves to a workspace", () => {
    const full = Array.from({ length: MAX_VIEW_IDS }, (_, index) => `v${index}`);
    const step = afterExpansion({ nodes: full, selected: null }, page("a", ["a1"]), { id: "a", offset: 0, chosen: false });
    expect(step.next.nodes).toHaveLength(MAX_VIEW_IDS + 2);
    expect(step.notice).toBeNull();
  });
});

describe("afterPaths", () => {
  const result: PathsResult = {
    paths: [{ nodes: ["a", "m", "b"], edges: ["r1", "r2"], length: 2 }],
    graph: { nodes: [node("a"), node("m", "Region"), node("b")], edges: [] },
    searched: { k: 3, maxLength: 6, avoid: [] },
  } as unknown as PathsResult;

  it("adds the path's entities, unhides them and their types, and highlights the path", () => {
    const step = afterPaths({ nodes: ["a"], selected: "a" }, { ...DEFAULT_CONTROLS, hidden: ["m", "z"], hiddenTypes: ["Region", "Event"] }, result);
    expect(step.next).toEqual({ nodes: ["a", "m", "b"], selected: null });
    expect(step.controls.hidden).toEqual(["z"]);
    expect(step.controls.hiddenTypes).toEqual(["Event"]);
    expect(step.highlight).toEqual({ key: "a,m,b", ids: ["a", "m", "b", "r1", "r2"] });
    expect(step.notice).toBeNull();
  });
});

describe("afterEdit", () => {
  const view = { nodes: ["a", "b"], selected: "b" };

  it("adds what the edit made and selects it", () => {
    const step = afterEdit(view, { result: { id: "c", change: null }, add: ["c", "a"], select: "c", remove: [] });
    expect(step).toEqual({ next: { nodes: ["a", "b", "c"], selected: "c" }, notice: null });
  });

  it("drops what the edit deleted, and the selection with it", () => {
    expect(afterEdit(view, { result: { id: "b", change: null }, add: [], select: null, remove: ["b"] }).next).toEqual({ nodes: ["a"], selected: null });
    expect(afterEdit(view, { result: { id: "a", change: null }, add: [], select: null, remove: ["a"] }).next).toEqual({ nodes: ["b"], selected: "b" });
  });

  it("says when a relationship already existed, and whether its sources grew", () => {
    const grew = afterEdit(view, { result: { id: "r", change: {} as never, existing: true }, add: [], select: "r", remove: [] });
    expect(grew.notice).toEqual({ key: "a,b", text: "That relationship already existed: its new sources were added to it." });
    const same = afterEdit(view, { result: { id: "r", change: null, existing: true }, add: [], select: "r", remove: [] });
    expect(same.notice?.text).toBe("That relationship already existed with these sources.");
  });
});

describe("withoutNode, cleared, toggleIn", () => {
  it("removes a node with its selection, hiding and pin", () => {
    const step = withoutNode({ nodes: ["a", "b"], selected: "a" }, { ...DEFAULT_CONTROLS, hidden: ["a"], pinned: ["a", "b"] }, "a");
    expect(step.next).toEqual({ nodes: ["b"], selected: null });
    expect(step.controls).toEqual({ ...DEFAULT_CONTROLS, hidden: [], pinned: ["b"] });
  });

  it("clears the view and its hidden and pinned nodes, keeping the other controls", () => {
    const controls = { ...DEFAULT_CONTROLS, hidden: ["a"], pinned: ["b"], hiddenTypes: ["Region" as const], layout: "time" as const };
    expect(cleared(controls)).toEqual({ next: { nodes: [], selected: null }, controls: { ...controls, hidden: [], pinned: [] } });
  });

  it("toggles a value in a list", () => {
    expect(toggleIn(["a"], "b")).toEqual(["a", "b"]);
    expect(toggleIn(["a", "b"], "a")).toEqual(["b"]);
  });
});
