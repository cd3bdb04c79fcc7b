import { expect, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";

/**
 * What a script adds to a write sent through Playwright's API client (page.request): the Origin of this
 * instance, as README's API section says (the server refuses writes that name no origin).
 */
export const SAME_ORIGIN = { origin: baseURL };

/** Where a graph node is drawn, in page coordinates, once the layout has settled. */
export async function nodeOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  let previous = "";
  await expect
    .poll(
      async () => {
        const now = await page.evaluate((nodeId) => {
          const cy = window.__redstringCy;
          const node = cy?.getElementById(nodeId);
          if (!cy || !node || node.empty()) return "missing";
          const position = node.renderedPosition();
          const container = cy.container()!;
          const box = container.getBoundingClientRect();
          const x = Math.round(box.left + position.x);
          const y = Math.round(box.top + position.y);
          // A person can only click what is not covered (by a message, say): wait until it is clear.
          const onTop = document.elementFromPoint(x, y);
          if (!onTop || !container.contains(onTop)) return "covered";
          return `${x},${y}`;
        }, id);
        const settled = now !== "missing" && now !== "covered" && now === previous;
        previous = now;
        return settled;
      },
      { intervals: [300], timeout: 15_000, message: `node ${id} should be drawn, uncovered and still` },
    )
    .toBe(true);
  const [x, y] = previous.split(",").map(Number);
  return { x: x ?? 0, y: y ?? 0 };
}

/** The middle of a drawn relationship, in page coordinates (the layout must have settled). */
export async function edgeMidpointOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((edgeId) => {
    const cy = window.__redstringCy;
    const edge = cy?.getElementById(edgeId);
    if (!cy || !edge || edge.empty()) return null;
    const middle = edge.renderedMidpoint();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + middle.x, y: box.top + middle.y };
  }, id);
  expect(point, `relationship ${id} should be drawn`).not.toBeNull();
  return point!;
}

export async function graphNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__redstringCy?.nodes().map((node) => node.id()).sort() ?? []);
}

export async function pickFromSearch(page: Page, text: string, option: RegExp) {
  await page.getByRole("combobox", { name: "Search entities" }).fill(text);
  await page.getByRole("option", { name: option }).click();
}
