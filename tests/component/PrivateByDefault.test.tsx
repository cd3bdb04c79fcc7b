/**
 * The two boxes of "private by default" in the browser: the setup page's "Let signed-out visitors read
 * the graph" (off unless ticked, sent as publicRead; disabled when the environment decides) and the Share
 * dialog's "public caption" (off unless ticked, sent as noteIsCaption). The server side is covered by
 * tests/integration/private-by-default.test.ts.
 */
import { render, screen, waitFor } from "../support/render";
import userEvent from "@testing-library/user-event";
import { SignInForm } from "@/components/auth/SignInForm";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { answer, serveRequests } from "../support/network";
import { stubApiAs } from "../support/me";

/** The JSON body of the one call to `path` the mock saw. */
function sentBody(fetchMock: ReturnType<typeof serveRequests>, path: string): Record<string, unknown> {
  const call = fetchMock.mock.calls.find(([input]) => new URL(String(input), "http://localhost").pathname === path);
  expect(call, `a request to ${path}`).toBeDefined();
  // fetch's second argument, which the stub's own signature does not name.
  const init = (call as unknown[])[1] as RequestInit | undefined;
  return JSON.parse(String(init?.body)) as Record<string, unknown>;
}

// Typing into several fields takes a while on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

describe("the setup form's signed-out reading box", () => {
  async function setUp(tick: boolean) {
    const fetchMock = serveRequests(() => answer(201, { user: { id: "u", email: "a@example.test", name: "A", role: "admin" } }));
    render(<SignInForm mode="setup" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Ada Admin");
    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "a long enough password");
    const box = screen.getByRole("checkbox", { name: "Let signed-out visitors read the graph" });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(/only people with an account can search and explore/);
    if (tick) await user.click(box);
    await user.click(screen.getByRole("button", { name: "Create the admin account" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    return sentBody(fetchMock, "/api/auth/setup");
  }

  it("is off unless ticked: the first admin's instance starts private", async () => {
    expect(await setUp(false)).toMatchObject({ email: "ada@example.test", publicRead: false });
  });

  it("sends publicRead: true when ticked", async () => {
    expect(await setUp(true)).toMatchObject({ publicRead: true });
  });

  it("is disabled, showing the environment's answer, when REDSTRING_PUBLIC_READ decides", () => {
    render(<SignInForm mode="setup" publicReadFixed={true} />);
    const box = screen.getByRole("checkbox", { name: "Let signed-out visitors read the graph" });
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    expect(box).toHaveAccessibleDescription("Fixed by the environment (REDSTRING_PUBLIC_READ is on).");
  });
});

describe("the Share dialog's public caption box", () => {
  const view = { nodes: [{ id: "company-thermo-fisher", x: 0, y: 0 }], viewport: { x1: -1, y1: -1, x2: 1, y2: 1 } };
  const created = { snapshot: { id: "AAAAAAAAAAAAAAAAAAAAAA", title: "T", note: "n", noteIsCaption: false }, path: "/s/AAAAAAAAAAAAAAAAAAAAAA", revokeKey: "k" };

  async function share(tick: boolean) {
    const fetchMock = stubApiAs("analyst", (url) => (url.pathname === "/api/snapshots" ? answer(201, created) : undefined));
    render(<ShareDialog capture={() => view} origin={{ kind: "explorer" }} defaultTitle="Thermo Fisher" />);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole("button", { name: "Share" })).not.toHaveAttribute("aria-disabled"));
    await user.click(screen.getByRole("button", { name: "Share" }));
    await user.type(screen.getByLabelText("Note (optional)"), "what we suspect");
    const box = screen.getByRole("checkbox", { name: /Show the note as the public caption/ });
    expect(box).not.toBeChecked();
    expect(screen.getByLabelText("Note (optional)")).toHaveAccessibleDescription(/Private: only signed-in members of your team see the note/);
    if (tick) {
      await user.click(box);
      expect(screen.getByLabelText("Note (optional)")).toHaveAccessibleDescription(/Everyone with the link/);
    }
    await user.click(screen.getByRole("button", { name: "Create link" }));
    await screen.findByLabelText("Link", { exact: true });
    return sentBody(fetchMock, "/api/snapshots");
  }

  it("keeps the note private unless ticked", async () => {
    expect(await share(false)).toMatchObject({ note: "what we suspect", noteIsCaption: false });
  });

  it("sends noteIsCaption: true when ticked", async () => {
    expect(await share(true)).toMatchObject({ note: "what we suspect", noteIsCaption: true });
  });
});
