import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { SourceList } from "@/components/panels/SourceList";
import type { SourceRef } from "@/lib/graph/types";
import { wholeText } from "../support/text";

const ARTICLE: SourceRef = {
  id: "report-wsj",
  name: "Thermo Fisher to Stop Sales",
  publisher: "The Wall Street Journal",
  url: "https://www.wsj.com/articles/thermo-fisher",
  publishedAt: "2019-02-20",
};
const HOSTILE: SourceRef = {
  id: "report-hostile",
  name: "A hostile report",
  publisher: null,
  url: "javascript:alert(1)",
  publishedAt: null,
};

describe("SourceList", () => {
  it("shows the quote and every source with its publisher and date", () => {
    render(<SourceList sources={[ARTICLE, HOSTILE]} quote="stop selling sequencers" />);
    expect(screen.getByText(wholeText("“stop selling sequencers”"))).toBeInTheDocument();
    const items = within(screen.getByRole("list", { name: "Sources" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Source: Thermo Fisher to Stop Sales (The Wall Street Journal, 2019-02-20)");
    expect(items[1]).toHaveTextContent("Source: A hostile report");
  });

  it("links an https source safely, in a new tab", () => {
    render(<SourceList sources={[ARTICLE]} quote={null} />);
    const link = screen.getByRole("link", { name: "open link" });
    expect(link).toHaveAttribute("href", ARTICLE.url);
    expect(link).toHaveAttribute("target", "_blank");
    const rel = link.getAttribute("rel")?.split(/\s+/) ?? [];
    expect(rel).toContain("noopener");
    expect(rel).toContain("noreferrer");
  });

  it("never turns a javascript: url into a link", () => {
    const { container } = render(<SourceList sources={[HOSTILE]} quote={null} />);
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
    expect(container.querySelector("a")).toBeNull();
    expect(container.innerHTML).not.toContain("javascript:");
  });

  it("shows no blockquote without a quote, and says when there is no source", () => {
    const { container } = render(<SourceList sources={[]} quote={null} />);
    expect(container.querySelector("blockquote")).toBeNull();
    expect(screen.getByText("No source recorded.")).toBeInTheDocument();
  });

  it("opens a report in the app when asked to", async () => {
    const onOpenReport = vi.fn<(id: string) => void>();
    render(<SourceList sources={[ARTICLE, HOSTILE]} quote={null} onOpenReport={onOpenReport} />);
    await userEvent.click(screen.getByRole("button", { name: "A hostile report" }));
    expect(onOpenReport).toHaveBeenCalledWith("report-hostile");
  });

  it("shows plain names without buttons when reports cannot be opened", () => {
    render(<SourceList sources={[ARTICLE]} quote={null} />);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByText("Thermo Fisher to Stop Sales")).toBeInTheDocument();
  });
});
