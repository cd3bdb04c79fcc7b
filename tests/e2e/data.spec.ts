/**
 * Import and export from the browser: upload the real FollowTheMoney donations file, watch it import,
 * import it again (nothing new), see a broken file refused with its line, and download the whole graph
 * for Gephi and as re-importable JSON.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import neo4j from "neo4j-driver";
import { parseGraphInput } from "../../graph-seed/validate";
import { datasetsDir } from "../../lib/import/datasets";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The donations import creates `ftm-...` entities; start without them so the first import creates them. */
test.beforeAll(async () => {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is needed: run the end-to-end tests through npm test");
  const driver = neo4j.driver(uri);
  try {
    await driver.executeQuery("MATCH (n:Entity) WHERE n.id STARTS WITH 'ftm-' OR n.id = 'import-bundestag-donations-e2e' DETACH DELETE n");
  } finally {
    await driver.close();
  }
});
const DONATIONS = path.join(datasetsDir(ROOT), "ftm-donations/donations.ijson");

test("import FollowTheMoney donations, again without duplicates, and see a broken file refused", async ({ page }) => {
  await page.goto("/data");
  const form = page.getByRole("region", { name: "Import" });
  await form.getByLabel("FollowTheMoney JSON lines").check();
  await form.getByLabel("File").setInputFiles(DONATIONS);
  await form.getByLabel("Name of the data set (optional)").fill("Bundestag donations (e2e)");
  await form.getByRole("button", { name: "Import" }).click();
  const status = form.getByRole("status");
  await expect(status).toContainText("Imported.", { timeout: 60_000 });
  await expect(status).toContainText(/[1-9][\d,]* entities and [1-9][\d,]* relationships created/);

  await form.getByRole("button", { name: "Import" }).click();
  await expect(status).toContainText("Imported.", { timeout: 60_000 });
  await expect(status).toContainText("0 entities and 0 relationships created");

  const folder = await mkdtemp(path.join(os.tmpdir(), "redstring-e2e-"));
  const broken = path.join(folder, "broken.ijson");
  await writeFile(broken, '{"id": "a1", "schema": "Person", "properties": {"name": ["Ann"]}}\n{"id": "a2", "schema": "Spaceship", "properties": {}}\n');
  await form.getByLabel("File").setInputFiles(broken);
  await form.getByRole("button", { name: "Import" }).click();
  await expect(status).toContainText("Refused: nothing was written.", { timeout: 60_000 });
  const refused = form.getByRole("table", { name: "Refused rows" });
  await expect(refused.getByRole("row").nth(1)).toContainText("broken.ijson");
  await expect(refused.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText("2");
});

test("download the whole graph as GraphML and as re-importable Redstring JSON", async ({ page }) => {
  await page.goto("/data");
  const exports = page.getByRole("region", { name: "Export the whole graph" });
  const [graphml] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "GraphML (Gephi, yEd)" }).click()]);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(await readFile((await graphml.path())!, "utf8")) as {
    graphml: { graph: { node: { "@id": string }[]; edge: unknown[] } };
  };
  expect(xml.graphml.graph.node.map((node) => node["@id"])).toContain("company-thermo-fisher");
  expect(xml.graphml.graph.edge.length).toBeGreaterThan(40);

  const [json] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "Redstring JSON (re-importable)" }).click()]);
  const graph = parseGraphInput(JSON.parse(await readFile((await json.path())!, "utf8")) as Parameters<typeof parseGraphInput>[0]);
  expect(graph.entities.map((entity) => entity.id)).toContain("legislator-marco-rubio");
  expect(graph.relationships.length).toBeGreaterThan(40);
});
