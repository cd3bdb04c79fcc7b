/**
 * Money and time read naturally, in Chromium: a payment's panel shows its amount with its currency and its
 * date written out, the payment sits on the timeline, edge widths follow amounts on request, and a query's
 * numbers are right-aligned and formatted. Data under a unique prefix, removed afterwards; axe passes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { closeTestDriver, graphNodeIds, runCypher, SAME_ORIGIN } from "./support";

const prefix = `e2e-money-${Date.now().toString(36)}-`;
const PAYER = { id: `${prefix}donor`, name: "Donor Holding AG" };
const PARTY = { id: `${prefix}party`, name: "Party of the Test" };
const REPORT = `${prefix}report`;
const BIG = { id: `${prefix}paid-big`, amount: 100000 };
const SMALL = { id: `${prefix}paid-small`, amount: 1500 };

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

const edgeWidth = (page: Page, id: string) => page.evaluate((edgeId) => Number(window.__redstringCy?.getElementById(edgeId).data("width")), id);

test.beforeAll(async () => {
  await runCypher(
    `CREATE (payer:Entity:Company {id: $payer.id, name: $payer.name, aliases: [], aliasText: ''})
     CREATE (party:Entity:Organization {id: $party.id, name: $party.name, aliases: [], aliasText: ''})
     CREATE (:Entity:Report {id: $report, name: 'Donations disclosure', aliases: [], aliasText: ''})
     CREATE (payer)-[:PAID {id: $big.id, sources: [$report], amount: toFloat($big.amount), currency: 'EUR', date: date('2011-12-29')}]->(party)
     CREATE (payer)-[:PAID {id: $small.id, sources: [$report], amount: toFloat($small.amount), currency: 'EUR', date: date('2011-03-01'), datePrecision: 'month'}]->(party)`,
    { payer: PAYER, party: PARTY, report: REPORT, big: BIG, small: SMALL },
  );
});

test.afterAll(async () => {
  await runCypher("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix });
  await runCypher("MATCH (q:SavedQuery) WHERE q.title STARTS WITH $prefix OPTIONAL MATCH (q)-[:HAS_VERSION]->(v) DETACH DELETE q, v", { prefix });
  await closeTestDriver();
});

test("a payment's panel reads its amount and date; the timeline shows it; widths follow amounts on request", async ({ page }) => {
  await page.goto(`/?nodes=${PAYER.id},${PARTY.id}&selected=${BIG.id}`);
  await expect.poll(() => graphNodeIds(page)).toEqual([PAYER.id, PARTY.id].sort());
  const panel = page.getByRole("article", { name: /Donor Holding AG paid Party of the Test/ });
  await expect(panel.getByText("€100,000.00", { exact: true })).toBeVisible();
  await expect(panel.getByText("29 December 2011", { exact: true })).toBeVisible();

  // Both payments are on the timeline, next to events; the one known to its month says so.
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("heading")).toContainText("2 dated links");
  await expect(timeline.getByRole("button", { name: /paid .*€1,500\.00, Mar 2011$/ })).toBeVisible();
  // A range that ends before December hides the big payment, not the March one.
  await timeline.getByLabel("To", { exact: true }).fill("2011-06-30");
  await expect(timeline.getByRole("button", { name: /€100,000\.00, 29 Dec 2011 \(outside the date range\)$/ })).toBeVisible();
  await expect.poll(() => page.evaluate((id) => window.__redstringCy?.getElementById(id).hasClass("filtered"), BIG.id)).toBe(true);
  await timeline.getByRole("button", { name: "All dates" }).click();

  // Edge width by amount: the larger payment is drawn wider, and the choice is in the address.
  expect(await edgeWidth(page, BIG.id)).toBe(await edgeWidth(page, SMALL.id));
  await page.getByRole("toolbar", { name: "View" }).getByLabel("Edge width").selectOption("amount");
  await expect(page).toHaveURL(/width=amount/);
  await expect.poll(() => edgeWidth(page, BIG.id)).toBeGreaterThan(await edgeWidth(page, SMALL.id));
  expect(await seriousViolations(page)).toEqual([]);
});

test("query results: amounts right-aligned and formatted, dates written out, the CSV raw", async ({ page }) => {
  const created = await page.request.post("/api/queries", {
    headers: SAME_ORIGIN,
    data: {
      title: `${prefix}money received`,
      cypher: "MATCH (:Entity)-[r:PAID]->(party:Entity) WHERE r.id STARTS WITH $prefix RETURN party.name AS party, sum(r.amount) AS received, max(r.date) AS latest",
      parameters: [{ name: "prefix", type: "string", required: true }],
      tags: [],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/queries/${id}?version=1&prefix=${prefix}`);
  await expect(page.getByTestId("run-summary")).toContainText("1 row");
  await page.getByRole("tab", { name: "Table" }).click();
  const table = page.getByRole("tabpanel", { name: "Table" }).getByRole("table");
  const received = table.locator("tbody tr td").nth(1);
  await expect(received).toHaveText((BIG.amount + SMALL.amount).toLocaleString("en-GB"));
  await expect(received).toHaveCSS("text-align", "right");
  await expect(table.getByRole("columnheader", { name: "received" })).toHaveCSS("text-align", "right");
  await expect(table.locator("tbody tr td").nth(0)).toHaveCSS("text-align", "left");
  await expect(table.locator("tbody tr td time")).toHaveText("29 December 2011");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const csv = (await import("node:fs")).readFileSync(file, "utf8");
  expect(csv.split("\r\n")[1]).toBe(`${PARTY.name},${BIG.amount + SMALL.amount},2011-12-29`);
  expect(await seriousViolations(page)).toEqual([]);
});

test("at 390 px the payment panel and the edge-width control stay usable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?nodes=${PAYER.id},${PARTY.id}&selected=${BIG.id}`);
  await expect(page.getByRole("article", { name: /paid/ }).getByText("€100,000.00", { exact: true })).toBeVisible();
  const control = page.getByRole("toolbar", { name: "View" }).getByLabel("Edge width");
  await control.scrollIntoViewIfNeeded();
  await expect(control).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
