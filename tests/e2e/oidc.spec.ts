/**
 * Single sign-on in Chromium, against a real OpenID Connect provider (oidc-provider on 127.0.0.1). The
 * other specs' server has no OpenID Connect settings (their sign-in page must stay as it is), so this spec
 * starts its own server (scripts/server.mjs, as `npm start` runs it) from the same build, with REDSTRING_OIDC_*
 * pointing at the provider it runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { findFreePort } from "../../scripts/lib/neo4j-local.mjs";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { pollUntil } from "../support/poll";

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

let provider: TestProvider | undefined;
let server: ChildProcess | undefined;
let app = "";
let serverOutput = "";
const tag = randomBytes(4).toString("hex");

/** Asks until the server answers healthy (a start takes seconds to minutes on a busy machine); its exit ends the wait. */
async function waitForHealth(url: string): Promise<void> {
  const healthy = async () => {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error("the app server exited");
    return fetch(url).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
  };
  await pollUntil(healthy, (ok) => ok, { what: "the single sign-on app server to be healthy", attempts: 600 }).catch((error: Error) => {
    throw new Error(`${error.message}\n${serverOutput}`);
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await findFreePort();
  app = `http://127.0.0.1:${port}`;
  provider = await startTestProvider({ redirectUris: [`${app}/api/auth/oidc/callback`] });
  server = spawn(process.execPath, ["scripts/server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      REDSTRING_OIDC_ISSUER: provider.issuer,
      REDSTRING_OIDC_CLIENT_ID: provider.clientId,
      REDSTRING_OIDC_CLIENT_SECRET: provider.clientSecret,
      REDSTRING_OIDC_NAME: "Test SSO",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    serverOutput = `${serverOutput}${chunk.toString()}`.slice(-4_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  await waitForHealth(`${app}/api/health`);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  await provider?.close();
});

function account(name: string, emailVerified: boolean): string {
  const sub = `e2e-${name}-${tag}`;
  provider?.accounts.set(sub, { sub, email: `e2e-oidc-${name}-${tag}@example.test`, email_verified: emailVerified, name: `Sso ${name}` });
  provider?.loginAs(sub);
  return sub;
}

test("'Sign in with Test SSO' goes through the provider and back, signed in, to where the reader was going", async ({ page }) => {
  account("reporter", true);
  await page.goto(`${app}/signin?next=${encodeURIComponent("/queries")}`);
  await page.getByRole("link", { name: "Sign in with Test SSO" }).click();
  await expect(page).toHaveURL(`${app}/queries`);
  await expect(page.getByTestId("signed-in-as")).toContainText("Sso reporter (viewer)");
});

test("an unverified email comes back to the sign-in page with the reason, signed out", async ({ page }) => {
  account("unverified", false);
  await page.goto(`${app}/signin`);
  await page.getByRole("link", { name: "Sign in with Test SSO" }).click();
  await expect(page).toHaveURL(/\/signin\?error=/);
  await expect(page.getByRole("alert").filter({ hasText: "Your email address at Test SSO is not verified." })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});
