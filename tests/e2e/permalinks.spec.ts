/**
 * Permalinks as a journalist uses them in Chromium: explore, share, open the link in a fresh browser and
 * find the same nodes at the same positions; change an entity in Neo4j and see it in "Compare with
 * live"; export PNG, SVG, JSON and CSV; embed; revoke, after which the link, embed and image answer 410.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import neo4j from "neo4j-driver";
import { PNG } from "pngjs";
import { parseGraphInput } from "../../graph-seed/validate";
import { countQueries, timesRun } from "../support/query-stats";
import { graphNodeIds, nodeOnScreen, runCypher, SAME_ORIGIN } from "./support";

const VIEW = ["company-thermo-fisher", "legislator-marco-rubio", "event-2018-02-rubio-urges-thermo-fisher", "agency-cecc"];

async function modelPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() =>
    Object.fromEntries(window.__redstringCy?.nodes().map((node) => [node.id(), { ...node.position() }]) ?? []),
  );
}

async function downloadText(page: Page, label: string): Promise<{ text: string; path: string }> {
  await page.getByRole("button", { name: "Export" }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: label }).click()]);
  const path = (await file.path())!;
  return { text: await readFile(path, "utf8"), path };
}

async function withDatabase<T>(work: (run: (query: string, params?: Record<string, unknown>) => Promise<unknown>) => Promise<T>): Promise<T> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is needed: run the end-to-end tests through npm test");
  const driver = neo4j.driver(uri);
  try {
    return await work((query, params = {}) => driver.executeQuery(query, params));
  } finally {
    await driver.close();
  }
}

test("share a view, reopen it exactly, compare with live, export, embed and revoke", async ({ page, browser, request }) => {
  await page.goto(`/?nodes=${VIEW.join(",")}`);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(VIEW.length);
  // The picture shared is the one the layout settles on (a share mid-layout froze a half-spread picture,
  // and its PNG came out narrow on a loaded machine).
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout-state", "done", { timeout: 30_000 });
  for (const id of VIEW) await nodeOnScreen(page, id);
  const shared = await modelPositions(page);

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this view" });
  await dialog.getByLabel("Title").fill("Rubio, the CECC and Thermo Fisher");
  await dialog.getByLabel("Note (optional)").fill("Who pressed the company, and when.");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Link", { exact: true }).inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
  const id = link.split("/s/")[1]!;
  await expect(dialog.getByLabel("Embed code")).toHaveValue(new RegExp(`<iframe src="[^"]*/embed/${id}"`));

  // A reader in a fresh browser sees the same nodes at the same positions.
  const reader = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const readerPage = await reader.newPage();
  await readerPage.goto(link);
  await expect(readerPage.getByRole("heading", { name: "Rubio, the CECC and Thermo Fisher" })).toBeVisible();
  await expect(readerPage.getByText(/Snapshot of \d+ \w+ \d{4}/)).toBeVisible();
  await expect.poll(() => graphNodeIds(readerPage)).toEqual([...VIEW].sort());
  const reopened = await modelPositions(readerPage);
  for (const nodeId of VIEW) {
    expect(Math.abs(reopened[nodeId]!.x - shared[nodeId]!.x), nodeId).toBeLessThanOrEqual(1);
    expect(Math.abs(reopened[nodeId]!.y - shared[nodeId]!.y), nodeId).toBeLessThanOrEqual(1);
  }
  // Details come from the snapshot: click the agency on the canvas.
  const cecc = await nodeOnScreen(readerPage, "agency-cecc");
  await readerPage.mouse.click(cecc.x, cecc.y);
  await expect(readerPage.getByRole("complementary", { name: "Details" }).getByRole("heading", { name: /Congressional-Executive Commission on China/ })).toBeVisible();

  // The graph changes in Neo4j; the snapshot does not, and "Compare with live" shows the change.
  const original = await withDatabase(async (run) => {
    const result = (await run("MATCH (n:Entity {id: 'agency-cecc'}) RETURN n.description AS description")) as { records: { get(key: string): unknown }[] };
    await run("MATCH (n:Entity {id: 'agency-cecc'}) SET n.description = 'Changed after the snapshot'");
    return result.records[0]?.get("description") ?? null;
  });
  try {
    await readerPage.reload();
    await expect(readerPage.getByText("Changed after the snapshot")).toHaveCount(0);
    await readerPage.getByRole("button", { name: "Compare with live" }).click();
    const changes = readerPage.getByRole("region", { name: "Changes since the snapshot" });
    await expect(changes).toContainText("1 change since the snapshot");
    await expect(changes).toContainText("description");
    await expect(changes).toContainText("Changed after the snapshot");
  } finally {
    await withDatabase((run) => run("MATCH (n:Entity {id: 'agency-cecc'}) SET n.description = $original", { original }));
  }

  // Exports from the permalink.
  // The PNG holds every element at three times its size on the canvas: its width follows from the extent
  // of what is drawn (how wide the layout spread the nodes varies from run to run; a fixed minimum did not).
  const extent = await readerPage.evaluate(() => window.__redstringCy!.elements().boundingBox());
  const png = PNG.sync.read(await readFile((await downloadText(readerPage, "PNG image")).path));
  expect(png.width).toBe(Math.ceil(extent.w) * 3);
  expect(png.height).toBe(Math.ceil(extent.h) * 3);
  const svg = new XMLParser({ ignoreAttributes: false }).parse((await downloadText(readerPage, "SVG image")).text) as { svg?: unknown };
  expect(svg.svg).toBeDefined();
  const json = JSON.parse((await downloadText(readerPage, "Redstring JSON")).text) as Parameters<typeof parseGraphInput>[0];
  const reimported = await parseGraphInput(json); // throws on anything the importer would refuse
  expect(reimported.entities.map((entity) => entity.id)).toEqual(expect.arrayContaining(VIEW));
  const nodesCsv = (await downloadText(readerPage, "CSV of nodes")).text.trim().split("\r\n");
  expect(nodesCsv[0]).toMatch(/^id,type,name/);
  expect(nodesCsv).toHaveLength(VIEW.length + 1);

  // Link previews and the embed.
  const html = await (await request.get(link)).text();
  expect(html).toContain(`/api/snapshots/${id}/image.png`);
  expect((await request.get(`/api/snapshots/${id}/image.png`)).headers()["content-type"]).toBe("image/png");
  const embedAnswer = await request.get(`/embed/${id}`);
  expect(embedAnswer.headers()["x-frame-options"]).toBeUndefined();
  await readerPage.goto(`/embed/${id}`);
  await expect.poll(() => graphNodeIds(readerPage)).toHaveLength(VIEW.length);
  await expect(readerPage.getByRole("link", { name: "Open in Redstring" })).toHaveAttribute("href", `/s/${id}`);
  const rubio = await nodeOnScreen(readerPage, "legislator-marco-rubio");
  await readerPage.mouse.click(rubio.x, rubio.y);
  await expect(readerPage.getByRole("complementary", { name: "Details" })).toContainText("Marco Rubio");
  await reader.close();

  // The creator revokes the link: page, embed and image are gone.
  await dialog.getByRole("button", { name: "Revoke link" }).click();
  // Asked as a step inside the same dialog, not by the browser's own confirm.
  await dialog.getByRole("group", { name: /^Revoke this link\?/ }).getByRole("button", { name: "Revoke link" }).click();
  await expect(dialog.getByRole("status")).toContainText("revoked");
  expect((await request.get(link)).status()).toBe(410);
  expect((await request.get(`/embed/${id}`)).status()).toBe(410);
  expect((await request.get(`/api/snapshots/${id}/image.png`)).status()).toBe(410);
  expect(await (await request.get(link)).text()).not.toContain("Thermo Fisher");
});

