/**
 * Private by default, in Chromium: a signed-out reader is refused until an admin turns signed-out
 * reading on at /admin/settings (reached from the header), and refused again once it is off; a shared
 * link's note stays private (the team sees it marked so; signed-out readers and link previews do not)
 * unless the person sharing ticks "public caption", which alone goes into the Open Graph/Twitter tags.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./support";

const SIGNED_OUT = { cookies: [], origins: [] };

async function signedOut(browser: Browser) {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  return { context, page: await context.newPage() };
}

/** Leaves the instance as a new one is: signed-out reading off (other specs turn it on for themselves). */
async function publicReadOff(page: Page) {
  const answer = await page.request.patch("/api/admin/settings", { headers: SAME_ORIGIN, data: { publicRead: false } });
  expect(answer.status()).toBe(200);
}

test.afterEach(async ({ page }) => {
  await publicReadOff(page);
});

test("an admin turns signed-out reading on in Settings: a signed-out reader is refused, then allowed, then refused again", async ({ page, browser }) => {
  const visitor = await signedOut(browser);
  const thermo = "/?nodes=company-thermo-fisher&selected=company-thermo-fisher";
  const details = visitor.page.getByRole("complementary", { name: "Details" }).getByRole("heading", { name: "Thermo Fisher Scientific Inc." });

  await visitor.page.goto(thermo);
  await expect(visitor.page.getByText("Sign in to read the graph.").first()).toBeVisible();
  await expect(details).toHaveCount(0);

  // The admin finds Settings in the header.
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/admin\/settings$/);
  const box = page.getByRole("checkbox", { name: "Let signed-out visitors read the graph" });
  await expect(box).not.toBeChecked();
  await expect(box).toBeEnabled();
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  await box.check();
  await expect(page.getByRole("status")).toHaveText("Signed-out visitors can now read the graph.");

  await visitor.page.goto(thermo);
  await expect(details).toBeVisible();

  // It is kept in Neo4j: a reload of the page shows it on; then off again.
  await page.reload();
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(page.getByRole("status")).toHaveText("Only signed-in people can read the graph now.");
  await visitor.page.goto(thermo);
  await expect(visitor.page.getByText("Sign in to read the graph.").first()).toBeVisible();
  await visitor.context.close();
});

test("at 390 px the settings page keeps its checkbox usable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/admin/settings");
  const box = page.getByRole("checkbox", { name: "Let signed-out visitors read the graph" });
  await expect(box).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

async function shareThermo(page: Page, title: string, note: string, caption: boolean): Promise<string> {
  await page.goto("/?nodes=company-thermo-fisher");
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this view" });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Note (optional)").fill(note);
  const captionBox = dialog.getByRole("checkbox", { name: /Show the note as the public caption/ });
  await expect(captionBox).not.toBeChecked();
  await expect(dialog.getByText("Private: only signed-in members of your team see the note")).toBeVisible();
  if (caption) {
    await captionBox.check();
    await expect(dialog.getByText(/Everyone with the link, and every chat or site that shows its preview, will read this note/)).toBeVisible();
  }
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Link", { exact: true }).inputValue();
  return new URL(link).pathname;
}

function metaContent(html: string, key: string): string | null {
  const tag = [...html.matchAll(/<meta\b[^>]*>/g)].map((match) => match[0]).find((meta) => meta.includes(`"${key}"`));
  return tag ? (/content="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

test("a note is private unless marked as the public caption, which alone reaches link previews", async ({ page, browser }) => {
  const stamp = Date.now();
  const secret = `Unconfirmed tip ${stamp}: the shipment went through a third country.`;
  const caption = `Who supplied the sequencers ${stamp}, as the reports document.`;
  const privatePath = await shareThermo(page, `Private note ${stamp}`, secret, false);
  const captionPath = await shareThermo(page, `Captioned ${stamp}`, caption, true);

  const visitor = await signedOut(browser);
  // What a chat app's preview reads: the HTML's head, fetched without a session.
  const privateHtml = await (await visitor.context.request.get(privatePath)).text();
  expect(privateHtml).not.toContain(`Unconfirmed tip ${stamp}`);
  expect(metaContent(privateHtml, "og:description")).toMatch(/^A graph of 1 entities and 0 relationships/);
  const captionHtml = await (await visitor.context.request.get(captionPath)).text();
  expect(metaContent(captionHtml, "og:description")).toBe(caption);
  expect(metaContent(captionHtml, "twitter:description")).toBe(caption);
  expect(metaContent(captionHtml, "description")).toBe(caption);

  // The page itself: the caption for everyone; the private note for nobody outside the team.
  await visitor.page.goto(captionPath);
  await expect(visitor.page.getByText(caption)).toBeVisible();
  await visitor.page.goto(privatePath);
  await expect(visitor.page.getByRole("heading", { name: `Private note ${stamp}` })).toBeVisible();
  await expect(visitor.page.getByText(`Unconfirmed tip ${stamp}`)).toHaveCount(0);
  await visitor.context.close();

  // A signed-in team member reads it, marked as private; its preview tags still do not carry it.
  await page.goto(privatePath);
  await expect(page.getByText(`Unconfirmed tip ${stamp}`)).toBeVisible();
  await expect(page.getByText("Private note, for your team")).toBeVisible();
  const teamHtml = await (await page.request.get(privatePath)).text();
  expect(metaContent(teamHtml, "og:description")).not.toContain("Unconfirmed tip");
  // The embed is for the public: no private note there either.
  await page.goto(privatePath.replace("/s/", "/embed/"));
  await expect(page.getByText(`Unconfirmed tip ${stamp}`)).toHaveCount(0);
});
