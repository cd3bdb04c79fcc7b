import { countDatasets, datePeriod, DEFAULT_CONTROLS, NO_DATASET, timelineItems, parseControls, serializeViewState, visibility, writeControls, type ViewControls } from "@/lib/explore/view-state";
import { timeLayoutPositions } from "@/lib/graph/layouts";
import type { GraphData, GraphNode } from "@/lib/graph/types";

const event = (id: string, date: string): GraphNode => ({ id, type: "Event", name: id, properties: { date } });
const GRAPH: GraphData = {
  nodes: [
    { id: "company-a", type: "Company", name: "A", properties: {} },
    { id: "region-r", type: "Region", name: "R", properties: {} },
    event("event-2018", "2018-02-01"),
    event("event-2019", "2019-02-20"),
  ],
  edges: [
    { id: "e1", type: "LOCATED_IN", source: "company-a", target: "region-r", properties: {}, sources: [], quote: null },
    { id: "e2", type: "TARGET_OF", source: "company-a", target: "event-2019", properties: {}, sources: [], quote: null },
    { id: "e3", type: "TARGET_OF", source: "company-a", target: "event-2018", properties: {}, sources: [], quote: null },
  ],
};

const DATED: GraphData = {
  nodes: [...GRAPH.nodes, { id: "company-b", type: "Company", name: "B", properties: {} }],
  edges: [
    ...GRAPH.edges,
    { id: "paid-2018", type: "PAID", source: "company-a", target: "company-b", properties: { amount: 5000, currency: "EUR", date: "2018" }, sources: [], quote: null },
    { id: "paid-undated", type: "PAID", source: "company-a", target: "company-b", properties: { amount: 10 }, sources: [], quote: null },
    { id: "owner-2019", type: "OWNER_OF", source: "company-a", target: "company-b", properties: { startDate: "2019-02" }, sources: [], quote: null },
  ],
};

const withControls = (change: Partial<ViewControls>) => ({ ...DEFAULT_CONTROLS, ...change });

describe("view controls in the URL", () => {
  it("round-trip through the query string, leaving defaults out", () => {
    const controls = withControls({ hidden: ["region-r"], pinned: ["company-a"], hiddenTypes: ["Region"], hiddenRelationships: ["LOCATED_IN"], hiddenDatasets: ["ftm-donations", NO_DATASET], from: "2018-01-01", to: "2018-12-31", layout: "time", edgeWidth: "amount" });
    const query = serializeViewState({ nodes: ["company-a"], selected: null }, controls);
    expect(parseControls(new URLSearchParams(query))).toEqual(controls);
    expect(query).toContain("width=amount");
    const params = new URLSearchParams();
    writeControls(DEFAULT_CONTROLS, params);
    expect(params.toString()).toBe("");
  });

  it("drop what they do not understand instead of failing", () => {
    expect(parseControls(new URLSearchParams("hide=Bad%20Id,ok-id&hideTypes=Spaceship,Region&hideDatasets=Not%20Ok,legis&from=yesterday&layout=spiral&width=loudness"))).toEqual(
      withControls({ hidden: ["ok-id"], hiddenTypes: ["Region"], hiddenDatasets: ["legis"] }),
    );
  });
});

describe("visibility", () => {
  it("hides a type, and the relationships to it", () => {
    const { hiddenNodes, hiddenEdges } = visibility(GRAPH, withControls({ hiddenTypes: ["Region"] }));
    expect([...hiddenNodes]).toEqual(["region-r"]);
    expect([...hiddenEdges]).toEqual(["e1"]);
  });

  it("hides events outside the date range with the links that only exist through them, never undated entities", () => {
    const { hiddenNodes, hiddenEdges } = visibility(GRAPH, withControls({ to: "2018-12-31" }));
    expect([...hiddenNodes]).toEqual(["event-2019"]);
    expect([...hiddenEdges]).toEqual(["e2"]);
    expect(visibility(GRAPH, withControls({ from: "2019-01-01" })).hiddenNodes).toEqual(new Set(["event-2018"]));
  });

  it("hides single nodes and relationship types", () => {
    const { hiddenNodes, hiddenEdges } = visibility(GRAPH, withControls({ hidden: ["company-a"], hiddenRelationships: ["LOCATED_IN"] }));
    expect([...hiddenNodes]).toEqual(["company-a"]);
    expect([...hiddenEdges].sort()).toEqual(["e1", "e2", "e3"]);
  });
});

