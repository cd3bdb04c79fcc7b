/**
 * Saved queries as an analyst uses them in Chromium: write a parameterised query, save it, run it with
 * two values, and open the run link in a fresh browser to see the same answer. Then the library: filter,
 * delete with undo; and the editor's errors: a syntax error with its position, a refused write.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { graphNodeIds } from "./support";

const CYPHER = "MATCH (subject:Entity {id: $entity})--(event:Event) RETURN event.name AS what, event.date AS date, event ORDER BY date, what";

/** Types into the CodeMirror editor as a person would, then checks the text came through unchanged. */
async function typeCypher(page: Page, text: string) {
  const editor = page.getByTestId("cypher-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press("Escape"); // close any completion list
  await expect(editor).toHaveText(text);
}

async function chooseEntity(page: Page, label: string, search: string, option: RegExp) {
  await page.getByRole("combobox", { name: label, exact: true }).fill(search);
  await page.getByRole("option", { name: option }).click();
}

async function tableColumn(page: Page, column: number): Promise<string[]> {
  const table = page.getByRole("tabpanel", { name: "Table" });
  return table.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
}

test("write, save, run with two values, and share a run link", async ({ page, browser }) => {
  const title = `Events of an entity ${Date.now()}`;
  await page.goto("/queries/new");
  // The editor loads in the browser only: once it is there, the page is hydrated and typing sticks.
  await typeCypher(page, CYPHER);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Tags (comma-separated)").fill("e2e, events");
  await expect(page.getByLabel("Title")).toHaveValue(title);

  // The editor offers to declare the $entity it found; make it an entity picked by search.
  await page.getByRole("button", { name: "Declare $entity from the query" }).click();
  await page.getByRole("combobox", { name: "Type of $entity" }).selectOption("entity");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/queries\/[A-Za-z0-9_-]{16}$/);
  await expect(page.getByText("Version 1 of 1")).toBeVisible();

  // First run: Thermo Fisher.
  await chooseEntity(page, "entity", "thermo", /Thermo Fisher Scientific Inc\./);
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page).toHaveURL(/\?version=1&entity=company-thermo-fisher$/);
  await expect(page.getByTestId("run-summary")).toContainText(/\d+ rows/);
  await page.getByRole("tab", { name: "Table" }).click();
  const thermoEvents = await tableColumn(page, 1);
  expect(thermoEvents).toContain("Rubio urges Thermo Fisher to ensure its products are not misused");

  // Second run: Marco Rubio, a different answer, a different link.
  await page.getByRole("button", { name: "Clear entity" }).click();
  await chooseEntity(page, "entity", "rubio", /Marco Rubio/);
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page).toHaveURL(/\?version=1&entity=legislator-marco-rubio$/);
  await expect(page.getByTestId("run-summary")).toContainText(/\d+ rows?/);
  await page.getByRole("tab", { name: "Table" }).click();
  await expect.poll(() => tableColumn(page, 1)).not.toEqual(thermoEvents);
  const rubioEvents = await tableColumn(page, 1);
  expect(rubioEvents.length).toBeGreaterThan(0);

  // The graph tab draws the events returned, one node each.
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect.poll(() => graphNodeIds(page)).toContain("event-2018-02-rubio-urges-thermo-fisher");
  expect(await graphNodeIds(page)).toHaveLength(rubioEvents.length);

  // The table downloads as CSV, one line per row after the header.
  await page.getByRole("tab", { name: "Table" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("what,date,event");
  expect(csv.trim().split("\r\n")).toHaveLength(rubioEvents.length + 1);

  // A colleague opens the link in a fresh browser: the same run, the same rows.
  const link = page.url();
  const colleague = await browser.newContext();
  const theirPage = await colleague.newPage();
  await theirPage.goto(link);
  await expect(theirPage.getByRole("heading", { name: title })).toBeVisible();
  await expect(theirPage.getByTestId("run-summary")).toContainText(`${rubioEvents.length} row`);
  await theirPage.getByRole("tab", { name: "Table" }).click();
  expect(await tableColumn(theirPage, 1)).toEqual(rubioEvents);
  await expect(theirPage.getByTestId("chosen-entity")).toContainText("Marco Rubio");

  // ... and continues from the result in the explorer.
  await theirPage.getByRole("button", { name: "Open in explorer" }).click();
  await expect(theirPage).toHaveURL(/\/\?nodes=.*event-2018-02-rubio-urges-thermo-fisher/);
  await expect.poll(() => graphNodeIds(theirPage)).toHaveLength(rubioEvents.length);
  await colleague.close();
});

