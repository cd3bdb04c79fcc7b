import { communityGroups, groupLinks, groupNodeId } from "@/lib/graph/groups";
import { enclosed, insidePolygon } from "@/lib/graph/lasso";
import {
  byImportance,
  COLOR_FIELDS,
  findInGraph,
  labelBudget,
  NO_VALUE_COLOR,
  NODE_SIZE,
  nodeColours,
  nodeSizes,
  SHORT_LABEL_LENGTH,
  shortName,
  SIZE_FIELDS,
} from "@/lib/graph/reading";
import type { EntityType } from "@/lib/model/registry";
import type { GraphData, GraphEdge, GraphNode } from "@/lib/graph/types";
import type { JsonValue } from "@/lib/json";

const node = (id: string, type: EntityType, name: string, properties: Record<string, JsonValue> = {}): GraphNode => ({ id, type, name, properties });
const edge = (id: string, source: string, target: string): GraphEdge => ({ id, type: "SPONSORED", source, target, properties: {}, sources: [], quote: null });

// A hub sponsoring four bills; two legislators of two parties and one without a party.
const graph: GraphData = {
  nodes: [
    node("hub", "Legislator", "Hub Sponsor", { party: "Democrat" }),
    node("r1", "Legislator", "Ruth Republican", { party: "Republican" }),
    node("x1", "Legislator", "Xavier Unknown"),
    ...[1, 2, 3, 4].map((i) => node(`b${i}`, "Bill", `H.R. ${i}`, { congress: 110 + i })),
  ],
  edges: [1, 2, 3, 4].map((i) => edge(`e${i}`, "hub", `b${i}`)).concat([edge("e5", "r1", "b1")]),
};

describe("node sizes", () => {
  it("by connections: the hub is the largest, a leaf the smallest, on the view's own range", () => {
    const sizes = nodeSizes(graph, "degree");
    expect(sizes.get("hub")).toBe(NODE_SIZE.max);
    expect(sizes.get("x1")).toBe(NODE_SIZE.min);
    expect(sizes.get("b1")!).toBeGreaterThan(sizes.get("b2")!); // two sponsors against one
  });

  it("by a numeric field: nodes of another type keep the uniform size", () => {
    const congress = SIZE_FIELDS.find((field) => field.key === "Bill.congress");
    expect(congress).toBeDefined();
    const sizes = nodeSizes(graph, congress!.key);
    expect(sizes.get("hub")).toBe(NODE_SIZE.uniform);
    expect(sizes.get("b4")).toBe(NODE_SIZE.max);
    expect(sizes.get("b1")).toBe(NODE_SIZE.min);
  });
});

describe("node colours", () => {
  it("by party: one colour per value, a legend with counts, and no-value nodes grey", () => {
    expect(COLOR_FIELDS.some((field) => field.key === "Legislator.party")).toBe(true);
    const { colors, legend } = nodeColours(graph, "Legislator.party");
    expect(colors.get("hub")).not.toBe(colors.get("r1"));
    expect(colors.get("x1")).toBe(NO_VALUE_COLOR);
    expect(colors.get("b1")).toBe(NO_VALUE_COLOR);
    expect(legend).toEqual(
      expect.arrayContaining([
        { label: "Democrat", color: colors.get("hub"), count: 1 },
        { label: "Republican", color: colors.get("r1"), count: 1 },
        { label: "no value", color: NO_VALUE_COLOR, count: graph.nodes.length - 2 },
      ]),
    );
  });

  it("by community: members of one community share a colour", () => {
    const communities = new Map(graph.nodes.map((item) => [item.id, item.id === "x1" ? 1 : 0]));
    const { colors, legend } = nodeColours(graph, "community", communities);
    expect(colors.get("hub")).toBe(colors.get("b3"));
    expect(colors.get("x1")).not.toBe(colors.get("hub"));
    expect(legend?.map((entry) => entry.count)).toEqual([graph.nodes.length - 1, 1]);
  });

  it("by type: no legend of its own (the type legend says it)", () => {
    expect(nodeColours(graph, "type").legend).toBeNull();
  });
});

