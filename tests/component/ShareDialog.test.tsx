/**
 * Share is offered only to roles with snapshots:create: a viewer and a signed-out visitor see the button
 * disabled, with why (and a link to sign in); an analyst opens the dialog. The server refuses anyway.
 */
import { render, screen, waitFor } from "../support/render";
import userEvent from "@testing-library/user-event";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { serveRequests } from "../support/network";
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
