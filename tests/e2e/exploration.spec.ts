/**
 * The exploration tools as a journalist uses them in Chromium: the path between Thermo Fisher and Marco
 * Rubio, the timeline and its date range, type filters, a report's claims, the list view, the context
 * menu with undo, big neighbourhoods, layouts and the keyboard help.
 */
import { expect, test, type Page } from "@playwright/test";
import neo4j from "neo4j-driver";
import { graphNodeIds, nodeOnScreen, pickFromSearch } from "./support";

const THERMO = "company-thermo-fisher";
const RUBIO = "legislator-marco-rubio";
const DECISION_2019 = "event-2019-02-20-thermo-fisher-stops-xinjiang-sales";
const ARTICLE = "report-wsj-2019-02-20-thermo-fisher-xinjiang";

/** Ids of the elements Cytoscape draws (not filtered out). */
async function visibleNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__redstringCy?.nodes(":visible").map((node) => node.id()).sort() ?? []);
}

async function highlightedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__redstringCy?.elements(".highlighted").map((element) => element.id()) ?? []);
}

async function openThermoNeighbourhood(page: Page) {
  await page.goto("/");
  await pickFromSearch(page, "thermo", /Thermo Fisher Scientific Inc\./);
  await expect.poll(() => graphNodeIds(page)).toContain(DECISION_2019);
}

test("the shortest paths between Thermo Fisher and Marco Rubio appear, highlighted and in words", async ({ page }) => {
  await page.goto("/");
  const finder = page.getByRole("region", { name: "Find paths" });
  await finder.getByRole("combobox", { name: "From" }).fill("thermo");
  await page.getByRole("option", { name: /Thermo Fisher Scientific Inc\./ }).click();
  await finder.getByRole("combobox", { name: "To" }).fill("rubio");
  await page.getByRole("option", { name: /Marco Rubio/ }).click();
  await finder.getByRole("button", { name: "Find paths" }).click();

  await expect.poll(() => graphNodeIds(page)).toEqual(expect.arrayContaining([THERMO, RUBIO]));
  await expect.poll(() => highlightedIds(page)).toEqual(expect.arrayContaining([THERMO, RUBIO]));
  const routes = finder.getByRole("list", { name: "Paths found" }).getByRole("listitem");
  await expect(routes.first()).toContainText("Thermo Fisher Scientific Inc.");
  await expect(routes.first()).toContainText("Marco Rubio");
  await expect(routes.first()).toContainText("2 steps");

  // Too short a limit: said plainly, nothing added.
  await finder.getByRole("combobox", { name: "At most" }).selectOption("1");
  await finder.getByRole("button", { name: "Find paths" }).click();
  await expect(finder).toContainText("No path of at most 1 steps joins");
});

test("the timeline's date range hides the 2019 decision, and selection follows both ways", async ({ page }) => {
  await openThermoNeighbourhood(page);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("button", { name: /Thermo Fisher stops/ })).toBeVisible();

  await timeline.getByLabel("To", { exact: true }).fill("2018-12-31");
  await expect.poll(() => visibleNodeIds(page)).not.toContain(DECISION_2019);
  expect(await graphNodeIds(page)).toContain(DECISION_2019); // still in the view, only hidden
  await expect(page).toHaveURL(/to=2018-12-31/);

  await timeline.getByRole("button", { name: "All dates" }).click();
  await expect.poll(() => visibleNodeIds(page)).toContain(DECISION_2019);

  // Timeline -> graph and details; graph -> timeline.
  await timeline.getByRole("button", { name: /Thermo Fisher stops/ }).click();
  await expect(page).toHaveURL(new RegExp(`selected=${DECISION_2019}`));
  await expect(timeline.getByRole("button", { name: /Thermo Fisher stops/ })).toHaveAttribute("aria-current", "true");
  const thermo = await nodeOnScreen(page, THERMO);
  await page.mouse.click(thermo.x, thermo.y);
  await expect(timeline.getByRole("button", { name: /Thermo Fisher stops/ })).not.toHaveAttribute("aria-current", "true");
});

test("type filters hide regions; the list view matches the graph; the context menu hides, and undo brings back", async ({ page }) => {
  await openThermoNeighbourhood(page);
  const regions = (await graphNodeIds(page)).filter((id) => id.startsWith("region-"));
  expect(regions.length).toBeGreaterThan(0);

  const filters = page.getByRole("group", { name: "Legend and filters" });
  // The checkbox follows the URL, which the click changes a moment later.
  await filters.getByRole("checkbox", { name: /Region/ }).click();
  await expect(filters.getByRole("checkbox", { name: /Region/ })).not.toBeChecked();
  await expect.poll(async () => (await visibleNodeIds(page)).filter((id) => id.startsWith("region-"))).toEqual([]);

  // The list view lists every entity in the view (hidden ones marked), the same set as the graph.
  const list = page.getByRole("table", { name: "Entities in view" });
  const drawn = await graphNodeIds(page);
  await expect(list.locator("tbody tr")).toHaveCount(drawn.length);
  await expect(list.getByRole("row").filter({ hasText: "(hidden)" })).toHaveCount(regions.length);
  await filters.getByRole("checkbox", { name: /Region/ }).click();
  await expect(filters.getByRole("checkbox", { name: /Region/ })).toBeChecked();

  // Right-click Thermo Fisher: hide it; undo shows it again.
  const thermo = await nodeOnScreen(page, THERMO);
  await page.mouse.click(thermo.x, thermo.y, { button: "right" });
  const menu = page.getByRole("menu", { name: "Actions for Thermo Fisher Scientific Inc." });
  await menu.getByRole("menuitem", { name: "Hide" }).click();
  await expect.poll(() => visibleNodeIds(page)).not.toContain(THERMO);
  await page.getByRole("toolbar", { name: "View" }).getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => visibleNodeIds(page)).toContain(THERMO);
  await page.getByRole("toolbar", { name: "View" }).getByRole("button", { name: "Redo" }).click();
  await expect.poll(() => visibleNodeIds(page)).not.toContain(THERMO);
});

