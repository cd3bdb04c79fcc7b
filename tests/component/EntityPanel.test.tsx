import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { EntityPanel } from "@/components/panels/EntityPanel";
import type { GraphEdge, GraphNode, NeighbourPage, SourceRef } from "@/lib/graph/types";
import { answer, serveRequests } from "../support/network";
import { wholeText } from "../support/text";

const ARTICLE: SourceRef = {
  id: "report-wsj-article",
  name: "Thermo Fisher to Stop Sales of Genetic Sequencers",
  publisher: "The Wall Street Journal",
  url: "https://www.wsj.com/articles/thermo",
  publishedAt: "2019-02-20",
};
const HRW: SourceRef = {
  id: "report-hrw",
  name: "Human Rights Watch report on DNA collection",
  publisher: "Human Rights Watch",
  url: null,
  publishedAt: "2017-12-01",
};

const THERMO: GraphNode = {
  id: "company-thermo-fisher",
  type: "Company",
  name: "Thermo Fisher Scientific Inc.",
  properties: {
    aliases: ["Thermo Fisher", "Thermo Fisher Scientific"],
    description: "Waltham-based maker of laboratory equipment.",
    industry: "Life sciences",
  },
};
const POLICE: GraphNode = { id: "agency-xinjiang-police", type: "Agency", name: "Xinjiang police", properties: {} };
const DECISION: GraphNode = {
  id: "event-decision",
  type: "Event",
  name: "Thermo Fisher stops sales in Xinjiang",
  properties: { date: "2019-02-20", datePrecision: "day" },
};
const WSJ: GraphNode = { id: "org-wsj", type: "Organization", name: "The Wall Street Journal", properties: {} };

