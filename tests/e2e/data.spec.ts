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
import { SAME_ORIGIN } from "./support";

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
  const graph = await parseGraphInput(JSON.parse(await readFile((await json.path())!, "utf8")) as Parameters<typeof parseGraphInput>[0]);
  expect(graph.entities.map((entity) => entity.id)).toContain("legislator-marco-rubio");
  expect(graph.relationships.length).toBeGreaterThan(40);
});

test("an import whose server died shows as interrupted, and 'Run again' imports it", async ({ page }) => {
  const me = (await (await page.request.get("/api/auth/me")).json()) as { user: { id: string } };
  const tag = Math.random().toString(36).slice(2, 8);
  const upload = (await (await page.request.post("/api/imports/uploads", { headers: SAME_ORIGIN })).json()) as { uploadId: string };
  const names = ["Alder", "Birch"];
  await page.request.put(`/api/imports/uploads/${upload.uploadId}?name=trees.csv`, { headers: SAME_ORIGIN, data: ["id,name", ...names.map((name) => `${name.toLowerCase()},${name} ${tag}`)].join("\n") });
  const mapping = { nodes: [{ file: "trees.csv", type: "Company", id: { column: "id", prefix: `e2e-resume-${tag}-` }, name: { column: "name" } }], relationships: [] };
  await page.request.put(`/api/imports/uploads/${upload.uploadId}?name=mapping.json`, { headers: SAME_ORIGIN, data: JSON.stringify(mapping) });
  // What a server killed mid-import leaves: a running job whose heartbeat stopped a minute ago, holding its upload.
  const source = `Trees ${tag}`;
  const driver = neo4j.driver(process.env.NEO4J_URI!);
  try {
    await driver.executeQuery(
      `CREATE (:ImportJob {id: $id, owner: $owner, format: 'csv', sourceName: $source, status: 'running', phase: 'write entities', rows: 1,
         bytesRead: 1, totalBytes: 2, created: 0, startedAt: $startedAt, problems: '[]', uploadId: $uploadId, file: 'mapping.json',
         requestedSourceName: $source, skipInvalid: false, heartbeatAt: $heartbeatAt})
       WITH 1 AS done MATCH (u:Upload {id: $uploadId}) SET u.heldBy = $id`,
      { id: `e2e-dead-${tag}`, owner: me.user.id, source, startedAt: new Date().toISOString(), uploadId: upload.uploadId, heartbeatAt: Date.now() - 60_000 },
    );
  } finally {
    await driver.close();
  }

  await page.goto("/data");
  const recent = page.getByRole("region", { name: "Your recent imports" });
  await expect(recent.getByRole("listitem").filter({ hasText: source })).toContainText("Interrupted");
  await recent.getByRole("button", { name: `Run again: ${source}` }).click();
  const status = page.getByRole("region", { name: "Import" }).getByRole("status");
  await expect(status).toContainText("Imported.", { timeout: 60_000 });
  await expect(status).toContainText(`${names.length + 1} entities and 0 relationships created`);
  await expect(recent.getByRole("listitem").filter({ hasText: source }).first()).toBeVisible();
  await expect(recent.getByRole("button", { name: `Run again: ${source}` })).toHaveCount(0);
});
