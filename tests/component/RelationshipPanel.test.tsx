import { render, screen } from "@testing-library/react";
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
});
