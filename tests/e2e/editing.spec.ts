/**
 * Editing as a newsroom does it in Chromium: an editor creates an event linking two entities with a new
 * source, sees it in the graph and in History, and reverts it; a viewer is offered no editing; two
 * duplicates are merged from the panel and the merge is undone from the recent-changes page.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import neo4j, { type Driver } from "neo4j-driver";
import { graphNodeIds, pickFromSearch, SAME_ORIGIN } from "./support";

const THERMO = "company-thermo-fisher";
const RUBIO = "legislator-marco-rubio";
const SIGNED_OUT = { cookies: [], origins: [] };
const run = `${Date.now().toString(36)}`;

let driver: Driver;

test.beforeAll(() => {
  driver = neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687");
});

test.afterAll(async () => {
  await driver.executeQuery("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OR n.name STARTS WITH $name DETACH DELETE n", {
    prefix: `e2e-merge-${run}`,
    name: `E2E ${run}`,
  });
  await driver.close();
});

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await driver.executeQuery(query, params);
  return Number(records[0]?.get(0) ?? 0);
}

/** A new account of this role, made by the admin the global setup signed in, then signed in in its own context. */
async function signedInAs(browser: Browser, adminPage: Page, role: "editor" | "viewer"): Promise<Page> {
  const email = `${role}-${run}@example.test`;
  const password = `an ${role}'s long password`;
  const created = await adminPage.request.post("/api/admin/users", { headers: SAME_ORIGIN, data: { email, name: `E2E ${role}`, role, password } });
  expect(created.status()).toBe(201);
  const page = await (await browser.newContext({ storageState: SIGNED_OUT })).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(`(${role})`);
  return page;
}

test("an editor creates an event linking two entities with a source, sees it in the graph and History, and reverts it", async ({ page, browser }) => {
  const editor = await signedInAs(browser, page, "editor");
  const name = `E2E ${run} Rubio presses Thermo Fisher`;

  await editor.goto("/");
  await pickFromSearch(editor, "thermo", /Thermo Fisher Scientific Inc\./);
  await editor.getByRole("button", { name: "New entity" }).click();
  const form = editor.getByRole("form", { name: "New entity" });
  await form.getByLabel("Type").selectOption("Event");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Date", { exact: true }).fill("2019-03-01");

  // The event concerns Thermo Fisher; Rubio acted in it.
  await form.getByRole("combobox", { name: "Link to…" }).fill("thermo");
  await editor.getByRole("option", { name: /Thermo Fisher Scientific Inc\./ }).click();
  await form.getByRole("combobox", { name: "Link to…" }).fill("rubio");
  await editor.getByRole("option", { name: /Marco Rubio/ }).click();
  const rubioLink = form.getByRole("group", { name: "Link to Marco Rubio" });
  await rubioLink.getByLabel("Direction").selectOption("in");
  await expect(rubioLink.getByLabel("Relationship")).toHaveValue("ACTED_IN");

  // Without a source the links are refused, in the form, before anything is sent.
  await form.getByRole("button", { name: "Create", exact: true }).click();
  await expect(form.getByRole("alert")).toContainText("at least one source");
  await form.getByRole("button", { name: "Cite a new report…" }).click();
  const report = form.getByRole("group", { name: "New report" });
  await report.getByLabel("Title").fill(`E2E ${run} Senator's letter`);
  await report.getByLabel("Link").fill("https://example.org/letter");
  await report.getByLabel("Publisher").fill("Office of the Senator");
  await form.getByLabel("Quote (optional)").fill("We urge Thermo Fisher to stop.");
  await form.getByRole("button", { name: "Create", exact: true }).click();

  // In the graph, selected, with both links citing the new report.
  await expect(editor).toHaveURL(new RegExp(`selected=e2e-${run}-`));
  const eventId = new URL(editor.url()).searchParams.get("selected") ?? "";
  await expect.poll(() => graphNodeIds(editor)).toEqual(expect.arrayContaining([eventId, THERMO, RUBIO]));
  const details = editor.getByRole("complementary", { name: "Details" });
  await expect(details.getByRole("heading", { name })).toBeVisible();
  await expect(details.getByText("We urge Thermo Fisher to stop.").first()).toBeVisible();
  expect(
    await count("MATCH (e:Event {id: $id})-[r]-() WHERE size(r.sources) = 1 RETURN count(r)", { id: eventId }),
  ).toBe(2);

  // History shows who did it; reverting removes the event, its links and the report it created.
  await details.getByRole("tab", { name: "History" }).click();
  const history = details.getByRole("region", { name: "History" });
  const entry = history.getByRole("listitem").filter({ hasText: `Created event “${name}” with 2 links` });
  await expect(entry).toContainText("E2E editor");
  await entry.getByRole("button", { name: "Revert" }).click();
  await entry.getByRole("button", { name: "Confirm revert" }).click();
  await expect.poll(() => graphNodeIds(editor)).not.toContain(eventId);
  expect(await count("MATCH (n:Entity) WHERE n.id = $id OR n.name = $report RETURN count(n)", { id: eventId, report: `E2E ${run} Senator's letter` })).toBe(0);

  // The revert is on the recent-changes page too.
  await editor.goto("/changes");
  await expect(editor.getByText(`Reverted: Created event “${name}” with 2 links`)).toBeVisible();
});