describe("short labels", () => {
  it("keeps short names and cuts long ones at a word, with an ellipsis", () => {
    expect(shortName(node("a", "Company", "Thermo Fisher"))).toBe("Thermo Fisher");
    const long = shortName(node("b", "Organization", "The International Consortium of Investigative Journalists and Friends"));
    expect(long.length).toBeLessThanOrEqual(SHORT_LABEL_LENGTH + 1);
    expect(long.endsWith("…")).toBe(true);
    expect(long.startsWith("The International Consortium")).toBe(true);
  });

  it("names a bill still titled at length by the number among its aliases", () => {
    const bill = node("bill", "Bill", "To amend the Internal Revenue Code of 1986 to provide for a credit", { aliases: ["A popular title", "H.R. 969"] });
    expect(shortName(bill)).toBe("H.R. 969");
  });
});

describe("labels by zoom and importance", () => {
  it("labels everything in a small view, and more of a big one the closer one zooms", () => {
    expect(labelBudget(100, 0.1)).toBe(100);
    expect(labelBudget(5000, 2)).toBeGreaterThan(labelBudget(5000, 1));
    expect(labelBudget(5000, 1)).toBeGreaterThan(labelBudget(5000, 0.3));
    expect(labelBudget(5000, 3)).toBeLessThanOrEqual(5000);
  });

  it("ranks nodes by degree, most connected first", () => {
    expect(byImportance(graph)[0]).toBe("hub");
    expect(byImportance(graph).at(-1)).toBe("x1");
  });
});

describe("find in graph", () => {
  it("matches names ignoring case and accents, most connected first, only among drawn nodes", () => {
    const accented: GraphData = { nodes: [...graph.nodes, node("z", "Person", "Zoë Rüdiger")], edges: graph.edges };
    expect(findInGraph(accented, "zoe rud")).toEqual(["z"]);
    expect(findInGraph(graph, "h.r.")).toEqual(["b1", "b2", "b3", "b4"]);
    expect(findInGraph(graph, "h.r.", new Set(["b2", "b3"]))).toEqual(["b2", "b3"]);
    expect(findInGraph(graph, "  ")).toEqual([]);
  });
});

describe("groups", () => {
  it("collapses members into one node with one line per outside neighbour, counting the relationships", () => {
    const group = { id: "g", label: "bills", members: ["b1", "b2"] };
    const links = groupLinks(graph, group);
    expect(links).toEqual([
      { id: `${groupNodeId(group)}->hub`, other: "hub", count: 2 },
      { id: `${groupNodeId(group)}->r1`, other: "r1", count: 1 },
    ]);
  });

  it("joins two collapsed groups by one line", () => {
    const bills = { id: "bills", label: "", members: ["b1", "b2", "b3", "b4"] };
    const people = { id: "people", label: "", members: ["hub", "r1"] };
    const groupOf = new Map([...bills.members.map((id) => [id, groupNodeId(bills)] as const), ...people.members.map((id) => [id, groupNodeId(people)] as const)]);
    expect(groupLinks(graph, bills, groupOf)).toEqual([{ id: `${groupNodeId(bills)}->${groupNodeId(people)}`, other: groupNodeId(people), count: 5 }]);
  });

  it("lists communities biggest first, named after their first member, without singletons", () => {
    const communities = new Map([
      ["hub", 0],
      ["b1", 0],
      ["b2", 0],
      ["r1", 1],
      ["b3", 1],
      ["x1", 2],
    ]);
    const groups = communityGroups(communities, (id) => id.toUpperCase());
    expect(groups.map((group) => group.members)).toEqual([["hub", "b1", "b2"], ["r1", "b3"]]);
    expect(groups[0]?.label).toBe("Community 1: HUB and 2 more");
  });
});

describe("lasso", () => {
  const square = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 10 },
  ];
  it("encloses the points inside the loop only", () => {
    expect(insidePolygon({ x: 5, y: 5 }, square)).toBe(true);
    expect(insidePolygon({ x: 15, y: 5 }, square)).toBe(false);
    expect(enclosed([{ id: "in", x: 2, y: 8 }, { id: "out", x: -1, y: 3 }], square)).toEqual(["in"]);
    expect(enclosed([{ id: "in", x: 2, y: 8 }], square.slice(0, 2))).toEqual([]);
  });
});
