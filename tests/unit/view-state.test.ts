import { MAX_LARGE_VIEW_IDS, MAX_VIEW_IDS } from "@/lib/api-schemas";
import { EMPTY_VIEW, parseViewState, sameNodes, serializeViewState, withNodes, type ViewState } from "@/lib/explore/view-state";

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe("parseViewState", () => {
  it("reads the nodes and the selection", () => {
    expect(parse("nodes=company-thermo-fisher,region-xinjiang&selected=region-xinjiang")).toEqual({
      nodes: ["company-thermo-fisher", "region-xinjiang"],
      selected: "region-xinjiang",
    });
  });

  it("is empty for an empty query", () => {
    expect(parse("")).toEqual(EMPTY_VIEW);
  });

  it("drops invalid ids and empty items instead of failing", () => {
    expect(parse("nodes=a,Bad,,has%20space,<script>,b,-x,c").nodes).toEqual(["a", "b", "c"]);
  });

  it("drops an invalid selection", () => {
    expect(parse("nodes=a&selected=Not%20An%20Id").selected).toBeNull();
    expect(parse("nodes=a&selected=").selected).toBeNull();
  });

  it("removes duplicates, keeping the first occurrence", () => {
    expect(parse("nodes=b,a,b,c,a").nodes).toEqual(["b", "a", "c"]);
  });

  it(`keeps at most ${MAX_VIEW_IDS} ids, the first ones`, () => {
    const ids = Array.from({ length: MAX_VIEW_IDS + 100 }, (_, index) => `n${index}`);
    const nodes = parse(`nodes=${ids.join(",")}`).nodes;
    expect(nodes).toHaveLength(MAX_VIEW_IDS);
    expect(nodes).toEqual(ids.slice(0, MAX_VIEW_IDS));
  });

  it("removes duplicates before applying the cap", () => {
    const ids = Array.from({ length: MAX_VIEW_IDS }, (_, index) => `n${index}`);
    const nodes = parse(`nodes=n0,n0,n1,n1,${ids.join(",")}`).nodes;
    expect(nodes).toEqual(ids);
  });
});

describe("serializeViewState", () => {
  it("writes readable commas", () => {
    expect(serializeViewState({ nodes: ["a", "b.c", "d_e-f"], selected: "a" })).toBe("nodes=a,b.c,d_e-f&selected=a");
  });

  it("writes nothing for an empty view", () => {
    expect(serializeViewState(EMPTY_VIEW)).toBe("");
  });

  it.each<ViewState>([
    { nodes: ["company-thermo-fisher", "legislator-marco-rubio"], selected: "legislator-marco-rubio" },
    { nodes: ["a"], selected: null },
    { nodes: [], selected: "rel-rubio-member-of-cecc" },
    EMPTY_VIEW,
  ])("round-trips through parse: %j", (view) => {
    expect(parse(serializeViewState(view))).toEqual(view);
  });
});

describe("withNodes", () => {
  it("appends new ids after the existing ones, in the order they first appear", () => {
    const view: ViewState = { nodes: ["b", "a"], selected: "a" };
    expect(withNodes(view, ["c", "a", "d", "c"])).toEqual({ nodes: ["b", "a", "c", "d"], selected: "a" });
  });

  it("does not change the view it was given", () => {
    const view: ViewState = { nodes: ["a"], selected: null };
    withNodes(view, ["b"]);
    expect(view.nodes).toEqual(["a"]);
  });

  it("respects the id cap of a workspace (a view past the URL's moves to one)", () => {
    const full: ViewState = { nodes: Array.from({ length: MAX_LARGE_VIEW_IDS }, (_, index) => `n${index}`), selected: null };
    expect(withNodes(full, ["extra"]).nodes).toHaveLength(MAX_LARGE_VIEW_IDS);
    expect(withNodes(full, ["extra"]).nodes).not.toContain("extra");
  });
});

describe("sameNodes", () => {
  it("compares node lists regardless of order", () => {
    expect(sameNodes(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameNodes(["a", "b"], ["a", "c"])).toBe(false);
    expect(sameNodes(["a"], ["a", "b"])).toBe(false);
  });
});
