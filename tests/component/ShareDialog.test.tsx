/**
 * Share is offered only to roles with snapshots:create: a viewer and a signed-out visitor see the button
 * disabled, with why (and a link to sign in); an analyst opens the dialog. The server refuses anyway.
 */
import { render, screen, waitFor, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { answer, serveRequests } from "../support/network";
import { REASONS, stubApiAs } from "../support/me";

function renderShare() {
  render(<ShareDialog capture={() => null} origin={{ kind: "explorer" }} defaultTitle="Thermo Fisher" />);
  return userEvent.setup();
}

describe("ShareDialog and roles", () => {
  it("shows a viewer a disabled Share that says which role it needs", async () => {
    stubApiAs("viewer");
    const user = renderShare();
    const share = await screen.findByRole("button", { name: "Share", description: REASONS.share });
    expect(share).toHaveAttribute("aria-disabled", "true");
    expect(share).toHaveAttribute("title", REASONS.share);

    await user.click(share);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByText(REASONS.share)).toBeVisible();
  });

  it("tells a signed-out visitor to sign in, with a link to the sign-in page", async () => {
    window.history.replaceState(null, "", "/?nodes=a");
    stubApiAs("signed out");
    const user = renderShare();
    const share = await screen.findByRole("button", { name: "Share", description: "Sign in to share snapshots." });
    expect(share).toHaveAttribute("aria-disabled", "true");
    await user.click(share);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?next=${encodeURIComponent("/?nodes=a")}`);
    window.history.replaceState(null, "", "/");
  });

  it("lets an analyst open the share dialog", async () => {
    stubApiAs("analyst");
    const user = renderShare();
    await waitFor(() => expect(screen.getByRole("button", { name: "Share" })).not.toHaveAttribute("aria-disabled"));
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(screen.getByRole("dialog", { name: "Share this view" })).toBeInTheDocument();
    expect(screen.queryByTestId("needs-permission")).not.toBeInTheDocument();
  });

  it("shows Share disabled, without a reason, until it knows who is signed in", () => {
    serveRequests(() => new Promise<Response>(() => {})); // /api/auth/me never answers
    renderShare();
    const share = screen.getByRole("button", { name: "Share" });
    expect(share).toHaveAttribute("aria-disabled", "true");
    expect(share).not.toHaveAttribute("title");
  });
});

describe("ShareDialog's revoke", () => {
  const CREATED = {
    snapshot: { id: "snap00000000000000000a", title: "Thermo Fisher", note: "", noteIsCaption: false, createdAt: "2024-03-01T10:00:00Z", revokedAt: null, nodeCount: 1, edgeCount: 0, origin: { kind: "explorer" } },
    path: "/s/snap00000000000000000a",
    revokeKey: "the-key",
  };

  async function shareALink() {
    const fetchMock = stubApiAs("analyst", (url) => {
      if (url.pathname === "/api/snapshots") return answer(201, CREATED);
      if (url.pathname.endsWith("/revoke")) return answer(200, { ...CREATED.snapshot, revokedAt: "2024-03-02T10:00:00Z" });
      return undefined;
    });
    render(<ShareDialog capture={() => ({ nodes: [{ id: "a", x: 0, y: 0 }], edges: [], viewport: { x1: 0, y1: 0, x2: 10, y2: 10 } })} origin={{ kind: "explorer" }} defaultTitle="Thermo Fisher" />);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole("button", { name: "Share" })).not.toHaveAttribute("aria-disabled"));
    await user.click(screen.getByRole("button", { name: "Share" }));
    const dialog = screen.getByRole("dialog", { name: "Share this view" });
    await user.click(within(dialog).getByRole("button", { name: "Create link" }));
    await within(dialog).findByLabelText("Link", { exact: true });
    const revokes = () => fetchMock.mock.calls.filter(([path]) => String(path).endsWith("/revoke"));
    return { user, dialog, revokes };
  }

  it("asks inside the dialog, and revokes when the question's Revoke link is pressed", async () => {
    const { user, dialog, revokes } = await shareALink();
    await user.click(within(dialog).getByRole("button", { name: "Revoke link" }));
    const ask = within(dialog).getByRole("group", { name: /^Revoke this link\?/ });
    expect(ask).toHaveTextContent("Whoever has it, the embed and the preview image will stop working.");
    expect(within(ask).getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(revokes()).toHaveLength(0);
    await user.click(within(ask).getByRole("button", { name: "Revoke link" }));
    expect(await within(dialog).findByRole("status")).toHaveTextContent("The link is revoked.");
    expect(revokes()).toHaveLength(1);
  });

  it("revokes nothing on Cancel, and gives focus back to Revoke link", async () => {
    const { user, dialog, revokes } = await shareALink();
    await user.click(within(dialog).getByRole("button", { name: "Revoke link" }));
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(within(dialog).queryByRole("group")).not.toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Revoke link" })).toHaveFocus();
    expect(within(dialog).getByLabelText("Link", { exact: true })).toBeInTheDocument();
    expect(revokes()).toHaveLength(0);
  });
});
