import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ViewList } from "@/components/explorer/ViewList";
import type { GraphData } from "@/lib/graph/types";

const GRAPH: GraphData = {
  nodes: [
    { id: "region-xinjiang", type: "Region", name: "Xinjiang", properties: {} },
    { id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher Scientific Inc.", properties: {} },
    { id: "agency-cecc", type: "Agency", name: "Congressional-Executive Commission on China", properties: {} },
    { id: "legislator-marco-rubio", type: "Legislator", name: "Marco Rubio", properties: {} },
  ],
  edges: [
    {
      id: "rel-rubio-member-of-cecc",
      type: "MEMBER_OF",
      source: "legislator-marco-rubio",
      target: "agency-cecc",
      properties: {},
      sources: [],
      quote: null,
    },
  ],
};

describe("ViewList", () => {
  it("says how much is in view", () => {
    render(<ViewList graph={GRAPH} selectedId={null} onSelect={() => {}} />);
    expect(screen.getByText("In view: 4 entities, 1 relationships")).toBeInTheDocument();
  });

  it("lists the nodes sorted by name and marks the selected one", () => {
    render(<ViewList graph={GRAPH} selectedId="legislator-marco-rubio" onSelect={() => {}} />);
    const list = screen.getByRole("list", { name: "Entities in view" });
    const buttons = within(list).getAllByRole("button", { hidden: true });
    expect(buttons.map((button) => button.textContent)).toEqual([
      "Congressional-Executive Commission on China",
      "Marco Rubio",
      "Thermo Fisher Scientific Inc.",
      "Xinjiang",
    ]);
    expect(buttons[1]).toHaveAttribute("aria-current", "true");
    expect(buttons.filter((button) => button.hasAttribute("aria-current"))).toHaveLength(1);
  });

  it("does not reorder the graph it was given", () => {
    render(<ViewList graph={GRAPH} selectedId={null} onSelect={() => {}} />);
    expect(GRAPH.nodes[0]?.id).toBe("region-xinjiang");
  });

  it("calls onSelect with the id of the clicked node", async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn<(id: string) => void>();
    render(<ViewList graph={GRAPH} selectedId={null} onSelect={onSelect} />);
    await user.click(screen.getByText("In view: 4 entities, 1 relationships"));
    await user.click(screen.getByRole("button", { name: "Xinjiang" }));
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith("region-xinjiang");
  });
});
