import { ENTITY_TYPE_SPECS } from "@/lib/model/registry";
import { amountWidths, edgeLabel, formatEventDate, nodeLabel, sourcesWidth, toElements } from "@/lib/graph/elements";
import type { GraphEdge, GraphNode } from "@/lib/graph/types";

function node(id: string, type: GraphNode["type"], name: string, properties: GraphNode["properties"] = {}): GraphNode {
  return { id, type, name, properties };
}

function edge(id: string, source: string, target: string, sourceIds: string[] = ["report-1"]): GraphEdge {
  return {
    id,
    type: "SUPPLIED",
    source,
    target,
    properties: {},
    sources: sourceIds.map((sourceId) => ({ id: sourceId, name: sourceId, publisher: null, url: null, publishedAt: null })),
    quote: null,
  };
}

const company = node("company-thermo-fisher", "Company", "Thermo Fisher");
const police = node("agency-xinjiang-police", "Agency", "Xinjiang police");
const decision = node("event-decision", "Event", "Thermo Fisher stops sales", { date: "2019-02-20", datePrecision: "day" });

describe("formatEventDate", () => {
  it("formats by precision", () => {
    expect(formatEventDate("2019-02-20", "day")).toBe("20 Feb 2019");
    expect(formatEventDate("2018-02-01", "month")).toBe("Feb 2018");
    expect(formatEventDate("2018-05-01", "year")).toBe("2018");
  });

  it("uses the day when the precision is missing or unknown", () => {
    expect(formatEventDate("2019-02-20", undefined)).toBe("20 Feb 2019");
    expect(formatEventDate("2019-02-20", "week")).toBe("20 Feb 2019");
  });

  it("does not shift the day with the time zone", () => {
    expect(formatEventDate("2019-01-01", "day")).toBe("1 Jan 2019");
    expect(formatEventDate("2018-12-31", "day")).toBe("31 Dec 2018");
  });

  it("returns null for anything that is not a YYYY-MM-DD string", () => {
    expect(formatEventDate(null, "day")).toBeNull();
    expect(formatEventDate(20190220, "day")).toBeNull();
    expect(formatEventDate("2019-2-20", "day")).toBeNull();
    expect(formatEventDate("20 Feb 2019", "day")).toBeNull();
  });
});

describe("labels", () => {
  it("adds the formatted date to an event's label, on its own line", () => {
    expect(nodeLabel(decision)).toBe("Thermo Fisher stops sales\n20 Feb 2019");
    expect(nodeLabel(node("e", "Event", "Rubio urges", { date: "2018-02-01", datePrecision: "month" }))).toBe(
      "Rubio urges\nFeb 2018",
    );
  });

  it("uses the bare name for an undated event and for other types", () => {
    expect(nodeLabel(node("e", "Event", "Camps"))).toBe("Camps");
    expect(nodeLabel(node("r", "Report", "A report", { date: "2019-02-20" }))).toBe("A report");
  });

  it("labels an edge with its verb", () => {
    expect(edgeLabel({ ...edge("e", "a", "b"), type: "MEMBER_OF" })).toBe("member of");
  });
});

describe("toElements", () => {
  it("draws every node with its registry colour and shape", () => {
    const elements = toElements({ nodes: [company, decision], edges: [] });
    expect(elements.nodes).toEqual([
      {
        data: {
          id: company.id,
          label: "Thermo Fisher",
          short: "Thermo Fisher",
          type: "Company",
          color: ENTITY_TYPE_SPECS.Company.color,
          shape: ENTITY_TYPE_SPECS.Company.shape,
        },
      },
      {
        data: {
          id: decision.id,
          label: "Thermo Fisher stops sales\n20 Feb 2019",
          short: "Thermo Fisher stops sales\n20 Feb 2019",
          type: "Event",
          color: ENTITY_TYPE_SPECS.Event.color,
          shape: ENTITY_TYPE_SPECS.Event.shape,
        },
      },
    ]);
  });

  it("drops edges whose ends are not both present", () => {
    const elements = toElements({
      nodes: [company, police],
      edges: [edge("kept", company.id, police.id), edge("no-target", company.id, "ghost"), edge("no-source", "ghost", police.id)],
    });
    expect(elements.edges.map((element) => element.data.id)).toEqual(["kept"]);
    expect(elements.edges[0]?.data).toMatchObject({ source: company.id, target: police.id, type: "SUPPLIED", label: "supplied" });
  });

  it("gives every edge a source count of at least one", () => {
    const elements = toElements({
      nodes: [company, police],
      edges: [edge("none", company.id, police.id, []), edge("three", police.id, company.id, ["r1", "r2", "r3"])],
    });
    expect(elements.edges.map((element) => element.data.sourceCount)).toEqual([1, 3]);
  });

  it("draws widths by sources by default, and payments by amount on a log scale when asked", () => {
    const paid = (id: string, amount: unknown): GraphEdge => ({
      id,
      type: "PAID",
      source: company.id,
      target: police.id,
      properties: amount === undefined ? {} : { amount: amount as number, currency: "EUR" },
      sources: [],
      quote: null,
    });
    const graph = {
      nodes: [company, police],
      edges: [paid("small", 1_000), paid("middle", 100_000), paid("large", 10_000_000), paid("unknown", undefined), edge("supply", company.id, police.id, ["a", "b", "c", "d"])],
    };
    const widths = (mode?: "sources" | "amount") => toElements(graph, mode ? { edgeWidth: mode } : {}).edges.map((element) => element.data.width);
    expect(widths()).toEqual([1.5, 1.5, 1.5, 1.5, 5]);
    expect(widths("sources")).toEqual(widths());
    const [small, middle, large, unknown, supply] = widths("amount");
    expect(small).toBe(1.5);
    expect(large).toBe(12);
    // A hundred times more money is the same step each time: the middle of 10^3..10^7 is 10^5.
    expect(middle).toBeCloseTo((1.5 + 12) / 2);
    // Links that moved no money are thinner than any payment.
    expect([unknown, supply]).toEqual([1, 1]);
    expect(sourcesWidth(10)).toBe(5);
    expect(amountWidths([paid("only", 500)]).get("only")).toBeCloseTo(6.75);
  });
});
