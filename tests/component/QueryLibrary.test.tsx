/**
 * The saved-query library by role: everyone who may read opens queries; New query, Duplicate, Delete and
 * the bin's Restore are for roles with queries:write, and the others are told why.
 */
import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import type { SavedQuerySummary } from "@/lib/queries/model";
import { answer } from "../support/network";
import { REASONS, stubApiAs, type Who } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/queries",
  useSearchParams: () => new URLSearchParams(),
}));

const { QueryLibrary } = await import("@/components/queries/QueryLibrary");

const QUERY: SavedQuerySummary = {
  id: "starter-shortest-paths",
  title: "Shortest paths between two entities",
  description: "Up to five shortest paths.",
  tags: ["paths"],
  parameters: [],
  version: 1,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-01T00:00:00Z",
  deletedAt: null,
};

function openLibraryAs(who: Who) {
  window.history.replaceState(null, "", "/queries");
  stubApiAs(who, (url) => (url.pathname === "/api/queries" ? answer(200, { queries: [QUERY] }) : undefined));
  render(<QueryLibrary />);
  return userEvent.setup();
}

async function listedQuery() {
  const link = await screen.findByRole("link", { name: QUERY.title });
  return link.closest("li")!;
}

describe("QueryLibrary and roles", () => {
  it("lets a viewer open queries but offers no New query, Duplicate, Delete or Restore, and says why", async () => {
    const user = openLibraryAs("viewer");
    const item = await listedQuery();
    expect(await screen.findByText(REASONS.queriesWrite)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "New query" })).not.toBeInTheDocument();
    expect(within(item).queryByRole("button", { name: /Duplicate/ })).not.toBeInTheDocument();
    expect(within(item).queryByRole("button", { name: /Delete/ })).not.toBeInTheDocument();
    expect(within(item).getByRole("link", { name: QUERY.title })).toHaveAttribute("href", `/queries/${QUERY.id}`);

    await user.click(screen.getByRole("checkbox", { name: "Show the bin" }));
    await screen.findByRole("list", { name: "Queries in the bin" });
    expect(await screen.findByRole("heading", { name: QUERY.title })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Restore/ })).not.toBeInTheDocument();
  });

  it("tells a signed-out visitor to sign in to write queries", async () => {
    openLibraryAs("signed out");
    await listedQuery();
    const note = await screen.findByTestId("needs-permission");
    expect(note).toHaveTextContent("Sign in to write or change queries.");
    expect(within(note).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?next=${encodeURIComponent("/queries")}`);
    expect(screen.queryByRole("link", { name: "New query" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Delete/ })).not.toBeInTheDocument();
  });

  it("gives an analyst New query, Duplicate, Delete and the bin's Restore", async () => {
    const user = openLibraryAs("analyst");
    const item = await listedQuery();
    expect(await screen.findByRole("link", { name: "New query" })).toHaveAttribute("href", "/queries/new");
    expect(within(item).getByRole("button", { name: `Duplicate ${QUERY.title}` })).toBeEnabled();
    expect(within(item).getByRole("button", { name: `Delete ${QUERY.title}` })).toBeEnabled();
    expect(screen.queryByTestId("needs-permission")).not.toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Show the bin" }));
    expect(await screen.findByRole("button", { name: `Restore ${QUERY.title}` })).toBeEnabled();
  });
});