test("a report's panel lists every claim it supports and adds them to the graph", async ({ page }) => {
  await page.goto(`/?nodes=${ARTICLE}&selected=${ARTICLE}`);
  const details = page.getByRole("complementary", { name: "Details" });
  const claims = details.getByRole("region", { name: /Claims this report supports/ });
  await expect(claims).toBeVisible();
  const items = claims.getByRole("list", { name: "Claims" }).getByRole("listitem");
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThan(10);
  await expect(claims).toContainText("Thermo Fisher");
  await claims.getByRole("button", { name: /Add .* to the graph/ }).click();
  await expect.poll(async () => (await graphNodeIds(page)).length).toBeGreaterThan(10);
});

test("layouts, keyboard help and shortcuts", async ({ page }) => {
  await openThermoNeighbourhood(page);
  await page.getByRole("toolbar", { name: "View" }).getByLabel("Layout").selectOption("time");
  await expect(page).toHaveURL(/layout=time/);
  await expect
    .poll(() =>
      page.evaluate(
        ([early, late]) => {
          const cy = window.__redstringCy!;
          return cy.getElementById(early!).position("x") < cy.getElementById(late!).position("x");
        },
        ["event-2018-02-rubio-urges-thermo-fisher", DECISION_2019],
      ),
    )
    .toBe(true);

  // Shortcuts are ignored while typing in a field: leave the layout menu first, as a person would.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);

  // Pin the company (right-click), switch to the concentric layout: the pinned node does not move.
  await page.getByRole("toolbar", { name: "View" }).getByLabel("Layout").selectOption("force");
  const thermo = await nodeOnScreen(page, THERMO);
  await page.mouse.click(thermo.x, thermo.y, { button: "right" });
  await page.getByRole("menuitem", { name: "Pin in place" }).click();
  await expect(page).toHaveURL(new RegExp(`pin=${THERMO}`));
  const pinnedAt = await page.evaluate((id) => ({ ...window.__redstringCy!.getElementById(id).position() }), THERMO);
  // The layout animates: record the name of every layout Cytoscape reports stopped (its layoutstop event),
  // and wait for the concentric one, not a force layout still finishing.
  await page.evaluate(() => {
    const stopped: string[] = [];
    (window as unknown as { __layoutsStopped: string[] }).__layoutsStopped = stopped;
    window.__redstringCy!.on("layoutstop", (event) => {
      stopped.push(String((event as unknown as { layout: { options: { name: string } } }).layout.options.name));
    });
  });
  await page.getByRole("toolbar", { name: "View" }).getByLabel("Layout").selectOption("concentric");
  await expect(page).toHaveURL(/layout=concentric/);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __layoutsStopped: string[] }).__layoutsStopped)).toContain("concentric");
  expect(await page.evaluate((id) => ({ ...window.__redstringCy!.getElementById(id).position() }), THERMO)).toEqual(pinnedAt);

  // "h" hides the selected entity; "u" undoes it.
  const afterLayout = await nodeOnScreen(page, THERMO);
  await page.mouse.click(afterLayout.x, afterLayout.y);
  await expect(page).toHaveURL(new RegExp(`selected=${THERMO}`));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("h");
  await expect.poll(() => visibleNodeIds(page)).not.toContain(THERMO);
  await page.keyboard.press("u");
  await expect.poll(() => visibleNodeIds(page)).toContain(THERMO);
});

test("a big neighbourhood asks what to add, and adds the most connected first", async ({ page }) => {
  const uri = process.env.NEO4J_URI;
  test.skip(!uri, "needs NEO4J_URI (run through npm test)");
  const driver = neo4j.driver(uri!);
  const prefix = `e2e-hub-${Date.now()}-`;
  try {
    await driver.executeQuery(
      `CREATE (:Entity:Report {id: $prefix + 'report', name: 'Hub test report'})
       CREATE (hub:Entity:Agency {id: $prefix + 'hub', name: 'E2E Hub Agency'})
       WITH hub UNWIND range(1, 80) AS i
       CREATE (m:Entity:Company {id: $prefix + 'c' + toString(i), name: 'Hub member ' + toString(i)})
       CREATE (m)-[:SUPPLIED {id: $prefix + 'r' + toString(i), sources: [$prefix + 'report']}]->(hub)`,
      { prefix },
    );
    await page.goto(`/?nodes=${prefix}hub&selected=${prefix}hub`);
    await page.getByRole("complementary", { name: "Details" }).getByRole("button", { name: /Expand neighbours/ }).click();
    const chooser = page.getByRole("dialog", { name: "E2E Hub Agency has 80 neighbours" });
    await expect(chooser).toContainText("Company: 80");
    await chooser.getByLabel("How many (most connected first)").fill("10");
    await chooser.getByRole("button", { name: "Add the top 10" }).click();
    await expect.poll(() => graphNodeIds(page)).toHaveLength(11);
  } finally {
    await driver.executeQuery("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix });
    await driver.close();
  }
});