describe("the data-set filter", () => {
  const MIXED: GraphData = {
    nodes: [
      { id: "congress-only", type: "Legislator", name: "C", properties: { datasets: ["legis"] } },
      { id: "both", type: "Company", name: "B", properties: { datasets: ["legis", "ftm"] } },
      { id: "by-hand", type: "Company", name: "H", properties: {} },
    ],
    edges: [
      { id: "imported", type: "PART_OF", source: "both", target: "by-hand", properties: { datasets: ["ftm"] }, sources: [], quote: null },
      { id: "hand-made", type: "PART_OF", source: "both", target: "by-hand", properties: {}, sources: [], quote: null },
    ],
  };

  it("hides a node only when every data set it comes from is hidden, and counts nodes per data set", () => {
    expect(countDatasets(MIXED.nodes)).toEqual({ legis: 2, ftm: 1, [NO_DATASET]: 1 });
    expect(visibility(MIXED, withControls({ hiddenDatasets: ["legis"] })).hiddenNodes).toEqual(new Set(["congress-only"]));
    expect(visibility(MIXED, withControls({ hiddenDatasets: ["legis", "ftm"] })).hiddenNodes).toEqual(new Set(["congress-only", "both"]));
  });

  it("hides what was made by hand, and relationships by their own data sets", () => {
    const handHidden = visibility(MIXED, withControls({ hiddenDatasets: [NO_DATASET] }));
    expect(handHidden.hiddenNodes).toEqual(new Set(["by-hand"]));
    expect(handHidden.hiddenEdges).toEqual(new Set(["imported", "hand-made"]));
    expect(visibility(MIXED, withControls({ hiddenDatasets: ["ftm"] })).hiddenEdges).toEqual(new Set(["imported"]));
  });
});

describe("time", () => {
  it("lists dated events oldest first", () => {
    expect(timelineItems(GRAPH).map((item) => item.id)).toEqual(["event-2018", "event-2019"]);
  });

  it("puts dated relationships (payments, ownerships from a date) next to the events, with their amounts", () => {
    const items = timelineItems(DATED);
    expect(items.map((item) => [item.id, item.kind, item.date, item.until])).toEqual([
      ["paid-2018", "relationship", "2018-01-01", "2018-12-31"],
      ["event-2018", "event", "2018-02-01", "2018-02-01"],
      ["owner-2019", "relationship", "2019-02-01", "2019-02-28"],
      ["event-2019", "event", "2019-02-20", "2019-02-20"],
    ]);
    expect(items[0]?.parts).toEqual({ from: "A", verb: "paid", to: "B", details: ["€5,000.00"] });
    // Undated relationships and events are not on the timeline.
    expect(items.some((item) => item.id === "e1" || item.id === "paid-undated")).toBe(false);
  });

  it("filters dated relationships by the range, a date known to its year or month covering all of it", () => {
    const hidden = (from: string | null, to: string | null) => [...visibility(DATED, withControls({ from, to })).hiddenEdges].sort();
    // A payment "2018" overlaps a range from June 2018: it stays. Undated links never go.
    expect(hidden("2018-06-01", null)).toEqual(["e3"]);
    expect(hidden("2019-01-01", null)).toEqual(["e3", "paid-2018"]);
    expect(hidden(null, "2018-12-31")).toEqual(["e2", "owner-2019"]);
    expect(hidden(null, "2017-12-31")).toEqual(["e2", "e3", "owner-2019", "paid-2018"]);
    expect(visibility(DATED, withControls({ from: "2019-03-01" })).hiddenNodes).toEqual(new Set(["event-2018", "event-2019"]));
  });

  it("reads a partial date as the period it covers", () => {
    expect(datePeriod("2020")).toEqual({ date: "2020-01-01", until: "2020-12-31", precision: "year" });
    expect(datePeriod("2020-02")).toEqual({ date: "2020-02-01", until: "2020-02-29", precision: "month" });
    expect(datePeriod("2020-02-01", "month")).toEqual({ date: "2020-02-01", until: "2020-02-29", precision: "month" });
    expect(datePeriod("2020-02-30")).toBeNull();
  });

  it("places events left to right by date and others at the mean date of their events", () => {
    const positions = timeLayoutPositions(GRAPH);
    expect(positions.get("event-2018")!.x).toBeLessThan(positions.get("event-2019")!.x);
    const company = positions.get("company-a")!;
    expect(company.x).toBeCloseTo((positions.get("event-2018")!.x + positions.get("event-2019")!.x) / 2);
    expect(company.y).not.toBe(positions.get("region-r")!.y);
  });
});
