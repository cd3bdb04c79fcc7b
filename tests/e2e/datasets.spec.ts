/**
 * Data sets in the browser: a FollowTheMoney file with one row the importer cannot read is imported on the
 * Data page (valid rows kept), then found on /datasets with its counts, the refused rows summarised by
 * reason and downloadable as TSV; axe finds nothing serious, and the page works 390 px wide.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { closeTestDriver, runCypher } from "./support";

/** The file's name gives the data set its id (lib/datasets/ids.ts). */
const FILE_NAME = "e2e-datasets.ijson";
const DATASET_ID = "e2e-datasets";
const DATASET_NAME = "E2E data set with refused rows";
const ROWS = [
  { id: "e2eds-ann", schema: "Person", properties: { name: ["Ann Example"] } },
  { id: "e2eds-acme", schema: "Company", properties: { name: ["Acme Example GmbH"] } },
  { id: "e2eds-pay", schema: "Payment", properties: { payer: ["e2eds-ann"], beneficiary: ["e2eds-acme"], amountEur: ["100"], date: ["2011-12-29"] } },
  { id: "e2eds-ship", schema: "Spaceship", properties: {} },
  { id: "e2eds-rocket", schema: "Rocket", properties: {} },
];

test.beforeAll(async () => {
  await runCypher("MATCH (n:Entity) WHERE n.id STARTS WITH 'ftm-e2eds-' OR n.id STARTS WITH 'import-e2e-data-set' DETACH DELETE n");
  await runCypher("MATCH (d:Dataset {id: $id}) DELETE d", { id: DATASET_ID });
});
test.afterAll(closeTestDriver);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

test("an import becomes a data set: its page shows counts and refused rows, which download as TSV", async ({ page }) => {
  const folder = await mkdtemp(path.join(os.tmpdir(), "redstring-e2e-datasets-"));
  const file = path.join(folder, FILE_NAME);
  await writeFile(file, ROWS.map((row) => JSON.stringify(row)).join("\n") + "\n");
  const unsupported = ROWS.filter((row) => !["Person", "Company", "Payment"].includes(row.schema));

  await page.goto("/data");
  const form = page.getByRole("region", { name: "Import" });
  await form.getByLabel("FollowTheMoney JSON lines").check();
  await form.getByLabel("File").setInputFiles(file);
  await form.getByLabel("Name of the data set (optional)").fill(DATASET_NAME);
  await form.getByLabel(/Import the valid rows/).check();
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByRole("status")).toContainText("Imported.", { timeout: 60_000 });

  // From the Data page to the list, and from the list to the data set.
  await page.getByRole("link", { name: "see the data sets" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Data sets" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: DATASET_NAME }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${DATASET_ID}$`));
  await expect(page.getByRole("heading", { level: 1, name: DATASET_NAME })).toBeVisible();

  const entities = page.getByRole("region", { name: /Entities by type/ });
  await expect(entities.getByRole("row", { name: /Person/ })).toContainText("1");
  await expect(entities.getByRole("row", { name: /Company/ })).toContainText("1");
  await expect(page.getByRole("region", { name: /Relationships by type/ }).getByRole("row", { name: /PAID/ })).toContainText("1");

  const refused = page.getByRole("region", { name: /Refused rows/ });
  await expect(refused.getByRole("heading")).toContainText(`Refused rows (${unsupported.length})`);
  // Both unsupported schemata are one reason once their names are taken out.
  await expect(refused.getByRole("row", { name: /unsupported FollowTheMoney schema …/ })).toContainText(String(unsupported.length));
  expect(await seriousViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), refused.getByRole("link", { name: "Download all refused rows (TSV)" }).click()]);
  const lines = (await readFile(await download.path(), "utf8")).split("\n").filter(Boolean);
  expect(lines[0]).toBe("file\tline\treason");
  expect(lines.slice(1).map((line) => line.split("\t").slice(0, 2))).toEqual(
    unsupported.map((row) => [FILE_NAME, String(ROWS.indexOf(row) + 1)]),
  );

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(refused.getByRole("link", { name: "Download all refused rows (TSV)" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goto("/datasets");
  await expect(page.getByRole("link", { name: DATASET_NAME })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
});
