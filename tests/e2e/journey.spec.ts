/**
 * The journey from the foundation issue, as a person does it in Chromium: search "thermo", pick Thermo
 * Fisher, see its neighbours, expand further, click Marco Rubio and read which source says what.
 */
import { expect, test } from "@playwright/test";
import { edgeMidpointOnScreen, graphNodeIds, nodeOnScreen, pickFromSearch } from "./support";

const THERMO = "company-thermo-fisher";
const URGING = "event-2018-02-rubio-urges-thermo-fisher";
const RUBIO = "legislator-marco-rubio";

test("search, expand, and read the sources about Marco Rubio", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Redstring" })).toBeVisible();

  await pickFromSearch(page, "thermo", /Thermo Fisher Scientific Inc\./);
  const details = page.getByRole("complementary", { name: "Details" });
  await expect(details.getByRole("heading", { name: "Thermo Fisher Scientific Inc." })).toBeVisible();
  await expect(details.getByRole("button", { name: /Expand neighbours \(\d+\)/ })).toBeVisible();
  await expect.poll(() => graphNodeIds(page)).toContain(URGING);
  expect(await graphNodeIds(page)).not.toContain(RUBIO);
  await expect(page).toHaveURL(new RegExp(`nodes=.*${THERMO}.*selected=${THERMO}`));

  // Expand further: double-click the event in which Rubio urged the company.
  const urging = await nodeOnScreen(page, URGING);
  await page.mouse.dblclick(urging.x, urging.y);
  await expect.poll(() => graphNodeIds(page)).toContain(RUBIO);

  // Click Marco Rubio on the canvas and read the sources.
  const rubio = await nodeOnScreen(page, RUBIO);
  await page.mouse.click(rubio.x, rubio.y);
  await expect(details.getByRole("heading", { name: "Marco Rubio" })).toBeVisible();
  await expect(details.getByText("Republican")).toBeVisible();
  await expect(details.getByText(/urged the company to ensure that its products weren.t being misused/).first()).toBeVisible();
  await expect(details.getByText(/of which Mr\. Rubio was then co-chairman/).first()).toBeVisible();
  await expect(
    details.getByRole("button", { name: "Thermo Fisher to Stop Sales of Genetic Sequencers to China's Xinjiang Region" }).first(),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`selected=${RUBIO}`));

  // Click the link between Rubio and the event: the panel shows that relationship and its source.
  await nodeOnScreen(page, URGING);
  const link = await edgeMidpointOnScreen(page, "rel-rubio-acted-in-urging");
  await page.mouse.click(link.x, link.y);
  await expect(details.getByText("Relationship · ACTED_IN")).toBeVisible();
  await expect(details.getByRole("heading", { level: 2 }).first()).toHaveText(/Marco Rubio\s+acted in\s+Rubio urges Thermo Fisher/);
  await expect(details.getByText(/Last February, Florida Sen\. Marco Rubio urged the company/)).toBeVisible();
  await expect(details.getByText("Sources (1)")).toBeVisible();
});

test("typos and Lucene characters in the search box still find Thermo Fisher", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search entities" });
  await box.fill("thermo fischer");
  await expect(page.getByRole("option", { name: /Thermo Fisher Scientific Inc\./ })).toBeVisible();
  await box.fill('"thermo" AND (');
  await expect(page.getByRole("option", { name: /Thermo Fisher Scientific Inc\./ })).toBeVisible();
  await box.fill('"');
  await expect(page.getByText("Search text needs at least one letter or digit.")).toBeVisible();
});

test("the URL holds the view: reload, back and forward restore it", async ({ page }) => {
  await page.goto("/");
  await pickFromSearch(page, "thermo", /Thermo Fisher Scientific Inc\./);
  await expect.poll(() => graphNodeIds(page)).toContain(URGING);
  const firstView = await graphNodeIds(page);

  const urging = await nodeOnScreen(page, URGING);
  await page.mouse.dblclick(urging.x, urging.y);
  await expect.poll(() => graphNodeIds(page)).toContain(RUBIO);
  const expandedView = await graphNodeIds(page);
  expect(expandedView.length).toBeGreaterThan(firstView.length);

  await page.reload();
  await expect.poll(() => graphNodeIds(page)).toEqual(expandedView);
  await expect(page.getByRole("complementary", { name: "Details" }).getByRole("heading", { level: 2 }).first()).toHaveText(
    /Rubio urges Thermo Fisher/,
  );

  await page.goBack();
  await expect.poll(() => graphNodeIds(page)).toEqual(firstView);
  await page.goForward();
  await expect.poll(() => graphNodeIds(page)).toEqual(expandedView);
});

test("a link with an entity that no longer exists says so and shows the rest", async ({ page }) => {
  await page.goto(`/?nodes=${THERMO},no-such-entity&selected=${THERMO}`);
  await expect.poll(() => graphNodeIds(page)).toEqual([THERMO]);
  await expect(page.getByText("1 entity in this link no longer exists.")).toBeVisible();
});

test("works on a 390 px wide phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await pickFromSearch(page, "rubio", /^Marco Rubio/);
  const details = page.getByRole("complementary", { name: "Details" });
  await details.getByRole("heading", { name: "Marco Rubio" }).scrollIntoViewIfNeeded();
  await expect(details.getByRole("heading", { name: "Marco Rubio" })).toBeInViewport();
  await expect.poll(() => graphNodeIds(page)).toContain(RUBIO);
  // Nothing wider than the screen: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