test("the shared-links page lists snapshots with their state", async ({ page }) => {
  await page.goto(`/?nodes=${VIEW.slice(0, 2).join(",")}`);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(2);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this view" });
  await dialog.getByLabel("Title").fill("Listed snapshot");
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog.getByLabel("Link", { exact: true })).toHaveValue(/\/s\//);
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.getByRole("link", { name: "Shared links" }).click();
  const row = page.getByRole("row", { name: /Listed snapshot/ }).first();
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: /Revoke/ }).click();
  await page.getByRole("dialog", { name: "Revoke “Listed snapshot”?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByRole("row", { name: /Listed snapshot/ }).first()).toContainText("Revoked");
});

test("unknown and malformed permalinks are 404 pages, not errors", async ({ request }) => {
  for (const path of ["/s/AAAAAAAAAAAAAAAAAAAAAA", "/s/not-an-id", "/embed/AAAAAAAAAAAAAAAAAAAAAA", "/embed/%3Cscript%3E"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("a permalink page reads its snapshot from the database once, for its preview and its content", async ({ request }) => {
  const made = await request.post("/api/snapshots", {
    headers: SAME_ORIGIN,
    data: { title: "Read once", note: "A caption", noteIsCaption: true, nodes: VIEW.map((id, index) => ({ id, x: index * 50, y: 0 })), viewport: { x1: -100, y1: -100, x2: 300, y2: 100 } },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { snapshot } = (await made.json()) as { snapshot: { id: string } };

  const counter = await countQueries(async (query) => (await runCypher(query)).records.map((record) => record.toObject()));
  try {
    const page = await request.get(`/s/${snapshot.id}`);
    expect(page.status()).toBe(200);
    const html = await page.text();
    // Both parts were drawn from the record: the preview (metadata) and the page's own heading.
    expect(html).toContain('property="og:description" content="A caption"');
    expect(html).toContain("Read once");
    const counts = await counter.counts();
    // The proxy's read (it answers 410 for a revoked link) is the only one: it hands the record to the
    // page (lib/snapshots/handoff.ts), and generateMetadata and the page share it (React cache()).
    expect(timesRun(counts, "RETURN properties(s) AS s")).toBe(1);
    expect(timesRun(counts, ":Snapshot")).toBe(1);
  } finally {
    await counter.stop();
  }
});
