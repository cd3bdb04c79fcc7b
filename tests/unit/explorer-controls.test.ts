import { datedEvents, DEFAULT_CONTROLS, parseControls, serializeViewState, visibility, writeControls, type ViewControls } from "@/lib/explore/view-state";
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

const withControls = (change: Partial<ViewControls>) => ({ ...DEFAULT_CONTROLS, ...change });

describe("view controls in the URL", () => {
  it("round-trip through the query string, leaving defaults out", () => {
    const controls = withControls({ hidden: ["region-r"], pinned: ["company-a"], hiddenTypes: ["Region"], hiddenRelationships: ["LOCATED_IN"], from: "2018-01-01", to: "2018-12-31", layout: "time" });
    const query = serializeViewState({ nodes: ["company-a"], selected: null }, controls);
    expect(parseControls(new URLSearchParams(query))).toEqual(controls);
    const params = new URLSearchParams();
    writeControls(DEFAULT_CONTROLS, params);
    expect(params.toString()).toBe("");
  });

  it("drop what they do not understand instead of failing", () => {
    expect(parseControls(new URLSearchParams("hide=Bad%20Id,ok-id&hideTypes=Spaceship,Region&from=yesterday&layout=spiral"))).toEqual(
      withControls({ hidden: ["ok-id"], hiddenTypes: ["Region"] }),
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

describe("time", () => {
  it("lists dated events oldest first", () => {
    expect(datedEvents(GRAPH).map((item) => item.node.id)).toEqual(["event-2018", "event-2019"]);
  });

  it("places events left to right by date and others at the mean date of their events", () => {
    const positions = timeLayoutPositions(GRAPH);
    expect(positions.get("event-2018")!.x).toBeLessThan(positions.get("event-2019")!.x);
    const company = positions.get("company-a")!;
    expect(company.x).toBeCloseTo((positions.get("event-2018")!.x + positions.get("event-2019")!.x) / 2);
    expect(company.y).not.toBe(positions.get("region-r")!.y);
  });
});
