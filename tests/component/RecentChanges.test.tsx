/**
 * /changes by role: changes:read (every signed-in role) sees the trail, graph:edit (editor, admin) may
 * revert, and a signed-out visitor is told to sign in without the list being asked for.
 */
import { render, screen, within } from "../support/render";
import type { ChangeSummary } from "@/lib/editing/model";
import { answer } from "../support/network";
import { stubApiAs, type Who } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/changes",
  useSearchParams: () => new URLSearchParams(),
}));

const { RecentChanges } = await import("@/components/editing/RecentChanges");
// The header comes from the route group's frame, as on the page.
const { AppFrame } = await import("@/components/AppFrame");

const CHANGE: ChangeSummary = {
  id: "change0000000000000001",
  at: "2024-03-03T09:30:00.000Z",
  actor: { id: "user-editor", name: "Erin Editor" },
  action: "delete-entity",
  summary: "Deleted “Acme”",
  entityIds: ["company-acme"],
  revertOf: null,
  revertedBy: null,
};

function openAs(who: Who) {
  window.history.replaceState(null, "", "/changes");
  const fetchMock = stubApiAs(who, (url) => (url.pathname === "/api/changes" ? answer(200, { changes: [CHANGE], next: null }) : undefined));
  render(
    <AppFrame>
      <RecentChanges />
    </AppFrame>,
  );
  return fetchMock;
}

describe("RecentChanges", () => {
  it("shows a viewer the trail, with links to the explorer and no Revert", async () => {
    openAs("viewer");
    expect(screen.getByRole("heading", { level: 1, name: "Recent changes" })).toBeInTheDocument();
    const row = await screen.findByRole("article", { name: CHANGE.summary });
    expect(within(row).getByRole("link", { name: "company-acme" })).toHaveAttribute("href", "/?nodes=company-acme&selected=company-acme");
    expect(within(row).queryByRole("button", { name: "Revert" })).not.toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Sections" })).getByRole("link", { name: "Changes" })).toHaveAttribute("aria-current", "page");
  });

  it("lets an editor revert", async () => {
    openAs("editor");
    const row = await screen.findByRole("article", { name: CHANGE.summary });
    expect(within(row).getByRole("button", { name: "Revert" })).toBeInTheDocument();
  });

  it("tells a signed-out visitor to sign in, and does not ask for the trail", async () => {
    const fetchMock = openAs("signed out");
    const note = await screen.findByTestId("needs-permission");
    expect(note).toHaveTextContent("Sign in to see the history of changes");
    expect(within(note).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?next=${encodeURIComponent("/changes")}`);
    expect(fetchMock.mock.calls.some(([input]) => String(input).startsWith("/api/changes"))).toBe(false);
    expect(screen.queryByRole("region", { name: "Recent changes" })).not.toBeInTheDocument();
  });
});
