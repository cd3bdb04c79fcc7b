/**
 * axe-core finds no serious or critical accessibility violation on the explorer (empty, with a graph, its
 * editing forms and History), the saved queries, a permalink and the recent-changes page.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { graphNodeIds, SAME_ORIGIN } from "./support";

async function seriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

test("the empty explorer", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("combobox", { name: "Search entities" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the explorer with a graph, the details panel and the search suggestions open", async ({ page }) => {
  await page.goto("/?nodes=company-thermo-fisher,legislator-marco-rubio,event-2018-02-rubio-urges-thermo-fisher&selected=legislator-marco-rubio");
  await expect.poll(() => graphNodeIds(page)).toHaveLength(3);
  await expect(page.getByRole("heading", { name: "Marco Rubio" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Entities in view" })).toBeVisible();
  await page.getByRole("combobox", { name: "Search entities" }).fill("thermo");
  await expect(page.getByRole("option").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the saved-query library", async ({ page }) => {
  await page.goto("/queries");
  await expect(page.getByRole("link", { name: "Shortest paths between two entities" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("a saved query with its run: editor, form, history and result table", async ({ page }) => {
  await page.goto("/queries/starter-events-between?version=1&entity=company-thermo-fisher");
  await expect(page.getByTestId("run-summary")).toBeVisible();
  await expect(page.getByTestId("cypher-editor").locator(".cm-content")).toBeVisible();
  await page.getByRole("tab", { name: "Table" }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

test("a permalink page and its embed", async ({ page, request }) => {
  const answer = await request.post("/api/snapshots", { headers: SAME_ORIGIN,
    data: {
      title: "Accessibility check",
      note: "A snapshot for axe",
      nodes: [
        { id: "company-thermo-fisher", x: 0, y: 0 },
        { id: "legislator-marco-rubio", x: 200, y: 80 },
      ],
      viewport: { x1: -200, y1: -150, x2: 400, y2: 250 },
    },
  });
  expect(answer.status()).toBe(201);
  const { path, snapshot } = (await answer.json()) as { path: string; snapshot: { id: string } };
  await page.goto(path);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(2);
  await page.getByRole("button", { name: "Compare with live" }).click();
  await expect(page.getByRole("region", { name: "Changes since the snapshot" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`/embed/${snapshot.id}`);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(2);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the editing forms, an entity's History and the recent-changes page", async ({ page }) => {
  await page.goto("/?nodes=company-thermo-fisher&selected=company-thermo-fisher");
  const details = page.getByRole("complementary", { name: "Details" });
  await expect(details.getByRole("heading", { name: "Thermo Fisher Scientific Inc." })).toBeVisible();
  await page.getByRole("button", { name: "New entity" }).click();
  await expect(page.getByRole("form", { name: "New entity" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("form", { name: "New entity" }).getByRole("button", { name: "Cancel" }).click();

  await details.getByRole("button", { name: "Add relationship" }).click();
  await expect(page.getByRole("form", { name: "New relationship" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("form", { name: "New relationship" }).getByRole("button", { name: "Cancel" }).click();

  await details.getByRole("tab", { name: "History" }).click();
  await expect(details.getByRole("region", { name: "History" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/changes");
  await expect(page.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
