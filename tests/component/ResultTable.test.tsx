import { render, screen, within } from "../support/render";
import { ResultTable } from "@/components/queries/ResultTable";
import type { TableCell } from "@/lib/queries/execute";

const COLUMNS = ["party", "received", "payments", "enacted", "since", "note"];
const ROWS: TableCell[][] = [
  ["A party", 1234567.5, 12, true, { kind: "date", value: "2011-12-29" }, "2011"],
  ["Another", null, { kind: "integer", value: "9007199254740993" }, false, { kind: "datetime", value: "2011-12-29T14:03:00Z" }, 3],
];

function table() {
  render(<ResultTable columns={COLUMNS} rows={ROWS} onSelect={() => {}} />);
  return screen.getByRole("table");
}

describe("ResultTable", () => {
  it("shows numbers grouped, booleans as yes/no and dates written out, text as written", () => {
    const rows = within(table()).getAllByRole("row");
    const cells = (index: number) => within(rows[index]!).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells(1).slice(0, 5)).toEqual(["A party", "1,234,567.5", "12", "yes", "29 December 2011"]);
    // A string that looks like a year is text: the database said so.
    expect(cells(1)[5]).toBe("2011");
    expect(cells(2).slice(0, 4)).toEqual(["Another", "null", "9,007,199,254,740,993", "no"]);
    expect(cells(2)[4]).toMatch(/^29 December 2011 at \d\d:\d\d /);
    const day = screen.getByText("29 December 2011");
    expect(day.tagName).toBe("TIME");
    expect(day).toHaveAttribute("datetime", "2011-12-29");
  });

  it("right-aligns the columns that hold only numbers (and nulls), header included", () => {
    const grid = table();
    const headers = within(grid).getAllByRole("columnheader");
    const aligned = headers.map((header) => header.classList.contains("text-right"));
    // received and payments: numbers only; note mixes text and a number, so it stays left.
    expect(aligned).toEqual([false, true, true, false, false, false]);
    for (const row of within(grid).getAllByRole("row").slice(1)) {
      const cells = within(row).getAllByRole("cell");
      expect(cells.map((cell) => cell.classList.contains("text-right"))).toEqual(aligned);
    }
  });
});
