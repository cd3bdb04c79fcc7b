/**
 * Shared links by role: the list is snapshots:list (any signed-in role); Revoke is offered for the links
 * whose key this browser holds, and for every link to a role with snapshots:revoke-any (admin).
 */
import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import type { SnapshotSummary } from "@/lib/snapshots/model";
import { rememberRevokeKey } from "@/lib/snapshots/client";
import { answer } from "../support/network";
import { REASONS, stubApiAs, type Who } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/snapshots",
  useSearchParams: () => new URLSearchParams(),
}));

const { SnapshotList } = await import("@/components/snapshots/SnapshotList");

const snapshot = (id: string, title: string): SnapshotSummary => ({
  id,
  title,
  noteIsCaption: false,
  note: "",
  createdAt: "2024-03-01T10:00:00Z",
  revokedAt: null,
  nodeCount: 3,
  edgeCount: 2,
  origin: { kind: "explorer" },
});

const MINE = snapshot("mine0000000000000000aa", "Made in this browser");
const THEIRS = snapshot("theirs00000000000000aa", "Made by a colleague");

function openListAs(who: Who) {
  window.history.replaceState(null, "", "/snapshots");
  localStorage.clear();
  rememberRevokeKey(MINE.id, "the-key-of-mine");
  const fetchMock = stubApiAs(who, (url) => {
    if (url.pathname === "/api/snapshots") return answer(200, { snapshots: [MINE, THEIRS] });
    if (url.pathname.endsWith("/revoke")) return answer(200, { ...THEIRS, revokedAt: "2024-03-02T10:00:00Z" });
    return undefined;
  });
  render(<SnapshotList />);
  return { user: userEvent.setup(), fetchMock };
}

const row = async (title: string) => (await screen.findByRole("link", { name: title })).closest("tr")!;

describe("SnapshotList and roles", () => {
  it("shows a viewer every link, Revoke only for the one this browser made, and why not the others", async () => {
    openListAs("viewer");
    expect(within(await row(MINE.title)).getByRole("button", { name: `Revoke ${MINE.title}` })).toBeEnabled();
    expect(within(await row(THEIRS.title)).queryByRole("button", { name: /Revoke/ })).not.toBeInTheDocument();
    expect(screen.getByText(REASONS.revokeAny)).toBeInTheDocument();
  });

  it("an analyst may not revoke a colleague's link either", async () => {
    openListAs("analyst");
    expect(within(await row(THEIRS.title)).queryByRole("button", { name: /Revoke/ })).not.toBeInTheDocument();
    expect(screen.getByText(REASONS.revokeAny)).toBeInTheDocument();
  });

  it("tells a signed-out visitor to sign in, and does not ask for the list", async () => {
    const { fetchMock } = openListAs("signed out");
    const note = await screen.findByTestId("needs-permission");
    expect(note).toHaveTextContent("Sign in to see the list of shared links.");
    expect(within(note).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?next=${encodeURIComponent("/snapshots")}`);
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([input]) => String(input) === "/api/snapshots")).toBe(false);
  });

  it("lets an admin revoke a colleague's link without its key", async () => {
    const { user, fetchMock } = openListAs("admin");
    await user.click(within(await row(THEIRS.title)).getByRole("button", { name: `Revoke ${THEIRS.title}` }));
    // Asked in the page first, with what it will do.
    const ask = screen.getByRole("dialog", { name: `Revoke “${THEIRS.title}”?` });
    expect(ask).toHaveTextContent("The link, its embed and its preview image will stop working.");
    await user.click(within(ask).getByRole("button", { name: "Revoke link" }));
    await vi.waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const revoke = fetchMock.mock.calls.find(([input]) => String(input).endsWith(`/${THEIRS.id}/revoke`));
    // The stub's type names only the URL; fetch was given the request's options too.
    expect((revoke as unknown[] | undefined)?.[1]).toMatchObject({ method: "POST", body: "{}" });
    expect(screen.queryByText(REASONS.revokeAny)).not.toBeInTheDocument();
  });

  it("does nothing when the confirmation is cancelled, and gives focus back to Revoke", async () => {
    const { user, fetchMock } = openListAs("viewer");
    const revoke = within(await row(MINE.title)).getByRole("button", { name: `Revoke ${MINE.title}` });
    await user.click(revoke);
    const ask = screen.getByRole("dialog", { name: `Revoke “${MINE.title}”?` });
    // Cancel has focus, so that Enter pressed out of habit revokes nothing.
    expect(within(ask).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(revoke).toHaveFocus();
    await user.click(revoke);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(revoke).toHaveFocus();
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith("/revoke"))).toBe(false);
  });
});
