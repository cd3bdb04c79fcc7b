/**
 * The header by role: sections the role cannot use are not listed, Users only for users:manage, and a
 * signed-out visitor gets "Sign in" (or "Set up" on an instance with no account yet).
 */
import { render, screen, within } from "../support/render";
import { AppHeader } from "@/components/AppHeader";
import { answer, serveRequests } from "../support/network";
import { meFor, stubApiAs, type Who } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/queries",
  useSearchParams: () => new URLSearchParams(),
}));

function renderHeaderAs(who: Who, options: { publicRead?: boolean } = {}) {
  window.history.replaceState(null, "", "/queries/abc?version=2");
  stubApiAs(who, () => undefined, options);
  render(<AppHeader current="queries" />);
}

const sections = () =>
  within(screen.getByRole("navigation", { name: "Sections" }))
    .getAllByRole("link")
    .map((link) => link.textContent);

describe("AppHeader and roles", () => {
  it("shows a viewer every section and who they are, but no Users", async () => {
    renderHeaderAs("viewer");
    expect(await screen.findByTestId("signed-in-as")).toHaveTextContent("Test viewer (viewer)");
    expect(sections()).toEqual(["Explorer", "Workspaces", "Saved queries", "Shared links", "Import and export", "Data sets", "Duplicates", "Changes"]);
    expect(screen.queryByRole("link", { name: "Users" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("shows an analyst no Users link either", async () => {
    renderHeaderAs("analyst");
    expect(await screen.findByTestId("signed-in-as")).toHaveTextContent("(analyst)");
    expect(screen.queryByRole("link", { name: "Users" })).not.toBeInTheDocument();
  });

  it("shows an admin the Users page", async () => {
    renderHeaderAs("admin");
    expect(await screen.findByRole("link", { name: "Users" })).toHaveAttribute("href", "/admin/users");
  });

  it("offers a signed-out visitor Sign in, back to this page, and leaves out Shared links", async () => {
    renderHeaderAs("signed out");
    expect(await screen.findByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?next=${encodeURIComponent("/queries/abc?version=2")}`);
    expect(sections()).toEqual(["Explorer", "Saved queries", "Import and export", "Data sets", "Duplicates"]);
    expect(screen.queryByTestId("signed-in-as")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });

  it("lists only the current section to a signed-out visitor when reading is not public", async () => {
    renderHeaderAs("signed out", { publicRead: false });
    await screen.findByRole("link", { name: "Sign in" });
    expect(sections()).toEqual(["Saved queries"]);
  });

  it("offers Set up on an instance with no account yet", async () => {
    window.history.replaceState(null, "", "/");
    serveRequests((url) => (url.pathname === "/api/auth/me" ? answer(200, { ...meFor("signed out"), needsSetup: true }) : answer(404, {})));
    render(<AppHeader current="explorer" />);
    expect(await screen.findByRole("link", { name: "Set up" })).toHaveAttribute("href", "/setup");
  });

  it("asks who is signed in once for the header and the account menu", async () => {
    const fetchMock = stubApiAs("viewer");
    render(<AppHeader current="queries" />);
    await screen.findByTestId("signed-in-as");
    expect(fetchMock.mock.calls.filter(([input]) => String(input) === "/api/auth/me")).toHaveLength(1);
  });
});
