import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import { render, screen, within } from "../support/render";
import { ReadingTools } from "@/components/graph/ReadingTools";
import { SelectionBar } from "@/components/graph/SelectionBar";
import { useReading, type Reading } from "@/components/graph/useReading";
import type { GraphData, GraphNode } from "@/lib/graph/types";

const legislator = (id: string, name: string, party: string): GraphNode => ({ id, type: "Legislator", name, properties: { party } });
const bill = (id: string): GraphNode => ({ id, type: "Bill", name: `H.R. ${id}`, properties: {} });
const sponsored = (source: string, target: string) => ({ id: `${source}-${target}`, type: "SPONSORED" as const, source, target, properties: {}, sources: [], quote: null });

// Two blocs: three Democrats around bill 1, two Republicans around bill 2.
const graph: GraphData = {
  nodes: [legislator("d1", "Senator Ann", "Democrat"), legislator("d2", "Senator Bea", "Democrat"), legislator("d3", "Rep Cid", "Democrat"), legislator("r1", "Senator Dan", "Republican"), legislator("r2", "Rep Eve", "Republican"), bill("1"), bill("2")],
  edges: [sponsored("d1", "1"), sponsored("d2", "1"), sponsored("d3", "1"), sponsored("r1", "2"), sponsored("r2", "2")],
};

// The machine these run on is shared and slow: typing into a controlled input re-renders the tools per key.
vi.setConfig({ testTimeout: 30_000 });

/** The hook's latest value, read by the assertions (what the canvas would be given). */
let latest: Reading | null = null;
function Harness() {
  const reading = useReading(graph, new Set());
  useEffect(() => {
    latest = reading;
  });
  return <ReadingTools reading={reading} />;
}

describe("ReadingTools", () => {
  it("colours by party with a legend of the view's counts", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.selectOptions(screen.getByLabelText("Colour"), "Legislator.party");
    const legend = screen.getByRole("list", { name: "Colours" });
    expect(within(legend).getByText("Democrat").parentElement).toHaveTextContent("Democrat (3)");
    expect(within(legend).getByText("Republican").parentElement).toHaveTextContent("Republican (2)");
    expect(latest?.canvas.nodeColors?.get("d1")).not.toBe(latest?.canvas.nodeColors?.get("r1"));
  });

  it("finds in the graph, and Enter and Shift+Enter walk the matches", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const find = screen.getByLabelText("Find in graph");
    await user.type(find, "senator");
    const status = within(screen.getByRole("toolbar", { name: "Reading tools" })).getByRole("status");
    expect(status).toHaveTextContent("1 of 3");
    await user.keyboard("{Enter}");
    expect(status).toHaveTextContent("2 of 3");
    await user.keyboard("{Shift>}{Enter}{/Shift}{Shift>}{Enter}{/Shift}");
    expect(status).toHaveTextContent("3 of 3");
    expect(latest?.canvas.focusId).toBe(latest?.matches[2]);
    await user.click(screen.getByRole("button", { name: "Select matches" }));
    expect(latest?.canvas.selectIds).toEqual(latest?.matches);
  });

  it("lists the communities, collapses one from the keyboard and expands it again", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByText(/^Communities \(2\)$/));
    const list = screen.getByRole("list", { name: "Communities" });
    const collapse = within(list).getAllByRole("button", { name: /^Collapse Community 1/ })[0]!;
    collapse.focus();
    await user.keyboard("{Enter}");
    expect(latest?.canvas.groups).toHaveLength(1);
    expect([...(latest?.canvas.groups[0]?.members ?? [])].sort()).toEqual(["1", "d1", "d2", "d3"]);
    await user.click(within(list).getByRole("button", { name: /^Expand Community 1/ }));
    expect(latest?.canvas.groups).toHaveLength(0);
  });

  it("turns the lasso on and off, saying so", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const lasso = screen.getByRole("button", { name: "Lasso" });
    expect(lasso).toHaveAttribute("aria-pressed", "false");
    await user.click(lasso);
    expect(lasso).toHaveAttribute("aria-pressed", "true");
  });
});

describe("SelectionBar", () => {
  it("shows from two selected nodes and hands the ids to each action", async () => {
    const user = userEvent.setup();
    const actions = { expand: vi.fn(), hide: vi.fn(), pin: vi.fn(), group: vi.fn(), remove: vi.fn(), clear: vi.fn() };
    const { rerender } = render(<SelectionBar ids={["d1"]} names={(id) => id} getCore={() => null} actions={actions} />);
    expect(screen.queryByRole("toolbar", { name: "Selection" })).toBeNull();
    rerender(<SelectionBar ids={["d1", "r1"]} names={(id) => id} getCore={() => null} actions={actions} />);
    const bar = screen.getByRole("toolbar", { name: "Selection" });
    expect(bar).toHaveTextContent("2 selected");
    for (const [label, spy] of [["Expand", actions.expand], ["Hide", actions.hide], ["Pin", actions.pin], ["Group", actions.group], ["Remove", actions.remove]] as const) {
      await user.click(within(bar).getByRole("button", { name: label }));
      expect(spy).toHaveBeenCalledWith(["d1", "r1"]);
    }
  });
});
