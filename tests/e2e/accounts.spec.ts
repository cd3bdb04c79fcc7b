/**
 * Accounts as a newsroom uses them in Chromium: the admin adds a viewer; the viewer can read but is
 * offered no Save (and the server refuses one); the admin makes them an analyst and the same session now can; a wrong password says
 * so; signed-out visitors still read the graph and open permalinks; sign-out signs out.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./support";

const SIGNED_OUT = { cookies: [], origins: [] };

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  return context.newPage();
}

/** Types a query into the editor and saves it; answers with what the page then says. */
async function trySavingAQuery(page: Page, title: string) {
  await page.goto("/queries/new");
  const editor = page.getByTestId("cypher-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.type("MATCH (n:Legislator) RETURN n.name AS name", { delay: 5 });
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save", exact: true }).click();
}

test("roles decide who may save a query, and a role change applies at once", async ({ page, browser }) => {
  const email = `viewer-${Date.now()}@example.test`;
  const password = "a viewer's long password";

  // The admin (signed in by the global setup) adds a viewer.
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill("Vera Viewer");
  await page.getByLabel("Email").fill(email);
  await page.locator('form select[name="role"]').selectOption("viewer");
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("viewer");

  // The viewer reads, but is offered no Save, with the reason; the server refuses a save all the same.
  const viewer = await freshPage(browser);
  await signIn(viewer, email, password);
  await expect(viewer.getByTestId("signed-in-as")).toContainText("Vera Viewer (viewer)");
  await viewer.goto("/queries/new");
  await expect(viewer.getByText("Needs the analyst or admin role to write or change queries — ask an admin.").first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  const refused = await viewer.request.post("/api/queries", { headers: SAME_ORIGIN,
    data: { title: "A viewer's query", cypher: "MATCH (n:Legislator) RETURN n.name AS name", parameters: [], tags: [] },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toMatch(/viewer/);

  // The admin makes them an analyst; their next request already counts.
  await page.getByRole("combobox", { name: `Role of ${email}` }).selectOption("analyst");
  // Its own message: the status line still showed the "added" one, so waiting for any status raced the save.
  await expect(page.getByRole("status")).toContainText(`${email} is now analyst`);
  await trySavingAQuery(viewer, "An analyst's query");
  await expect(viewer).toHaveURL(/\/queries\/[A-Za-z0-9_-]{16}$/);

  // Sign out: back at the sign-in page, and the explorer's header offers to sign in again.
  await viewer.getByRole("button", { name: "Sign out" }).click();
  await expect(viewer).toHaveURL(/\/signin$/);
  await viewer.goto("/");
  await expect(viewer.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(viewer.getByTestId("signed-in-as")).toHaveCount(0);
  await viewer.context().close();
});

test("a wrong password says so and signs nobody in", async ({ browser }) => {
  const page = await freshPage(browser);
  await signIn(page, "e2e-admin@example.test", "not the password at all");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await page.context().close();
});

test("signed-out visitors read the graph once an admin allows it, open permalinks always, but cannot share", async ({ page, browser }) => {
  // A new instance is private (private-by-default.spec.ts shows the Settings page); this test is about
  // what a signed-out visitor may do once reading is public, so it turns that on and off again.
  const on = await page.request.patch("/api/admin/settings", { headers: SAME_ORIGIN, data: { publicRead: true } });
  expect(on.status()).toBe(200);
  try {
    await signedOutVisitorReads(page, browser);
  } finally {
    await page.request.patch("/api/admin/settings", { headers: SAME_ORIGIN, data: { publicRead: false } });
  }
});

async function signedOutVisitorReads(page: Page, browser: Browser) {
  const created = await page.request.post("/api/snapshots", { headers: SAME_ORIGIN,
    data: { title: "Public snapshot", nodes: [{ id: "company-thermo-fisher", x: 0, y: 0 }], viewport: { x1: -100, y1: -100, x2: 100, y2: 100 } },
  });
  expect(created.status()).toBe(201);
  const { path } = (await created.json()) as { path: string };

  const visitor = await freshPage(browser);
  await visitor.goto("/?nodes=company-thermo-fisher&selected=company-thermo-fisher");
  await expect(visitor.getByRole("complementary", { name: "Details" }).getByRole("heading", { name: "Thermo Fisher Scientific Inc." })).toBeVisible();
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { name: "Public snapshot" })).toBeVisible();
  const refused = await visitor.request.post("/api/snapshots", { headers: SAME_ORIGIN,
    data: { title: "Not allowed", nodes: [{ id: "company-thermo-fisher", x: 0, y: 0 }], viewport: { x1: -1, y1: -1, x2: 1, y2: 1 } },
  });
  expect(refused.status()).toBe(401);
  await visitor.context().close();
}
