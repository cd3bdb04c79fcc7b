/**
 * The schema page as an analyst reaches it: from the query editor's link (a new tab, so a draft stays),
 * PAID.amount is a number with its currency beside it, counted as the database counts it; axe finds
 * nothing serious; and at 390 px the page keeps its width while each table scrolls in its own region.
 */
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { SEED_ARTICLE_ID } from "../../graph-seed/seed-story";
import { closeTestDriver, runCypher } from "./support";

const paymentId = `e2e-schema-paid-${randomBytes(4).toString("hex")}`;

test.beforeAll(async () => {
  // A payment between two seed entities, so PAID has a record to count and an example to show.
  await runCypher(
    `MATCH (a:Entity {id: 'company-thermo-fisher'}), (b:Entity {id: 'legislator-marco-rubio'})
     CREATE (a)-[:PAID {id: $id, amount: 2500.0, currency: 'USD', sources: [$source], createdAt: datetime(), updatedAt: datetime()}]->(b)`,
    { id: paymentId, source: SEED_ARTICLE_ID },
  );
});

test.afterAll(async () => {
  await runCypher("MATCH ()-[r:PAID {id: $id}]->() DELETE r", { id: paymentId });
  await closeTestDriver();
});

async function paymentsWithAmount(): Promise<number> {
  const result = await runCypher("MATCH ()-[r:PAID]->() WHERE r.amount IS NOT NULL RETURN count(r) AS n");
  return Number(result.records[0]?.get("n"));
}

function amountRow(page: Page) {
  return page.getByRole("region", { name: "Property keys of PAID" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "amount", exact: true }) });
}

/**
 * axe over every table of every type (thirty of them) takes a while on a busy shared machine; the checks
 * themselves wait on events, not on time.
 */
test.describe.configure({ timeout: 240_000 });

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

test("from the query editor to PAID.amount, a number", async ({ page, context }) => {
  await page.goto("/queries/new");
  const opened = context.waitForEvent("page");
  await page.getByRole("link", { name: /Schema: labels, types and keys/ }).click();
  const schema = await opened;
  await expect(schema).toHaveURL(/\/schema$/);
  await expect(schema.getByRole("heading", { name: "Schema", level: 1 })).toBeVisible();

  await schema.getByRole("navigation", { name: "Types" }).getByRole("link", { name: "PAID", exact: true }).click();
  await expect(schema).toHaveURL(/#relationship-PAID$/);
  const row = amountRow(schema);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("value-type")).toContainText("number");
  await expect(row.getByTestId("value-type")).toContainText("currency in currency");
  await expect(row).toContainText((await paymentsWithAmount()).toLocaleString("en-US"));
  // Its examples are amounts (which ones depends on what else the database holds: other suites' payments).
  await expect(row.getByTestId("examples")).toContainText(/\d/);

  // Internal records never appear among the types.
  await expect(schema.getByRole("heading", { name: /User|SavedQuery|Snapshot/ })).toHaveCount(0);
  expect(await seriousViolations(schema)).toEqual([]);
});

test("usable at 390 px: the page keeps its width, a table scrolls in its own region", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/schema#relationship-PAID");
  const row = amountRow(page);
  await row.scrollIntoViewIfNeeded();
  await expect(row.getByTestId("value-type")).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The table is wider than the screen: its region takes the keyboard, so it can be scrolled without a mouse.
  const region = page.getByRole("region", { name: "Property keys of PAID" });
  await region.focus();
  await expect(region).toBeFocused();
  const scrolled = await region.evaluate((element) => {
    element.scrollLeft = element.scrollWidth;
    return element.scrollLeft > 0;
  });
  expect(scrolled).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
});