function edge(id: string, type: GraphEdge["type"], source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge {
  return { id, type, source, target, properties: {}, sources: [ARTICLE], quote: null, ...extra };
}

const FIRST_PAGE: NeighbourPage = {
  center: THERMO,
  total: 4,
  offset: 0,
  limit: 50,
  nodes: [POLICE, DECISION],
  edges: [
    edge("rel-supplied", "SUPPLIED", THERMO.id, POLICE.id, {
      properties: { product: "DNA sequencers" },
      sources: [ARTICLE, HRW],
      quote: "identified Thermo Fisher as a supplier of some DNA sequencers",
    }),
    edge("rel-acted", "ACTED_IN", THERMO.id, DECISION.id, { properties: { role: "decided to stop sales" } }),
    // An edge to a node the page does not hold is not listed.
    edge("rel-orphan", "LOCATED_IN", THERMO.id, "region-elsewhere"),
  ],
};
const SECOND_PAGE: NeighbourPage = {
  ...FIRST_PAGE,
  offset: 2,
  nodes: [WSJ],
  edges: [edge("rel-concerns", "CONCERNS", WSJ.id, THERMO.id)],
};

function renderPanel() {
  const onExpand = vi.fn<(id: string) => void>();
  const onShowEntity = vi.fn<(id: string) => void>();
  const user = userEvent.setup();
  render(<EntityPanel entityId={THERMO.id} onExpand={onExpand} onShowEntity={onShowEntity} />);
  return { onExpand, onShowEntity, user };
}

describe("EntityPanel", () => {
  it("loads the entity's neighbours and shows its name, type, aliases, description and properties", async () => {
    const fetchMock = serveRequests(() => answer(200, FIRST_PAGE));
    renderPanel();
    expect(screen.getByText("Loading…")).toBeInTheDocument();

    expect(await screen.findByRole("heading", { level: 2, name: "Thermo Fisher Scientific Inc." })).toBeInTheDocument();
    expect(screen.getByText("Company")).toBeInTheDocument();
    expect(screen.getByText(wholeText("Also known as Thermo Fisher, Thermo Fisher Scientific"))).toBeInTheDocument();
    expect(screen.getByText("Waltham-based maker of laboratory equipment.")).toBeInTheDocument();
    expect(screen.getByText("Industry")).toBeInTheDocument();
    expect(screen.getByText("Life sciences")).toBeInTheDocument();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = new URL(String(fetchMock.mock.calls[0]?.[0]), "http://localhost");
    expect(url.pathname).toBe("/api/entities/company-thermo-fisher/neighbours");
    expect(url.searchParams.get("limit")).toBe("50");
  });

  it("shows 'Expand neighbours (N)' and calls onExpand with the entity id", async () => {
    serveRequests(() => answer(200, FIRST_PAGE));
    const { onExpand, user } = renderPanel();
    const expand = await screen.findByRole("button", { name: "Expand neighbours (4)" });
    await user.click(expand);
    expect(onExpand).toHaveBeenCalledTimes(1);
    expect(onExpand).toHaveBeenCalledWith("company-thermo-fisher");
  });

  it("lists each connection with its verb, the other entity, the quote and the source names", async () => {
    serveRequests(() => answer(200, FIRST_PAGE));
    renderPanel();
    const section = await screen.findByRole("region", { name: "Connections (4)" });
    const items = within(section).getAllByRole("listitem").filter((item) => item.parentElement?.closest("li") === null);
    expect(items).toHaveLength(2);

    const [supplied, acted] = items as [HTMLElement, HTMLElement];
    expect(supplied.querySelector("p")).toHaveTextContent(/^supplied Xinjiang police$/);
    expect(within(supplied).getByText(wholeText("“identified Thermo Fisher as a supplier of some DNA sequencers”"))).toBeInTheDocument();
    expect(within(supplied).getByRole("button", { name: ARTICLE.name })).toBeInTheDocument();
    expect(within(supplied).getByRole("button", { name: HRW.name })).toBeInTheDocument();
    expect(within(supplied).getByRole("link", { name: "open link" })).toHaveAttribute("href", ARTICLE.url);

    expect(acted).toHaveTextContent("acted in Thermo Fisher stops sales in Xinjiang · 20 Feb 2019");
    expect(acted).toHaveTextContent("Role: decided to stop sales");
    expect(screen.queryByText("region-elsewhere")).not.toBeInTheDocument();
  });

  it("opens the other entity or a cited report through onShowEntity", async () => {
    serveRequests(() => answer(200, FIRST_PAGE));
    const { onShowEntity, user } = renderPanel();
    await user.click(await screen.findByRole("button", { name: "Xinjiang police" }));
    expect(onShowEntity).toHaveBeenLastCalledWith("agency-xinjiang-police");
    await user.click(screen.getByRole("button", { name: HRW.name }));
    expect(onShowEntity).toHaveBeenLastCalledWith("report-hrw");
  });

  it("loads the next page of connections on demand; incoming ones read in their direction", async () => {
    const fetchMock = serveRequests((url) => answer(200, url.searchParams.get("offset") === "2" ? SECOND_PAGE : FIRST_PAGE));
    const { user } = renderPanel();
    await user.click(await screen.findByRole("button", { name: "Show more connections (2 more)" }));

    const wsj = await screen.findByRole("button", { name: "The Wall Street Journal" });
    // An incoming connection reads in the relationship's direction: "<other> concerns <this entity>".
    expect(wsj.closest("p")).toHaveTextContent(/^The Wall Street Journal concerns Thermo Fisher Scientific Inc\.$/);
    expect(screen.getByRole("button", { name: "Show more connections (1 more)" })).toBeInTheDocument();
    const second = new URL(String(fetchMock.mock.calls[1]?.[0]), "http://localhost");
    expect(second.searchParams.get("offset")).toBe("2");
    expect(second.searchParams.get("limit")).toBe("50");
  });

  it("shows the server's message in an alert when the entity cannot be loaded", async () => {
    serveRequests(() => answer(404, { error: 'No entity has the id "company-thermo-fisher".' }));
    renderPanel();
    expect(await screen.findByRole("alert")).toHaveTextContent('No entity has the id "company-thermo-fisher".');
    expect(screen.queryByRole("button", { name: /Expand neighbours/ })).not.toBeInTheDocument();
  });

  it("shows a generic message in an alert when an error answer has no body", async () => {
    serveRequests(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    renderPanel();
    expect(await screen.findByRole("alert")).toHaveTextContent("The server answered 502.");
  });

  it("does not keep one entity's failure on screen when another entity is picked", async () => {
    serveRequests((url) =>
      url.pathname.includes("company-thermo-fisher") ? answer(503, { error: "The graph database is not reachable right now." }) : answer(200, { ...FIRST_PAGE, center: POLICE, nodes: [], edges: [] }),
    );
    const props = { onExpand: vi.fn(), onShowEntity: vi.fn() };
    const { rerender } = render(<EntityPanel entityId={THERMO.id} {...props} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("not reachable");
    rerender(<EntityPanel entityId={POLICE.id} {...props} />);
    expect(await screen.findByRole("heading", { level: 2, name: "Xinjiang police" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows an entity that failed once when it loads on a later visit", async () => {
    let thermoFailures = 1;
    serveRequests((url) => {
      if (!url.pathname.includes(THERMO.id)) return answer(200, { ...FIRST_PAGE, center: POLICE, nodes: [], edges: [] });
      return thermoFailures-- > 0 ? answer(503, { error: "The graph database is not reachable right now." }) : answer(200, FIRST_PAGE);
    });
    const props = { onExpand: vi.fn(), onShowEntity: vi.fn() };
    const { rerender } = render(<EntityPanel entityId={THERMO.id} {...props} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("not reachable");
    rerender(<EntityPanel entityId={POLICE.id} {...props} />);
    await screen.findByRole("heading", { level: 2, name: "Xinjiang police" });
    rerender(<EntityPanel entityId={THERMO.id} {...props} />);
    expect(await screen.findByRole("heading", { level: 2, name: THERMO.name })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("asks for the next page once however often 'Show more' is clicked, and keeps the panel when it fails", async () => {
    let releaseSecondPage: (response: Response) => void = () => {};
    const fetchMock = serveRequests((url) =>
      url.searchParams.get("offset") === "2"
        ? new Promise<Response>((resolve) => {
            releaseSecondPage = resolve;
          })
        : answer(200, FIRST_PAGE),
    );
    const { user } = renderPanel();
    const more = await screen.findByRole("button", { name: "Show more connections (2 more)" });
    await user.click(more);
    await user.click(screen.getByRole("button", { name: "Loading…" }));
    expect(fetchMock).toHaveBeenCalledTimes(2);

    releaseSecondPage(answer(503, { error: "The database took too long to answer." }));
    expect(await screen.findByRole("alert")).toHaveTextContent("took too long");
    // The connections already loaded stay readable.
    expect(screen.getByRole("heading", { level: 2, name: "Thermo Fisher Scientific Inc." })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show more connections (2 more)" })).toBeEnabled();
  });
});