test("a viewer is offered no editing", async ({ page, browser }) => {
  const viewer = await signedInAs(browser, page, "viewer");
  await viewer.goto(`/?nodes=${THERMO}&selected=${THERMO}`);
  const details = viewer.getByRole("complementary", { name: "Details" });
  await expect(details.getByRole("heading", { name: "Thermo Fisher Scientific Inc." })).toBeVisible();
  await expect(details.getByRole("tab", { name: "History" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New entity" })).toHaveCount(0);
  await expect(details.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(details.getByRole("button", { name: "Delete…" })).toHaveCount(0);
});

test("two duplicates are merged from the panel, and the merge is undone from Recent changes", async ({ page }) => {
  const keep = `e2e-merge-${run}-keep`;
  const dupe = `e2e-merge-${run}-dupe`;
  await driver.executeQuery(
    `CREATE (k:Entity:Company {id: $keep, name: $keepName, aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
     CREATE (d:Entity:Company {id: $dupe, name: $dupeName, aliases: ['Duplicate Co'], aliasText: 'Duplicate Co', createdAt: datetime(), updatedAt: datetime()})
     WITH k, d
     MATCH (a:Entity {id: 'agency-us-commerce-department'}), (r:Entity:Report) WITH k, d, a, r LIMIT 1
     CREATE (d)-[:SUPPLIED {id: $dupe + '-rel', sources: [r.id], createdAt: datetime(), updatedAt: datetime()}]->(a)`,
    { keep, dupe, keepName: `E2E ${run} Merge Keep Co`, dupeName: `E2E ${run} Merge Dupe Co` },
  );
  await page.goto(`/?nodes=${keep},${dupe}&selected=${keep}`);
  const details = page.getByRole("complementary", { name: "Details" });
  await details.getByRole("button", { name: "Merge…" }).click();
  await details.getByRole("combobox", { name: "Duplicate company" }).fill(`E2E ${run} Merge Dupe`);
  await page.getByRole("option", { name: new RegExp(`Merge Dupe Co`) }).click();
  await expect(details).toContainText(`“E2E ${run} Merge Dupe Co” will be deleted`);
  await details.getByRole("button", { name: "Merge", exact: true }).click();

  await expect.poll(() => graphNodeIds(page)).not.toContain(dupe);
  await expect(details.getByText(`Also known as E2E ${run} Merge Dupe Co, Duplicate Co`)).toBeVisible();
  expect(await count("MATCH (:Entity {id: $keep})-[r:SUPPLIED]->() RETURN count(r)", { keep })).toBe(1);

  await page.goto("/changes");
  const entry = page.getByRole("listitem").filter({ hasText: `Merged “E2E ${run} Merge Dupe Co” into “E2E ${run} Merge Keep Co”` });
  await entry.getByRole("button", { name: "Revert" }).click();
  await entry.getByRole("button", { name: "Confirm revert" }).click();
  await expect(page.getByText(`Reverted: Merged “E2E ${run} Merge Dupe Co”`, { exact: false })).toBeVisible();
  expect(await count("MATCH (d:Entity {id: $dupe})-[r:SUPPLIED]->() RETURN count(r)", { dupe })).toBe(1);
  expect(await count("MATCH (k:Entity {id: $keep}) RETURN size(k.aliases)", { keep })).toBe(0);
});
