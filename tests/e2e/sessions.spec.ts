/**
 * Sessions that end, in Chromium against the server `npm start` runs (scripts/server.mjs): an admin's
 * "End sessions" signs a user out in every browser; a password change from the account menu keeps the
 * browser that made it and signs out the others. Both pages pass axe; the password page works at 390 px.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";

const SIGNED_OUT = { cookies: [], origins: [] };

async function signedInPage(browser: Browser, email: string, password: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, viewport });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}

/** The server's own answer to who this browser is (the header only shows what was true when it loaded). */
async function whoIs(page: Page): Promise<string | null> {
  const answer = await page.request.get("/api/auth/me");
  return ((await answer.json()) as { user: { email: string } | null }).user?.email ?? null;
}

async function addUser(page: Page, name: string, email: string, password: string) {
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.locator('form select[name="role"]').selectOption("editor");
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("editor");
}

test("an admin ends all of a user's sessions from /admin/users", async ({ page, browser }) => {
  const email = `sessions-${Date.now()}@example.test`;
  const password = "an editor's long password";
  await addUser(page, "Sam Sessions", email, password);

  const laptop = await signedInPage(browser, email, password);
  const phone = await signedInPage(browser, email, password, { width: 390, height: 844 });
  expect(await whoIs(laptop)).toBe(email);
  expect(await whoIs(phone)).toBe(email);

  await page.getByRole("button", { name: `End all sessions of ${email}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(`Ended 2 sessions of ${email}.`);
  const violations = (await new AxeBuilder({ page }).analyze()).violations;
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  expect(await whoIs(laptop)).toBeNull();
  expect(await whoIs(phone)).toBeNull();
  await laptop.reload();
  await expect(laptop.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(laptop.getByTestId("signed-in-as")).toHaveCount(0);
  // The admin is still signed in.
  expect(await whoIs(page)).toBe("e2e-admin@example.test");
  await laptop.context().close();
  await phone.context().close();
});

test("a password change from the account menu signs out the other browsers, not this one", async ({ page, browser }) => {
  const email = `password-${Date.now()}@example.test`;
  const password = "the first long password";
  const newPassword = "the second long password";
  await addUser(page, "Pat Password", email, password);

  const here = await signedInPage(browser, email, password, { width: 390, height: 844 });
  const elsewhere = await signedInPage(browser, email, password);

  await here.getByRole("link", { name: "Change password" }).click();
  await expect(here).toHaveURL(/\/account\/password$/);
  await expect(here.getByRole("heading", { name: "Change your password" })).toBeVisible();
  const violations = (await new AxeBuilder({ page: here }).analyze()).violations;
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  // A typo in the repeat is caught before anything is sent; a wrong current password by the server.
  await here.getByLabel("Current password").fill(password);
  await here.getByLabel("New password", { exact: true }).fill(newPassword);
  await here.getByLabel("New password again").fill(`${newPassword}!`);
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("main").getByRole("alert")).toHaveText("The two new passwords are not the same.");
  await here.getByLabel("Current password").fill("not the password at all");
  await here.getByLabel("New password again").fill(newPassword);
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("main").getByRole("alert")).toHaveText("The current password is wrong.");

  await here.getByLabel("Current password").fill(password);
  await here.getByLabel("New password", { exact: true }).fill(newPassword);
  await here.getByLabel("New password again").fill(newPassword);
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("main").getByRole("status")).toHaveText("Your password is changed. 1 other session was signed out.");

  expect(await whoIs(here)).toBe(email);
  expect(await whoIs(elsewhere)).toBeNull();
  await elsewhere.context().close();
  const again = await signedInPage(browser, email, newPassword);
  expect(await whoIs(again)).toBe(email);
  await again.context().close();
  await here.context().close();
});
