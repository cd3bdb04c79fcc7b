import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { ListView } from "@/components/explorer/ListView";
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
      sources: [{ id: "report-a", name: "A", publisher: null, url: null, publishedAt: null }],
      quote: null,
    },
  ],
};

const rowNames = (table: HTMLElement) => within(table).getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell")[0]?.textContent);

describe("ListView", () => {
  it("lists the entities by name, marks the selected one and the hidden ones", () => {
    render(<ListView graph={GRAPH} hidden={new Set(["region-xinjiang"])} selectedId="legislator-marco-rubio" onSelect={() => {}} />);
    const table = screen.getByRole("table", { name: "Entities in view" });
    expect(rowNames(table)).toEqual(["Congressional-Executive Commission on China", "Marco Rubio", "Thermo Fisher Scientific Inc.", "Xinjiang (hidden)"]);
    expect(within(table).getByRole("button", { name: "Marco Rubio" })).toHaveAttribute("aria-current", "true");
  });

  it("sorts by a column, both ways, and says so to screen readers", async () => {
    const user = userEvent.setup();
    render(<ListView graph={GRAPH} hidden={new Set()} selectedId={null} onSelect={() => {}} />);
    const table = screen.getByRole("table", { name: "Entities in view" });
    await user.click(within(table).getByRole("button", { name: /^Links/ }));
    expect(within(table).getByRole("columnheader", { name: /Links/ })).toHaveAttribute("aria-sort", "ascending");
    await user.click(within(table).getByRole("button", { name: /^Links/ }));
    expect(within(table).getByRole("columnheader", { name: /Links/ })).toHaveAttribute("aria-sort", "descending");
    expect(rowNames(table).slice(0, 2).sort()).toEqual(["Congressional-Executive Commission on China", "Marco Rubio"]);
  });

  it("moves between rows with the arrow keys and selects with Enter", async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn<(id: string) => void>();
    render(<ListView graph={GRAPH} hidden={new Set()} selectedId={null} onSelect={onSelect} />);
    const table = screen.getByRole("table", { name: "Entities in view" });
    within(table).getByRole("button", { name: "Congressional-Executive Commission on China" }).focus();
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(onSelect).toHaveBeenLastCalledWith("company-thermo-fisher");
  });

  it("lists the relationships with their number of sources", async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn<(id: string) => void>();
    render(<ListView graph={GRAPH} hidden={new Set()} selectedId={null} onSelect={onSelect} />);
    await user.click(screen.getByRole("tab", { name: "Relationships (1)" }));
    const table = screen.getByRole("table", { name: "Relationships in view" });
    const cells = within(within(table).getAllByRole("row")[1]!).getAllByRole("cell").map((cell) => cell.textContent);
    // The last column holds amounts and dates; a membership has neither.
    expect(cells).toEqual(["Marco Rubio", "member of", "Congressional-Executive Commission on China", "1", ""]);
    await user.click(within(table).getByRole("button", { name: "member of" }));
    expect(onSelect).toHaveBeenCalledWith("rel-rubio-member-of-cecc");
  });
});
