/**
 * The review queue in the browser, against an API served at the HTTP level that keeps its own state:
 * judged pairs leave the candidates and join the judgements, an undo puts them back, as the server does.
 */
import userEvent from "@testing-library/user-event";
import { render, screen, waitFor, within } from "../support/render";
import type { Candidate, JudgementRecord } from "@/lib/resolution/client";
import type { GraphNode } from "@/lib/graph/types";
import { answer, serveRequests } from "../support/network";
import { meFor, type Who } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/resolution",
  useSearchParams: () => new URLSearchParams(window.location.search),
}));
// The drawing is Cytoscape's, tested elsewhere; here only that both sides reach it.
vi.mock("@/components/graph/GraphCanvas", () => ({ default: () => <div data-testid="pair-canvas" /> }));

const { ResolutionQueue } = await import("@/components/resolution/ResolutionQueue");

const side = (id: string, name: string, datasets: string[] = []) => ({ id, name, type: "Legislator", datasets });
const PAIRS: Candidate[] = [
  { left: side("legislator-r000595", "Marco Rubio", ["legis-graph-114"]), right: side("legislator-marco-rubio", "Marco Rubio"), score: 0.97, reasons: ["same name"] },
  { left: side("legislator-a", "Jared Sanders"), right: side("legislator-b", "Jared Sander"), score: 0.8, reasons: ["names alike"] },
];

function serveQueue(who: Who) {
  const judged: JudgementRecord[] = [];
  const keyOf = (left: string, right: string) => [left, right].sort().join("|");
  const posts: unknown[] = [];
  // The recorder hands over the body it read (a request's body can be read once).
  const recorder = serveRequests(() => answer(500, { error: "replaced below" }));
  recorder.mockImplementation(async (path, init, request) => {
    const url = new URL(path, window.location.href);
    if (url.pathname === "/api/auth/me") return answer(200, meFor(who));
    if (request.method === "POST" && url.pathname === "/api/resolution/judgements") {
      const body = JSON.parse(init.body ?? "{}") as { left: string; right: string; judgement: JudgementRecord["judgement"] };
      posts.push(body);
      // As the server does: the names the pair had when judged are kept with the judgement.
      const nameOf = (id: string) => PAIRS.flatMap((pair) => [pair.left, pair.right]).find((entity) => entity.id === id)?.name ?? null;
      const record: JudgementRecord = {
        id: `judgement-${judged.length + 1}`,
        ...body,
        leftName: nameOf(body.left),
        rightName: nameOf(body.right),
        by: { id: "user-editor", name: "Test editor" },
        at: "2026-12-02T06:00:00Z",
      };
      judged.push(record);
      return answer(201, { judgement: record });
    }
    if (request.method === "DELETE" && url.pathname.startsWith("/api/resolution/judgements/")) {
      const id = url.pathname.split("/").pop();
      judged.splice(judged.findIndex((judgement) => judgement.id === id), 1);
      return answer(200, { undone: id });
    }
    if (url.pathname === "/api/resolution/candidates") {
      const open = PAIRS.filter((pair) => !judged.some((judgement) => keyOf(judgement.left, judgement.right) === keyOf(pair.left.id, pair.right.id)));
      return answer(200, { candidates: open, total: open.length });
    }
    if (url.pathname === "/api/resolution/judgements") return answer(200, { judgements: [...judged].reverse(), total: judged.length });
    const entityId = decodeURIComponent(url.pathname.split("/")[3] ?? "");
    if (url.pathname.endsWith("/neighbours")) {
      const center: GraphNode = { id: entityId, type: "Legislator", name: entityId, properties: {} };
      return answer(200, { center, nodes: [], edges: [], total: 0, offset: 0, limit: 12, degrees: {}, links: [] });
    }
    if (url.pathname.startsWith("/api/entities/")) {
      return answer(200, { entity: { id: entityId, type: "Legislator", name: entityId, properties: { party: "Republican", state: "FL" } }, degree: 0 });
    }
    if (url.pathname === "/api/datasets") return answer(200, { datasets: [] });
    return answer(404, { error: `No stub for ${url.pathname}` });
  });
  return { posts, judged };
}

