import { expect, type Page } from "@playwright/test";
import neo4j, { type Driver } from "neo4j-driver";
import { baseURL } from "../../playwright.config";

/**
 * What a script adds to a write sent through Playwright's API client (page.request): the Origin of this
 * instance, as README's API section says (the server refuses writes that name no origin).
 */
export const SAME_ORIGIN = { origin: baseURL };

let driver: Driver | undefined;

/** Cypher on the test's database (NEO4J_URI), to arrange data a spec needs and remove it afterwards. */
export async function runCypher(query: string, params: Record<string, unknown> = {}) {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is needed: run the end-to-end tests through npm test");
  driver ??= neo4j.driver(uri, process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD) : undefined);
  return driver.executeQuery(query, params, { database: process.env.NEO4J_DATABASE });
}

export async function closeTestDriver(): Promise<void> {
  await driver?.close();
  driver = undefined;
}

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
/**
 * A point on a drawn relationship a person can click: on its line (the middle first, else nearer either
 * end), on no node (a node drawn over the line would take the click), uncovered, and still for two
 * looks in a row (a layout may still be moving it).
 */
export async function edgeMidpointOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  let previous = "";
  let point: { x: number; y: number } | null = null;
  await expect
    .poll(
      async () => {
        const now = await page.evaluate((edgeId) => {
          const cy = window.__redstringCy;
          const edge = cy?.getElementById(edgeId);
          if (!cy || !edge || edge.empty()) return "missing";
          const source = edge.source().renderedPosition();
          const target = edge.target().renderedPosition();
          const container = cy.container()!;
          const box = container.getBoundingClientRect();
          // The drawn middle (right for a curved line too), then points of the straight line between the ends.
          const middle = edge.renderedMidpoint();
          const along = [0.4, 0.6, 0.3, 0.7].map((t) => ({ x: source.x + (target.x - source.x) * t, y: source.y + (target.y - source.y) * t }));
          for (const { x, y } of [middle, ...along]) {
            const onANode = cy.nodes().some((node) => {
              const bounds = node.renderedBoundingBox({ includeLabels: false });
              return x >= bounds.x1 && x <= bounds.x2 && y >= bounds.y1 && y <= bounds.y2;
            });
            const onTop = document.elementFromPoint(box.left + x, box.top + y);
            if (!onANode && onTop && container.contains(onTop)) return `${Math.round(box.left + x)},${Math.round(box.top + y)}`;
          }
          return "covered";
        }, id);
        const settled = now !== "missing" && now !== "covered" && now === previous;
        previous = now;
        if (settled) {
          const [x, y] = now.split(",").map(Number);
          point = { x: x!, y: y! };
        }
        return settled;
      },
      { intervals: [300], timeout: 15_000, message: `relationship ${id} should be drawn, clear of nodes and still` },
    )
    .toBe(true);
  return point!;
}

export async function graphNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__redstringCy?.nodes().map((node) => node.id()).sort() ?? []);
}

export async function pickFromSearch(page: Page, text: string, option: RegExp) {
  await page.getByRole("combobox", { name: "Search entities" }).fill(text);
  await page.getByRole("option", { name: option }).click();
}
