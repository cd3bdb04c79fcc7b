/**
 * The audit trail's list: newest first, paged, a diff per change on demand, Revert behind an inline
 * confirmation (POST /api/changes/{id}/revert, then the list reloads), the server's message on a conflict,
 * and the recorded text (summaries, labels, values) shown as text, never as markup.
 */
import { render, screen, waitFor, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { afterGraphWrite } from "@/lib/client/graph-writes";
import type { ChangeDetails, ChangeSummary } from "@/lib/editing/model";
import { answer, serveRequests } from "../support/network";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/changes",
  useSearchParams: () => new URLSearchParams(),
}));

const { ChangeList } = await import("@/components/editing/ChangeList");

const XSS = `<img src=x onerror=alert(1)>`;

const summary = (id: string, text: string, extra: Partial<ChangeSummary> = {}): ChangeSummary => ({
  id,
  at: "2024-03-01T10:00:00.000Z",
  actor: { id: "user-editor", name: "Erin Editor" },
  action: "update-entity",
  summary: text,
  entityIds: ["company-acme"],
  revertOf: null,
  revertedBy: null,
  ...extra,
});

const EDIT = summary("change0000000000000001", "Edited “Acme”: name, industry", { at: "2024-03-03T09:30:00.000Z" });
const LINK = summary("change0000000000000002", "Linked: Acme supplied Agency", {
  action: "create-relationship",
  entityIds: ["company-acme", "agency-x"],
  at: "2024-03-02T09:30:00.000Z",
});
const OLD = summary("change0000000000000003", "Created company “Acme”", { action: "create-entity", at: "2024-03-01T09:30:00.000Z" });
const REVERT = summary("change0000000000000009", "Reverted: Edited “Acme”: name, industry", {
  action: "revert",
  revertOf: EDIT.id,
  at: "2024-03-04T09:30:00.000Z",
});

const EDIT_DETAILS: ChangeDetails = {
  ...EDIT,
  ops: [
    {
      kind: "entity",
      id: "company-acme",
      label: "Acme Corp",
      before: { type: "Company", properties: { name: "Acme", aliases: ["A"], industry: "biotech", website: "https://acme.example" } },
      after: { type: "Company", properties: { name: "Acme Corp", aliases: ["A", "Acme Inc"], industry: "biotech", website: "https://acme.example" } },
    },
  ],
};

const LINK_DETAILS: ChangeDetails = {
  ...LINK,
  ops: [
    {
      kind: "relationship",
      id: "rel-supplied-1",
      label: "Acme supplied Agency",
      before: null,
      after: { type: "SUPPLIED", from: "company-acme", to: "agency-x", properties: { sources: ["report-a", "report-b"], quote: "Acme supplied." } },
    },
  ],
};

interface Server {
  /** The first page, newest first; a revert puts its change on top and marks the original. */
  changes: ChangeSummary[];
  revert: (id: string) => Response;
}

function serve(server: Server) {
  return serveRequests((url) => {
    const match = /^\/api\/changes\/([^/]+)(\/revert)?$/.exec(url.pathname);
    if (match?.[2]) return server.revert(match[1]!);
    if (match) {
      const details = [EDIT_DETAILS, LINK_DETAILS].find((change) => change.id === match[1]);
      return details ? answer(200, details) : answer(404, { error: "No such change." });
    }
    if (url.pathname === "/api/changes" || url.pathname.endsWith("/history")) {
      if (url.searchParams.get("before") === LINK.id) return answer(200, { changes: [OLD], next: null });
      return answer(200, { changes: server.changes, next: server.changes.at(-1)!.id });
    }
    return answer(404, { error: `No stub for ${url.pathname}` });
  });
}

const article = (text: string) => screen.findByRole("article", { name: text });
const listRequests = (fetchMock: ReturnType<typeof serveRequests>) =>
  fetchMock.mock.calls.filter(([input]) => String(input).startsWith("/api/changes?") || String(input) === "/api/changes").length;

