import { render, screen } from "../support/render";
import userEvent from "@testing-library/user-event";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import type { GraphEdge, GraphNode } from "@/lib/graph/types";
import { wholeText } from "../support/text";

const RUBIO: GraphNode = { id: "legislator-marco-rubio", type: "Legislator", name: "Marco Rubio", properties: {} };
const CECC: GraphNode = { id: "agency-cecc", type: "Agency", name: "Congressional-Executive Commission on China", properties: {} };
const EDGE: GraphEdge = {
  id: "rel-rubio-member-of-cecc",
  type: "MEMBER_OF",
  source: RUBIO.id,
  target: CECC.id,
  properties: { role: "co-chairman", createdAt: "2024-05-01T10:00:00Z", updatedAt: "2024-05-01T10:00:00Z" },
  sources: [{ id: "report-article", name: "The article", publisher: "The Wall Street Journal", url: null, publishedAt: "2019-02-20" }],
  quote: "of which Mr. Rubio was then co-chairman",
};

describe("RelationshipPanel", () => {
  it("reads as a sentence, with the field labels from the registry and the sources", () => {
    render(<RelationshipPanel edge={EDGE} from={RUBIO} to={CECC} onShowEntity={() => {}} />);
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(
      "Marco Rubio member of Congressional-Executive Commission on China",
    );
    expect(screen.getByText("Role")).toBeInTheDocument();
    expect(screen.getByText("co-chairman")).toBeInTheDocument();
    expect(screen.queryByText("createdAt")).not.toBeInTheDocument();
    expect(screen.getByText("Sources (1)")).toBeInTheDocument();
    expect(screen.getByText(wholeText("“of which Mr. Rubio was then co-chairman”"))).toBeInTheDocument();
  });

  it("falls back to the ids of ends that are not loaded, and opens either end", async () => {
    const onShowEntity = vi.fn<(id: string) => void>();
    render(<RelationshipPanel edge={EDGE} from={undefined} to={CECC} onShowEntity={onShowEntity} />);
    await userEvent.click(screen.getByRole("button", { name: "legislator-marco-rubio" }));
    expect(onShowEntity).toHaveBeenCalledWith("legislator-marco-rubio");
  });

  it("shows a payment's amount with its currency and its date at its precision, in the registry's order", () => {
    const donor: GraphNode = { id: "ftm-donor", type: "Company", name: "Donor GmbH", properties: {} };
    const party: GraphNode = { id: "ftm-party", type: "Organization", name: "A party", properties: {} };
    const payment = (properties: GraphEdge["properties"]): GraphEdge => ({
      ...EDGE,
      id: "ftm-payment",
      type: "PAID",
      source: donor.id,
      target: party.id,
      properties,
    });
    const { container, unmount } = render(
      <RelationshipPanel edge={payment({ date: "2011-12-29", currency: "EUR", amount: 100000, purpose: "Spende" })} from={donor} to={party} onShowEntity={() => {}} />,
    );
    const rows = () => [...container.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    // The currency is read into the amount, so it has no row of its own.
    expect(rows()).toEqual([
      ["Amount", "€100,000.00"],
      ["Date", "29 December 2011"],
      ["Purpose", "Spende"],
    ]);
    expect(screen.getByText("€100,000.00").closest("dd")).toHaveClass("tabular-nums");
    unmount();
    const other = render(<RelationshipPanel edge={payment({ amount: 2500.5, currency: "XYZ", date: "2011-03" })} from={donor} to={party} onShowEntity={() => {}} />);
    expect([...other.container.querySelectorAll("dd")].map((dd) => dd.textContent)).toEqual(["2,500.5 XYZ", "March 2011"]);
  });
});
