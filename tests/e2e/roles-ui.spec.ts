/**
 * The interface follows the role (the server enforces it either way): a viewer opens and runs saved
 * queries but is offered no Save, and sees Share disabled with the role it needs; a signed-out visitor is
 * offered "Sign in", and Share says to sign in, with a link that comes back to the same view.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./support";

const SIGNED_OUT = { cookies: [], origins: [] };

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** Presses an aria-disabled button the way a keyboard user can (Playwright will not click one). */
async function press(page: Page, button: ReturnType<Page["getByRole"]>) {
  await button.focus();
  await page.keyboard.press("Enter");
}

test("a viewer sees no Save on a saved query and Share disabled in the explorer, each with the reason", async ({ page, browser }) => {
  const email = `roles-viewer-${Date.now()}@example.test`;
  const password = "a viewer's long password";
  // The admin (signed in by the global setup) adds the viewer.
  const created = await page.request.post("/api/admin/users", { headers: SAME_ORIGIN, data: { email, name: "Rita Reader", role: "viewer", password } });
  expect(created.status()).toBe(201);

  const viewer = await freshPage(browser);
  await signIn(viewer, email, password);
  await expect(viewer.getByTestId("signed-in-as")).toContainText("Rita Reader (viewer)");

  await viewer.goto("/queries/starter-shortest-paths");
  await expect(viewer.getByRole("heading", { name: "Shortest paths between two entities" })).toBeVisible();
  await expect(viewer.getByText("Needs the analyst or admin role to write or change queries — ask an admin.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Run" })).toBeEnabled();
  await expect(viewer.getByRole("button", { name: /^Restore/ })).toHaveCount(0);

  await viewer.goto("/?nodes=company-thermo-fisher");
  const share = viewer.getByRole("button", { name: "Share" });
  const reason = "Needs the editor, analyst or admin role to share snapshots — ask an admin.";
  await expect(share).toHaveAttribute("aria-disabled", "true");
  await expect(share).toHaveAccessibleDescription(reason);
  await press(viewer, share);
  await expect(viewer.getByText(reason)).toBeVisible();
  await expect(viewer.getByRole("dialog")).toHaveCount(0);
  await viewer.context().close();
});

test("a signed-out visitor is offered Sign in, and Share says to sign in first", async ({ page, browser }) => {
  // Share is offered next to a graph, so the visitor must be able to read one: the admin (signed in by
  // the global setup) allows signed-out reading for this test, and takes it back afterwards.
  expect((await page.request.patch("/api/admin/settings", { headers: SAME_ORIGIN, data: { publicRead: true } })).status()).toBe(200);
  try {
    await visitorIsOfferedSignIn(browser);
  } finally {
    await page.request.patch("/api/admin/settings", { headers: SAME_ORIGIN, data: { publicRead: false } });
  }
});

async function visitorIsOfferedSignIn(browser: Browser) {
  const visitor = await freshPage(browser);
  await visitor.goto("/?nodes=company-thermo-fisher");
  const header = visitor.getByRole("banner");
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Shared links" })).toHaveCount(0);

  const share = visitor.getByRole("button", { name: "Share" });
  await expect(share).toHaveAccessibleDescription("Sign in to share snapshots.");
  await press(visitor, share);
  await visitor.getByTestId("needs-permission").getByRole("link", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/signin\?next=%2F%3Fnodes%3Dcompany-thermo-fisher$/);
  await visitor.context().close();
}
