import userEvent from "@testing-library/user-event";
import { answer, serveRequests } from "../support/network";
import { render, screen } from "../support/render";
import SignInPage from "@/app/signin/page";
import { SignInForm } from "@/components/auth/SignInForm";
import { forgetCachedConfig } from "@/lib/config";

describe("SignInForm and single sign-on", () => {
  it("offers 'Sign in with <name>' under the form when OpenID Connect is set up", () => {
    render(<SignInForm mode="signin" oidc={{ name: "Newsroom SSO", href: "/api/auth/oidc/start?next=%2Fqueries" }} />);
    const link = screen.getByRole("link", { name: "Sign in with Newsroom SSO" });
    expect(link).toHaveAttribute("href", "/api/auth/oidc/start?next=%2Fqueries");
    // Under the password form, not inside it.
    expect(screen.getByRole("button", { name: "Sign in" }).closest("form")).not.toContainElement(link);
  });

  it("shows no such button when OpenID Connect is off, nor on the set-up page", () => {
    const { unmount } = render(<SignInForm mode="signin" />);
    expect(screen.queryByRole("link", { name: /Sign in with/ })).not.toBeInTheDocument();
    unmount();
    render(<SignInForm mode="setup" oidc={{ name: "Newsroom SSO", href: "/api/auth/oidc/start" }} />);
    expect(screen.queryByRole("link", { name: /Sign in with/ })).not.toBeInTheDocument();
  });

  it("shows the message a failed single sign-on came back with, as text", () => {
    render(<SignInForm mode="signin" initialError={'<img src=x onerror="alert(1)"> Your email address is not verified.'} oidc={{ name: "SSO", href: "/api/auth/oidc/start" }} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent('<img src=x onerror="alert(1)"> Your email address is not verified.');
    expect(alert.querySelector("img")).toBeNull();
  });

  it("sends the email and password, and shows the server's refusal in place of an earlier message", async () => {
    const refusal = "The email or the password is wrong.";
    const sent = serveRequests(() => answer(401, { error: refusal }));
    render(<SignInForm mode="signin" initialError="Single sign-on was cancelled." />);
    await userEvent.type(screen.getByLabelText("Email"), "reader@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "not the password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(refusal);
    expect(screen.queryByText("Single sign-on was cancelled.")).not.toBeInTheDocument();
    const [path, init] = sent.mock.calls[0]!;
    expect([path, init.method]).toEqual(["/api/auth/signin", "POST"]);
    expect(JSON.parse(init.body ?? "")).toEqual({ email: "reader@example.test", password: "not the password" });
    // Refused, the form can be sent again.
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("shows no alert when there is no message", () => {
    render(<SignInForm mode="signin" initialError={null} />);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("the /signin page", () => {
  const VARIABLES = ["NEO4J_URI", "REDSTRING_OIDC_ISSUER", "REDSTRING_OIDC_CLIENT_ID", "REDSTRING_OIDC_CLIENT_SECRET", "REDSTRING_OIDC_NAME"];
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    forgetCachedConfig();
  });

  function configure(oidc: boolean) {
    process.env.NEO4J_URI = "bolt://127.0.0.1:7687";
    for (const name of VARIABLES.slice(1)) delete process.env[name];
    if (oidc) {
      process.env.REDSTRING_OIDC_ISSUER = "https://login.example.org";
      process.env.REDSTRING_OIDC_CLIENT_ID = "redstring";
      process.env.REDSTRING_OIDC_CLIENT_SECRET = "secret";
      process.env.REDSTRING_OIDC_NAME = "Newsroom SSO";
    }
    forgetCachedConfig();
  }

  it("shows the button when the environment sets OpenID Connect up, carrying `next`, and the error as an alert", async () => {
    configure(true);
    render(await SignInPage({ searchParams: Promise.resolve({ next: "/queries?tag=a", error: "Your email address at Newsroom SSO is not verified." }) }));
    expect(screen.getByRole("link", { name: "Sign in with Newsroom SSO" })).toHaveAttribute("href", "/api/auth/oidc/start?next=%2Fqueries%3Ftag%3Da");
    expect(screen.getByRole("alert")).toHaveTextContent("Your email address at Newsroom SSO is not verified.");
  });

  it("has no button when the environment does not", async () => {
    configure(false);
    render(await SignInPage({ searchParams: Promise.resolve({}) }));
    expect(screen.getByRole("button", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Sign in with/ })).not.toBeInTheDocument();
  });
});
