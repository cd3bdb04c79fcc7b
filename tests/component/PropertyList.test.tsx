import { render, screen } from "../support/render";
import { PropertyList } from "@/components/panels/PropertyList";
import type { GraphNode } from "@/lib/graph/types";

/** The rows of the definition list as [label, value] pairs. */
function rows(container: HTMLElement): [string, string][] {
  return [...container.querySelectorAll("dt")].map((dt) => [dt.textContent ?? "", dt.nextElementSibling?.textContent ?? ""]);
}

describe("PropertyList", () => {
  it("shows an event's fields with the registry's labels, dates formatted, bookkeeping hidden", () => {
    const node: GraphNode = {
      id: "event-decision",
      type: "Event",
      name: "Thermo Fisher stops sales",
      properties: {
        kind: "corporate decision",
        endDate: "2019-03-01",
        date: "2019-02-20",
        datePrecision: "day",
        aliases: ["The decision"],
        description: "A long description",
        createdAt: "2024-05-01T10:00:00Z",
        updatedAt: "2024-05-02T10:00:00Z",
      },
    };
    const { container } = render(<PropertyList node={node} />);
    // Registry order: date, endDate, (datePrecision is bookkeeping), kind.
    expect(rows(container)).toEqual([
      ["Date", "20 February 2019"],
      ["Until", "1 March 2019"],
      ["Kind", "corporate decision"],
    ]);
    for (const hidden of ["Date known to the", "aliases", "description", "createdAt", "updatedAt", "datePrecision"]) {
      expect(screen.queryByText(hidden)).not.toBeInTheDocument();
    }
    expect(screen.queryByText("A long description")).not.toBeInTheDocument();
    expect(screen.queryByText("The decision")).not.toBeInTheDocument();
  });

  it("formats an event date at the precision it is known to", () => {
    const node: GraphNode = {
      id: "event-urging",
      type: "Event",
      name: "Rubio urges",
      properties: { date: "2018-02-01", datePrecision: "month" },
    };
    const { container } = render(<PropertyList node={node} />);
    expect(rows(container)).toEqual([["Date", "February 2018"]]);
  });

  it("shows a report's publication day and a safe link", () => {
    const node: GraphNode = {
      id: "report-hrw",
      type: "Report",
      name: "HRW report",
      properties: { publisher: "Human Rights Watch", url: "https://www.hrw.org/report", publishedAt: "2017-12-01", kind: "report" },
    };
    const { container } = render(<PropertyList node={node} />);
    expect(rows(container)).toEqual([
      ["Publisher", "Human Rights Watch"],
      ["Link", "https://www.hrw.org/report"],
      ["Published", "1 December 2017"],
      ["Kind", "report"],
    ]);
    const link = screen.getByRole("link", { name: "https://www.hrw.org/report" });
    expect(link).toHaveAttribute("href", "https://www.hrw.org/report");
    expect(link.getAttribute("rel")).toContain("noopener");
  });

  it("shows a javascript: url as text, not as a link", () => {
    const node: GraphNode = {
      id: "company-x",
      type: "Company",
      name: "X",
      properties: { website: "javascript:alert(1)" },
    };
    const { container } = render(<PropertyList node={node} />);
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
    expect(rows(container)).toEqual([["Website", "javascript:alert(1)"]]);
  });

  it("shows unknown stored properties under their own name and skips empty ones", () => {
    const node: GraphNode = {
      id: "legislator-rubio",
      type: "Legislator",
      name: "Marco Rubio",
      properties: { party: "Republican", state: "", chamber: null, formerTitle: "co-chairman", terms: [2011, 2017] },
    };
    const { container } = render(<PropertyList node={node} />);
    expect(rows(container)).toEqual([
      ["Party", "Republican"],
      ["formerTitle", "co-chairman"],
      ["terms", "2011, 2017"],
    ]);
  });

  it("shows typed values as people read them: integers grouped, booleans yes/no, dates at their precision", () => {
    const bill: GraphNode = {
      id: "bill-hr2",
      type: "Bill",
      name: "H.R. 2",
      properties: { congress: 114, active: true, enacted: false, vetoed: false },
    };
    expect(rows(render(<PropertyList node={bill} />).container)).toEqual([
      ["Congress", "114"],
      ["Active", "yes"],
      ["Enacted", "no"],
      ["Vetoed", "no"],
    ]);
    const byYear: GraphNode = { id: "report-y", type: "Report", name: "Y", properties: { publishedAt: "2011" } };
    const byMonth: GraphNode = { id: "report-m", type: "Report", name: "M", properties: { publishedAt: "2011-03" } };
    expect(rows(render(<PropertyList node={byYear} />).container)).toEqual([["Published", "2011"]]);
    expect(rows(render(<PropertyList node={byMonth} />).container)).toEqual([["Published", "March 2011"]]);
  });

  it("renders nothing when there is nothing to show", () => {
    const node: GraphNode = { id: "region-x", type: "Region", name: "X", properties: { aliases: [], createdAt: "2024-05-01T10:00:00Z" } };
    const { container } = render(<PropertyList node={node} />);
    expect(container).toBeEmptyDOMElement();
  });
});