describe("ChangeList", () => {
  it("lists changes newest first with when, who, what and the action", async () => {
    serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    render(<ChangeList canRevert={false} />);
    const section = await screen.findByRole("region", { name: "Recent changes" });
    const rows = await within(section).findAllByRole("article");
    expect(rows.map((row) => within(row).getByText(/Edited “Acme”|Linked:/).textContent)).toEqual([EDIT.summary, LINK.summary]);
    const first = rows[0]!;
    expect(first.querySelector("time")).toHaveAttribute("dateTime", EDIT.at);
    expect(within(first).getByText("Erin Editor")).toBeInTheDocument();
    expect(within(first).getByText("Edited")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Linked")).toBeInTheDocument();
  });

  it("pages to older changes with the cursor the server gave", async () => {
    const fetchMock = serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    render(<ChangeList canRevert={false} />);
    await article(LINK.summary);
    await userEvent.click(screen.getByRole("button", { name: "Show older changes" }));
    expect(await article(OLD.summary)).toHaveFocus();
    expect(fetchMock.mock.calls.some(([input]) => String(input).includes(`before=${LINK.id}`))).toBe(true);
    expect(screen.getAllByRole("article")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Show older changes" })).not.toBeInTheDocument();
  });

  it("shows a change's diff: only the fields that differ, lists joined, the entity clickable", async () => {
    serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    const onShowEntity = vi.fn<(id: string) => void>();
    render(<ChangeList canRevert={false} onShowEntity={onShowEntity} />);
    const row = await article(EDIT.summary);
    await userEvent.click(within(row).getByRole("button", { name: "Show details" }));
    const table = await within(row).findByRole("table");
    const cells = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent));
    expect(cells).toEqual([
      ["Name", "Acme", "Acme Corp"],
      ["Aliases", "A", "A, Acme Inc"],
    ]);
    expect(within(row).getByText("changed")).toBeInTheDocument();
    await userEvent.click(within(row).getByRole("button", { name: "Acme Corp" }));
    expect(onShowEntity).toHaveBeenCalledWith("company-acme");
    expect(within(row).getByRole("button", { name: "Hide details" })).toHaveAttribute("aria-expanded", "true");
  });

  it("shows a new link's ends, sources and quote", async () => {
    serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    render(<ChangeList canRevert={false} />);
    const row = await article(LINK.summary);
    await userEvent.click(within(row).getByRole("button", { name: "Show details" }));
    const table = await within(row).findByRole("table");
    expect(within(row).getByText("created")).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: /Sources/ })).toHaveTextContent("report-a, report-b");
    expect(within(table).getByRole("row", { name: /Quote/ })).toHaveTextContent("Acme supplied.");
    // Without onShowEntity (the recent-changes page), entities are links to the explorer.
    const details = within(row).getByRole("list", { name: "What changed" });
    expect(within(details).getByRole("link", { name: "agency-x" })).toHaveAttribute("href", "/?nodes=agency-x&selected=agency-x");
  });

  it("reverts after an inline confirmation, then reloads the list and tells the page", async () => {
    const server: Server = {
      changes: [EDIT, LINK],
      revert: (id) => {
        server.changes = [REVERT, { ...EDIT, revertedBy: REVERT.id }, LINK];
        return answer(200, { ...REVERT, revertOf: id });
      },
    };
    const fetchMock = serve(server);
    const onReverted = vi.fn<(change: ChangeSummary) => void>();
    render(<ChangeList canRevert onReverted={onReverted} />);
    const row = await article(EDIT.summary);
    expect(listRequests(fetchMock)).toBe(1);

    await userEvent.click(within(row).getByRole("button", { name: "Revert" }));
    expect(within(row).getByText("Revert this change? It will be recorded too.")).toBeInTheDocument();
    expect(within(row).getByRole("button", { name: "Confirm revert" })).toHaveFocus();
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith("/revert"))).toBe(false);

    await userEvent.click(within(row).getByRole("button", { name: "Confirm revert" }));
    const post = (fetchMock.mock.calls as unknown as [string, RequestInit | undefined][]).find(([input]) => String(input) === `/api/changes/${EDIT.id}/revert`);
    expect(post?.[1]).toMatchObject({ method: "POST" });
    expect(await article(REVERT.summary)).toBeInTheDocument();
    expect(listRequests(fetchMock)).toBe(2);
    expect(onReverted).toHaveBeenCalledWith(expect.objectContaining({ id: REVERT.id, revertOf: EDIT.id }));

    const reverted = await article(EDIT.summary);
    expect(within(reverted).getByText("Reverted")).toBeInTheDocument();
    expect(within(reverted).queryByRole("button", { name: "Revert" })).not.toBeInTheDocument();
    expect(within(await article(REVERT.summary)).getByText("Revert of an earlier change")).toBeInTheDocument();
  });

  it("cancels the confirmation without reverting", async () => {
    const fetchMock = serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    render(<ChangeList canRevert />);
    const row = await article(EDIT.summary);
    await userEvent.click(within(row).getByRole("button", { name: "Revert" }));
    await userEvent.click(within(row).getByRole("button", { name: "Cancel" }));
    expect(within(row).queryByText("Revert this change? It will be recorded too.")).not.toBeInTheDocument();
    expect(within(row).getByRole("button", { name: "Revert" })).toHaveFocus();
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith("/revert"))).toBe(false);
  });

  it("shows the server's message when a revert conflicts", async () => {
    const message = "“Acme Corp” was changed after this change: revert the later change first.";
    serve({ changes: [EDIT, LINK], revert: () => answer(409, { error: message }) });
    const onReverted = vi.fn();
    render(<ChangeList canRevert onReverted={onReverted} />);
    const row = await article(EDIT.summary);
    await userEvent.click(within(row).getByRole("button", { name: "Revert" }));
    await userEvent.click(within(row).getByRole("button", { name: "Confirm revert" }));
    expect(await within(row).findByRole("alert")).toHaveTextContent(message);
    expect(onReverted).not.toHaveBeenCalled();
    expect(within(row).getByRole("button", { name: "Revert" })).toBeInTheDocument();
  });

  it("offers no Revert without graph:edit", async () => {
    serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    render(<ChangeList canRevert={false} />);
    await article(EDIT.summary);
    expect(screen.queryByRole("button", { name: "Revert" })).not.toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Show details" })).toHaveLength(2);
  });

  it("shows an entity's History and reloads it after a graph write", async () => {
    const fetchMock = serve({ changes: [EDIT, LINK], revert: () => answer(500, {}) });
    const { client } = render(<ChangeList entityId="company-acme" canRevert={false} />);
    const section = await screen.findByRole("region", { name: "History" });
    await within(section).findByRole("article", { name: EDIT.summary });
    // The entity itself is not listed again among what a change concerns; the other end is.
    expect(within(await article(LINK.summary)).getByRole("link", { name: "agency-x" })).toBeInTheDocument();
    expect(within(await article(EDIT.summary)).queryByRole("link", { name: "company-acme" })).not.toBeInTheDocument();
    const history = () => fetchMock.mock.calls.filter(([input]) => String(input).startsWith("/api/entities/company-acme/history")).length;
    expect(history()).toBe(1);
    // What every edit of the page does on success (lib/client/graph-writes.ts).
    void afterGraphWrite(client);
    await waitFor(() => expect(history()).toBe(2));
  });

  it("renders recorded markup as literal text", async () => {
    const evil = summary("change00000000000000ee", `Edited ${XSS}`, { actor: { id: "u", name: XSS } });
    const details: ChangeDetails = {
      ...evil,
      ops: [
        {
          kind: "entity",
          id: "company-evil",
          label: XSS,
          before: { type: "Company", properties: { name: "Evil" } },
          after: { type: "Company", properties: { name: XSS, description: `<script>alert(1)</script>` } },
        },
      ],
    };
    serveRequests((url) => {
      if (url.pathname === "/api/changes") return answer(200, { changes: [evil], next: null });
      if (url.pathname === `/api/changes/${evil.id}`) return answer(200, details);
      return answer(404, {});
    });
    const { container } = render(<ChangeList canRevert={false} />);
    const row = await article(`Edited ${XSS}`);
    expect(within(row).getByText(`Edited ${XSS}`)).toBeInTheDocument();
    await userEvent.click(within(row).getByRole("button", { name: "Show details" }));
    expect(await within(row).findByRole("link", { name: XSS })).toHaveAttribute("href", "/?nodes=company-evil&selected=company-evil");
    expect(within(row).getByText("<script>alert(1)</script>")).toBeInTheDocument();
    expect(within(row).getAllByText(XSS).length).toBeGreaterThanOrEqual(3); // actor, label, the new name
    expect(container.querySelector("img, script")).toBeNull();
  });
});