const pairHeading = () => screen.findByRole("heading", { level: 2, name: /\?$/ });

describe("the review queue", { timeout: 20_000 }, () => {
  it("shows the best pair first with its reasons and both sides, and judges it with the keyboard", async () => {
    const { posts } = serveQueue("editor");
    const user = userEvent.setup();
    render(<ResolutionQueue />);
    expect(await pairHeading()).toHaveTextContent("Marco Rubio or Marco Rubio?");
    expect(within(screen.getByRole("list", { name: "Reasons" })).getByText("same name")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Left" })).toHaveTextContent("legislator-r000595");
    expect(screen.getByRole("region", { name: "Right" })).toHaveTextContent("none (made by hand)");
    await waitFor(() => expect(screen.getByRole("button", { name: /^Same/ })).toBeEnabled());

    await user.keyboard("s");
    await waitFor(() => expect(posts).toEqual([{ left: "legislator-r000595", right: "legislator-marco-rubio", judgement: "same" }]));
    // The next pair comes, and the judged list says who judged what.
    expect(await screen.findByRole("heading", { level: 2, name: "Jared Sanders or Jared Sander?" })).toBeInTheDocument();
    const judgements = await screen.findByRole("list", { name: "Judgements" });
    expect(judgements).toHaveTextContent("same");
    expect(judgements).toHaveTextContent("by Test editor");

    await user.keyboard("d");
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]).toMatchObject({ judgement: "different" });
    expect(await screen.findByText("Nothing to review here: no candidate pair left.")).toBeInTheDocument();
  });

  it("skips with n or the right arrow without judging, and brings skipped pairs back on request", async () => {
    const { posts } = serveQueue("editor");
    const user = userEvent.setup();
    render(<ResolutionQueue />);
    expect(await pairHeading()).toHaveTextContent("Marco Rubio or Marco Rubio?");
    await user.keyboard("n");
    expect(await pairHeading()).toHaveTextContent("Jared Sanders or Jared Sander?");
    await user.keyboard("{ArrowRight}");
    expect(await screen.findByText("Nothing more to review here: 2 skipped.")).toBeInTheDocument();
    expect(posts).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Show the skipped pairs again" }));
    expect(await pairHeading()).toHaveTextContent("Marco Rubio or Marco Rubio?");
  });

  it("undoes a judgement from the judged list: the pair is proposed again", async () => {
    serveQueue("editor");
    const user = userEvent.setup();
    render(<ResolutionQueue />);
    await pairHeading();
    await waitFor(() => expect(screen.getByRole("button", { name: /^Unsure/ })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: /^Unsure/ }));
    expect(await screen.findByRole("heading", { level: 2, name: "Jared Sanders or Jared Sander?" })).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: /^Undo: Marco Rubio and Marco Rubio unsure/ }));
    expect(await screen.findByRole("heading", { level: 2, name: "Marco Rubio or Marco Rubio?" })).toBeInTheDocument();
    expect(await screen.findByText("No pair judged yet.")).toBeInTheDocument();
  });

  it("lets a viewer look but not judge: the judgement buttons are disabled with the reason, keys do nothing", async () => {
    const { posts } = serveQueue("viewer");
    const user = userEvent.setup();
    render(<ResolutionQueue />);
    await pairHeading();
    expect(await screen.findByTestId("needs-permission")).toHaveTextContent("to edit the graph");
    for (const name of [/^Same/, /^Not the same/, /^Unsure/]) expect(screen.getByRole("button", { name })).toBeDisabled();
    expect(screen.getByRole("button", { name: /^Skip/ })).toBeEnabled();
    await user.keyboard("s");
    expect(posts).toEqual([]);
    expect(await pairHeading()).toHaveTextContent("Marco Rubio or Marco Rubio?");
  });
});
