/**
 * Workspaces as a journalist uses them in Chromium: open a view, "Save as workspace", move a node and hide
 * another, wait for "Saved", reload /w/{id} and find the same picture (the same positions, the hidden node
 * still hidden, no layout run again, the workspace and its graph read by the server); rename and delete it on /workspaces; share it as a permalink.
 */
import { expect, test, type Page, type Request } from "@playwright/test";
import { graphNodeIds, nodeOnScreen } from "./support";

const VIEW = ["company-thermo-fisher", "legislator-marco-rubio", "event-2018-02-rubio-urges-thermo-fisher", "agency-cecc"];
const MOVED = "agency-cecc";
const HIDDEN = "legislator-marco-rubio";

async function modelPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => Object.fromEntries(window.__redstringCy?.nodes().map((node) => [node.id(), { ...node.position() }]) ?? []));
}

async function visibleNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__redstringCy?.nodes(":visible").map((node) => node.id()) ?? []);
}

/**
 * The canvas container's layout state, when the layout helper's GraphCanvas marks it: absent on a branch
 * without it, which this accepts (the positions are then compared once they stop changing).
 */
async function layoutDone(page: Page) {
  await expect
    .poll(() => page.locator("[data-layout-state]").first().getAttribute("data-layout-state", { timeout: 1_000 }).catch(() => "absent"))
    .toMatch(/^(done|absent)$/);
}

test("save a view as a workspace, change it, reopen the same picture, list, rename, share and delete it", async ({ page }) => {
  await page.goto(`/?nodes=${VIEW.join(",")}`);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(VIEW.length);
  for (const id of VIEW) await nodeOnScreen(page, id);
  await layoutDone(page);

  await page.getByRole("region", { name: "Workspace" }).getByRole("button", { name: "Save as workspace" }).click();
  await page.waitForURL(/\/w\/[A-Za-z0-9_-]{22}$/);
  const address = page.url();
  const bar = page.getByRole("region", { name: "Workspace" });
  await expect(bar.getByRole("status")).toHaveText("Saved");
  await expect.poll(() => graphNodeIds(page)).toHaveLength(VIEW.length);

  // Drag one node somewhere else, as a person does.
  const from = await nodeOnScreen(page, MOVED);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 40, { steps: 8 });
  await page.mouse.up();
  // Hide another from its menu.
  const hidden = await nodeOnScreen(page, HIDDEN);
  await page.mouse.click(hidden.x, hidden.y, { button: "right" });
  await page.getByRole("menu", { name: /Actions for/ }).getByRole("menuitem", { name: "Hide" }).click();
  await expect.poll(() => visibleNodeIds(page)).not.toContain(HIDDEN);
  await expect(bar.getByRole("status")).toHaveText("Saved", { timeout: 15_000 });
  const before = await modelPositions(page);

  // The reopened page comes with the workspace and its graph, read by the server as it rendered: the
  // browser asks for neither again (the autosave's PATCH may still follow a move, so only reads count).
  const reads: string[] = [];
  const noteRead = (request: Request) => {
    const { pathname } = new URL(request.url());
    if (pathname === "/api/graph" || (request.method() === "GET" && pathname.startsWith("/api/workspaces/"))) reads.push(`${request.method()} ${pathname}`);
  };
  page.on("request", noteRead);
  await page.reload();
  await expect.poll(() => graphNodeIds(page)).toHaveLength(VIEW.length);
  await layoutDone(page);
  page.off("request", noteRead);
  expect(reads).toEqual([]);
  await expect.poll(() => visibleNodeIds(page)).not.toContain(HIDDEN);
  // The stored positions, not a new layout: every node where it was saved (visible or not).
  await expect.poll(() => modelPositions(page)).toEqual(before);

  // Share the workspace as a permalink.
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this view" });
  await dialog.getByLabel("Title").fill("The workspace, frozen");
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog.getByLabel("Link", { exact: true })).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  await dialog.getByRole("button", { name: "Done" }).click();

  // On /workspaces: listed with its size, renamed, then deleted.
  await page.goto("/workspaces");
  const id = address.split("/w/")[1]!;
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/w/${id}"]`) });
  await expect(row).toContainText(String(VIEW.length));
  await row.getByRole("button", { name: /^Rename/ }).click();
  // In place: the title becomes a field (so the row no longer holds the link).
  const form = page.locator("form").filter({ has: page.getByLabel("New title") });
  await form.getByLabel("New title").fill("Rubio and Thermo Fisher");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("link", { name: "Rubio and Thermo Fisher" })).toHaveAttribute("href", `/w/${id}`);
  await page.getByRole("row").filter({ hasText: "Rubio and Thermo Fisher" }).getByRole("button", { name: /^Delete/ }).click();
  // Asked in the page, not by the browser's own confirm.
  await page.getByRole("dialog", { name: "Delete “Rubio and Thermo Fisher”?" }).getByRole("button", { name: "Delete workspace" }).click();
  await expect(page.locator(`a[href="/w/${id}"]`)).toHaveCount(0);
  await page.goto(address);
  // Next.js keeps an empty route announcer with the alert role on every page: ours is the one with text.
  await expect(page.getByRole("alert").filter({ hasText: "No workspace has the id" })).toBeVisible();
});