test("versions: save twice, compare, view the first and restore it", async ({ page }) => {
  await page.goto("/queries/new");
  // Completion offers the registry's labels.
  const editor = page.getByTestId("cypher-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.type("MATCH (n:Legi", { delay: 20 });
  await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("Legislator");
  await typeCypher(page, "MATCH (n:Legislator) RETURN n.name AS name ORDER BY name");
  await page.getByLabel("Title").fill(`Legislators ${Date.now()}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Version 1 of 1")).toBeVisible();

  await typeCypher(page, "MATCH (n:Legislator) RETURN n.name AS name, n.party AS party ORDER BY name");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();

  await page.getByRole("button", { name: "Compare" }).click();
  const changes = page.getByRole("region", { name: "Changes from version 1 to version 2" });
  await expect(changes).toContainText("- MATCH (n:Legislator) RETURN n.name AS name ORDER BY name");
  await expect(changes).toContainText("+ MATCH (n:Legislator) RETURN n.name AS name, n.party AS party ORDER BY name");

  await page.getByRole("button", { name: "View version 1" }).click();
  await expect(page.getByText("You are looking at version 1; the latest is version 2.")).toBeVisible();
  await expect(editor).toHaveText("MATCH (n:Legislator) RETURN n.name AS name ORDER BY name");
  await page.getByRole("button", { name: "Restore this version" }).click();
  await expect(page.getByText("Version 1 restored as version 3.")).toBeVisible();
  await expect(page.getByText("Version 3 of 3")).toBeVisible();
  await expect(page.getByRole("list", { name: "Versions" })).toContainText("restored version 1");
});

test("a run link with a bad value shows a form error, not a crash", async ({ page }) => {
  await page.goto("/queries/starter-events-between?version=1&entity=company-thermo-fisher&from=2019-02-30");
  await expect(page.getByText("must be a real calendar date", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Events involving an entity between two dates" })).toBeVisible();
});

test("the editor shows a syntax error's position and refuses a query that writes", async ({ page }) => {
  await page.goto("/queries/new");
  await typeCypher(page, "MATCH (n:Entity) RETURNN n");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("syntax-error")).toContainText(/Line 1, column \d+/);

  await typeCypher(page, "MATCH (n:Entity) DETACH DELETE n");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByText(/Saved queries can only read/)).toBeVisible();
});

test("the editor refuses a query that looks an internal record up by id, and saving it too", async ({ page }) => {
  await page.goto("/queries/new");
  await typeCypher(page, "MATCH (n) WHERE id(n) = 0 RETURN n.email, n.passwordHash");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByText(/cannot look nodes or relationships up by id\(\) or elementId\(\)/)).toBeVisible();
  await expect(page.getByText(/argon2/)).toHaveCount(0);

  await page.getByLabel("Title").fill(`Hostile ${Date.now()}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/cannot look nodes or relationships up by id\(\) or elementId\(\)/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/queries\/new$/);
});

test("the library: filter by tag, delete, and undo", async ({ page }) => {
  await page.goto("/queries");
  await expect(page.getByRole("link", { name: "Shortest paths between two entities" })).toBeVisible();
  await page.getByLabel("Filter by title, description or tag").fill("provenance");
  await expect(page.getByRole("link", { name: "Reports that support the links of an entity", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Shortest paths between two entities" })).toHaveCount(0);

  // Duplicate, then delete the copy and undo.
  await page.getByRole("button", { name: "Duplicate Reports that support the links of an entity" }).click();
  await expect(page).toHaveURL(/\/queries\/[A-Za-z0-9_-]{16}$/);
  await expect(page.getByRole("heading", { name: "Copy of Reports that support the links of an entity" })).toBeVisible();
  await page.getByRole("link", { name: "Saved queries", exact: true }).first().click();
  await page.getByLabel("Filter by title, description or tag").fill("Copy of Reports");
  const copy = page.getByRole("link", { name: "Copy of Reports that support the links of an entity" });
  await expect(copy.first()).toBeVisible();
  const copies = await copy.count();
  await page.getByRole("button", { name: "Delete Copy of Reports that support the links of an entity" }).first().click();
  await expect(page.getByText("moved to the bin")).toBeVisible();
  await expect(copy).toHaveCount(copies - 1);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(copy).toHaveCount(copies);
});
