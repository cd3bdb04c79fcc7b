/**
 * The password page: the new password twice (a mismatch is caught before anything is sent), the server's
 * refusal shown as text, and on success how many other browsers were signed out. The account menu links
 * to it for every signed-in role.
 */
import { render, screen } from "../support/render";
import userEvent from "@testing-library/user-event";
import { AppHeader } from "@/components/AppHeader";
import { PasswordChange } from "@/components/auth/PasswordChange";
import { answer } from "../support/network";
import { stubApiAs } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/account/password",
  useSearchParams: () => new URLSearchParams(),
}));

async function fill(current: string, next: string, again: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Current password"), current);
  await user.type(screen.getByLabelText("New password"), next);
  await user.type(screen.getByLabelText("New password again"), again);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

const passwordCalls = (mock: ReturnType<typeof stubApiAs>) => mock.mock.calls.filter(([input]) => String(input).includes("/api/auth/password"));

describe("PasswordChange", () => {
  it("catches two different new passwords without asking the server", async () => {
    const fetchMock = stubApiAs("viewer");
    render(<PasswordChange />);
    await fill("my old password", "a brand new password", "a brand new passwort");
    expect(screen.getByRole("alert")).toHaveTextContent("The two new passwords are not the same.");
    expect(passwordCalls(fetchMock)).toHaveLength(0);
  });

  it("sends the current and new password, and says how many other sessions ended", async () => {
    const fetchMock = stubApiAs("editor", (url) => (url.pathname === "/api/auth/password" ? answer(200, { endedOtherSessions: 2 }) : undefined));
    render(<PasswordChange />);
    await fill("my old password", "a brand new password", "a brand new password");
    expect(await screen.findByRole("status")).toHaveTextContent("Your password is changed. 2 other sessions were signed out.");
    // The body the page sent, as the network received it.
    const [sent] = passwordCalls(fetchMock).map(([, init]) => JSON.parse(String(init.body)) as unknown);
    expect(sent).toEqual({ currentPassword: "my old password", newPassword: "a brand new password" });
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("shows the server's refusal as text", async () => {
    stubApiAs("analyst", (url) => (url.pathname === "/api/auth/password" ? answer(400, { error: "The current password is wrong." }) : undefined));
    render(<PasswordChange />);
    await fill("not it", "a brand new password", "a brand new password");
    expect(await screen.findByRole("alert")).toHaveTextContent("The current password is wrong.");
  });
});

it("links to the password page from the account menu when signed in", async () => {
  stubApiAs("viewer");
  render(<AppHeader current="explorer" />);
  expect(await screen.findByRole("link", { name: "Change password" })).toHaveAttribute("href", "/account/password");
});
