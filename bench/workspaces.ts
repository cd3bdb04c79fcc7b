/**
 * Big views through the app's own pages (issue 16, item 6), in headless Chromium with software rendering:
 * workspaces built from the US Congress data set (the sitting legislators and the bills they sponsored),
 * opened at /w/{id} as a reader opens them, signed in.
 *
 * Per size (5,000 and 20,000 elements by default):
 *   - first open (no stored positions): navigation start -> every element drawn (the canvas's
 *     data-element-count reaches the count computed from the data) with the instant placement ->
 *     input handled (a click on the canvas reaches the page's next frame) = "interactive"; then the
 *     worker's refinement settled (data-layout-state="done");
 *   - reopen, once the autosave has stored the positions: drawn and interactive again, no layout;
 *   - panning: a mouse drag across the canvas, frames counted by requestAnimationFrame while it moves;
 *   - the tab's JavaScript heap (CDP Performance.getMetrics) with everything drawn.
 * Then a hub: the sitting legislator who sponsored the most bills, in a workspace with 99 other sitting
 * legislators, expanded by up to 1,000 of its bills through Details -> Expand neighbours -> the chooser: the time
 * to the newcomers' first paint, to the layout settled, and how many of the nodes already drawn moved.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import neo4j, { type Driver } from "neo4j-driver";
import { CHROMIUM_ARGS } from "../playwright.config";
import type { GraphData } from "../lib/graph/types";
import type { Workspace } from "../lib/workspaces/model";

export interface WorkspaceSizeResult {
  target: number;
  nodes: number;
  edges: number;
  elements: number;
  /** First open, no stored positions: every element drawn (placed), input handled, refinement settled. */
  first: { drawnMs: number; interactiveMs: number; settledMs: number; steps: PageSteps } | null;
  /** Reopened with the positions the autosave stored. */
  reopen: { drawnMs: number; interactiveMs: number; steps: PageSteps } | null;
  panFps: number | null;
  heapMiB: number | null;
  error?: string;
}

export interface HubExpansionResult {
  hub: string;
  viewBefore: number;
  added: number;
  firstPaintMs: number;
  settledMs: number;
  /** Nodes drawn before the expansion whose position changed (the goal: none). */
  moved: number;
  /** The API requests the expansion made, with their durations and ends after the click. */
  requests: { path: string; ms: number; endMs: number }[];
  error?: string;
}

export interface WorkspaceBench {
  chromium: string;
  sizes: WorkspaceSizeResult[];
  hub: HubExpansionResult | null;
}

/** What the bench needs of the signed-in app: its address, the admin's cookie, and JSON posts. */
export interface AppSession {
  baseUrl: string;
  cookie: string;
  post(path: string, body: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
}

const LEGISLATORS = "MATCH (l:Legislator {current: true}) RETURN l.id AS id ORDER BY id";

/**
 * The sitting legislators and, bill by bill in id order, the bills they sponsored that never came to a
 * vote, until nodes plus the relationships among them reach the target. Every relationship among these nodes joins a legislator and
 * a bill (the data set has none between two legislators or two bills), so the edge count is exact.
 */
export async function congressView(driver: Driver, target: number): Promise<{ ids: string[]; edges: number }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const legislators = (await session.run(LEGISLATORS)).records.map((record) => String(record.get("id")));
    // Bills that came to a roll call join hundreds of legislators each (VOTED_ON): left out, the picture is
    // the sponsorship network, a bloc of bills around each sponsor and co-sponsors between them.
    const bills = await session.run(
      `MATCH (l:Legislator {current: true})-[r]-(b:Bill) WHERE NOT EXISTS { (b)<-[:VOTED_ON]-() }
       RETURN b.id AS id, count(r) AS links ORDER BY id`,
    );
    const ids = [...legislators];
    let edges = 0;
    for (const record of bills.records) {
      if (ids.length + edges >= target) break;
      ids.push(String(record.get("id")));
      edges += Number(record.get("links"));
    }
    return { ids, edges };
  } finally {
    await session.close();
  }
}

/**
 * Where the time to "drawn" went, on the page's clock: the document (whose stream carries the workspace
 * and its graph, read by the page's server render), and any read the browser still made itself.
 */
export interface PageSteps {
  domContentLoadedMs: number;
  /** The document's last byte: the streamed graph has arrived. */
  documentEndMs: number;
  workspaceReadMs: number | null;
  graphReadMs: number | null;
  graphRequests: number;
}

async function pageSteps(page: Page): Promise<PageSteps> {
  // A string, not a function: tsx names inner functions with a helper (__name) the page does not have.
  return page.evaluate(`(() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const workspace = resources.filter((entry) => /\\/api\\/workspaces\\/[^/?]+$/.test(new URL(entry.name).pathname));
    const graph = resources.filter((entry) => new URL(entry.name).pathname === "/api/graph");
    const end = (entries) => (entries.length > 0 ? Math.round(Math.max(...entries.map((entry) => entry.responseEnd))) : null);
    // The first request to the workspace is its read; later ones are the autosave's.
    return { domContentLoadedMs: Math.round(navigation ? navigation.domContentLoadedEventEnd : 0), documentEndMs: Math.round(navigation ? navigation.responseEnd : 0), workspaceReadMs: end(workspace.slice(0, 1)), graphReadMs: end(graph), graphRequests: graph.length };
  })()`);
}

/** The app's requests that ended after `since` (the page's clock): path, duration, end. */
async function requestsSince(page: Page, since: number): Promise<{ path: string; ms: number; endMs: number }[]> {
  return page.evaluate(`performance.getEntriesByType("resource")
    .filter((entry) => entry.responseEnd > ${since} && new URL(entry.name).pathname.startsWith("/api/"))
    .map((entry) => ({ path: new URL(entry.name).pathname, ms: Math.round(entry.duration), endMs: Math.round(entry.responseEnd - ${since}) }))`);
}

const canvas = (page: Page) => page.getByTestId("graph-canvas");
const elapsed = (page: Page) => page.evaluate(() => performance.now());

/** Waits for the canvas to draw `count` elements; the page's clock then. */
async function drawn(page: Page, count: number, timeoutMs: number): Promise<number> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-element-count") === String(expected),
    count,
    { timeout: timeoutMs, polling: 50 },
  );
  return elapsed(page);
}

/** A click on the canvas's corner, then the page's next frame: when the page has handled an input. */
async function inputHandled(page: Page): Promise<number> {
  const box = (await canvas(page).boundingBox())!;
  await page.evaluate(() => {
    const state = window as unknown as { __benchClicked?: Promise<number> };
    state.__benchClicked = new Promise((resolve) =>
      document.querySelector('[data-testid="graph-canvas"]')!.addEventListener("mouseup", () => requestAnimationFrame(() => resolve(performance.now())), { once: true, capture: true }),
    );
  });
  await page.mouse.click(box.x + 8, box.y + box.height - 8);
  return page.evaluate(() => (window as unknown as { __benchClicked: Promise<number> }).__benchClicked);
}

/** Frames per second while the mouse drags the picture across the canvas (60 moves). */
async function panFps(page: Page): Promise<number> {
  const box = (await canvas(page).boundingBox())!;
  // A string, not a function: tsx names inner functions with a helper (__name) the page does not have.
  await page.evaluate(`(() => {
    window.__benchFrames = 0;
    window.__benchCounting = true;
    const tick = () => {
      if (!window.__benchCounting) return;
      window.__benchFrames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const started = await elapsed(page);
  // Start on the canvas's edge, where no node is (a drag on a node would move it, not the picture).
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 60; step++) await page.mouse.move(box.x + 4 + step * 6, box.y + box.height / 2 + (step % 2));
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const state = window as unknown as { __benchFrames: number; __benchCounting: boolean };
    state.__benchCounting = false;
    return state.__benchFrames;
  });
  const seconds = ((await elapsed(page)) - started) / 1000;
  return Math.round((frames / seconds) * 10) / 10;
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  await cdp.detach();
  const used = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0;
  return Math.round(used / 2 ** 20);
}

async function signedInPage(browser: Browser, app: AppSession): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const url = new URL(app.baseUrl);
  await context.addCookies(
    app.cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: url.hostname, path: "/" };
    }),
  );
  return context.newPage();
}

/** Waits until the workspace holds a stored position for every node (the autosave is debounced). */
async function positionsStored(app: AppSession, id: string, nodes: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const workspace = (await app.get(`/api/workspaces/${id}`)) as Workspace;
    if (Object.keys(workspace.positions).length >= nodes) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the autosave did not store ${nodes} positions within ${timeoutMs / 1000} s`);
}

async function createWorkspace(app: AppSession, title: string, nodes: string[]): Promise<string> {
  const created = (await app.post("/api/workspaces", { title, nodes })) as { id: string };
  return created.id;
}

async function measureSize(browser: Browser, app: AppSession, driver: Driver, target: number, timeoutMs: number, log: (line: string) => void): Promise<WorkspaceSizeResult> {
  const view = await congressView(driver, target);
  const result: WorkspaceSizeResult = { target, nodes: view.ids.length, edges: view.edges, elements: view.ids.length + view.edges, first: null, reopen: null, panFps: null, heapMiB: null };
  log(`[workspaces] ${target}: ${result.nodes} nodes + ${result.edges} edges from the Congress data`);
  const id = await createWorkspace(app, `Bench: Congress ${target}`, view.ids);
  const page = await signedInPage(browser, app);
  try {
    await page.goto(`${app.baseUrl}/w/${id}`);
    const drawnMs = await drawn(page, result.elements, timeoutMs);
    const interactiveMs = await inputHandled(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-layout-state") === "done", undefined, { timeout: timeoutMs, polling: 100 });
    result.first = { drawnMs: Math.round(drawnMs), interactiveMs: Math.round(interactiveMs), settledMs: Math.round(await elapsed(page)), steps: await pageSteps(page) };
    log(`[workspaces] ${target} first open: drawn ${result.first.drawnMs} ms, interactive ${result.first.interactiveMs} ms, settled ${result.first.settledMs} ms; ${JSON.stringify(result.first.steps)}`);
    await positionsStored(app, id, result.nodes, timeoutMs);
    await page.close();

    const again = await signedInPage(browser, app);
    try {
      await again.goto(`${app.baseUrl}/w/${id}`);
      const reopenedMs = await drawn(again, result.elements, timeoutMs);
      const reopenInteractive = await inputHandled(again);
      result.reopen = { drawnMs: Math.round(reopenedMs), interactiveMs: Math.round(reopenInteractive), steps: await pageSteps(again) };
      await again.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-layout-state") === "done", undefined, { timeout: timeoutMs, polling: 100 });
      result.panFps = await panFps(again);
      result.heapMiB = await heapMiB(again);
      log(`[workspaces] ${target} reopened: drawn ${result.reopen.drawnMs} ms, interactive ${result.reopen.interactiveMs} ms (${JSON.stringify(result.reopen.steps)}); panning ${result.panFps} fps; heap ${result.heapMiB} MiB`);
    } finally {
      await again.close();
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message.split("\n")[0] : String(error);
    log(`[workspaces] ${target}: ${result.error}`);
  } finally {
    if (!page.isClosed()) await page.close();
  }
  return result;
}

async function measureHub(browser: Browser, app: AppSession, driver: Driver, timeoutMs: number, log: (line: string) => void): Promise<HubExpansionResult | null> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  let hub: { id: string; bills: number };
  let legislators: string[];
  try {
    const top = await session.run(
      "MATCH (l:Legislator {current: true}) RETURN l.id AS id, COUNT { (l)-[:SPONSORED]->(:Bill) } AS bills ORDER BY bills DESC, id LIMIT 1",
    );
    hub = { id: String(top.records[0]!.get("id")), bills: Number(top.records[0]!.get("bills")) };
    // The hub and 99 other sitting legislators (in id order): every one of the 539 would bring each voted
    // bill's hundreds of votes along with the hub's bills.
    const others = await session.run("MATCH (l:Legislator {current: true}) WHERE l.id <> $hub RETURN l.id AS id ORDER BY id LIMIT 99", { hub: hub.id });
    legislators = [hub.id, ...others.records.map((record) => String(record.get("id")))];
  } finally {
    await session.close();
  }
  const adding = Math.min(1000, hub.bills);
  const result: HubExpansionResult = { hub: hub.id, viewBefore: legislators.length, added: adding, firstPaintMs: 0, settledMs: 0, moved: 0, requests: [] };
  log(`[workspaces] hub ${hub.id}: sponsored ${hub.bills} bills; expanding a workspace of ${legislators.length} legislators by ${adding}`);
  const id = await createWorkspace(app, "Bench: hub expansion", legislators);
  const page = await signedInPage(browser, app);
  try {
    await page.goto(`${app.baseUrl}/w/${id}`);
    await drawn(page, legislators.length, timeoutMs);
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-layout-state") === "done", undefined, { timeout: timeoutMs, polling: 100 });
    // Select the hub as a reader does: a click on it (centred first, so it is on screen).
    const at = await page.evaluate((hubId) => {
      const cy = window.__redstringCy!;
      const node = cy.getElementById(hubId);
      cy.center(node);
      const frame = cy.container()!.getBoundingClientRect();
      const point = node.renderedPosition();
      return { x: frame.left + point.x, y: frame.top + point.y };
    }, hub.id);
    await page.mouse.click(at.x, at.y);
    await page.getByRole("complementary", { name: "Details" }).getByRole("button", { name: /Expand neighbours/ }).click();
    const chooser = page.getByRole("dialog");
    await chooser.getByLabel(/^Type/).selectOption({ label: "Bill" });
    await chooser.getByLabel(/^Relationship/).selectOption({ label: "sponsored" });
    await chooser.getByLabel(/How many/).fill(String(adding));
    const before = await page.evaluate(() => {
      const cy = window.__redstringCy!;
      return { count: Number(document.querySelector('[data-testid="graph-canvas"]')!.getAttribute("data-element-count")), positions: Object.fromEntries(cy.nodes().map((node) => [node.id(), { ...node.position() }])) };
    });
    const clicked = await elapsed(page);
    await chooser.getByRole("button", { name: /^Add the top/ }).click();
    await page.waitForFunction(
      (count) => Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-element-count")) > count,
      before.count,
      { timeout: timeoutMs, polling: 20 },
    );
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    result.firstPaintMs = Math.round((await elapsed(page)) - clicked);
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute("data-layout-state") === "done", undefined, { timeout: timeoutMs, polling: 50 });
    result.settledMs = Math.round((await elapsed(page)) - clicked);
    result.moved = await page.evaluate((positions) => {
      const cy = window.__redstringCy!;
      return Object.entries(positions).filter(([nodeId, point]) => {
        const now = cy.getElementById(nodeId).position();
        return Math.abs(now.x - point.x) > 0.01 || Math.abs(now.y - point.y) > 0.01;
      }).length;
    }, before.positions);
    result.requests = await requestsSince(page, clicked);
    log(`[workspaces] hub expansion: first paint ${result.firstPaintMs} ms, settled ${result.settledMs} ms, ${result.moved} of ${legislators.length} moved; ${JSON.stringify(result.requests)}`);
  } catch (error) {
    result.error = error instanceof Error ? error.message.split("\n")[0] : String(error);
    log(`[workspaces] hub: ${result.error}`);
  } finally {
    await page.close();
  }
  return result;
}

/** Reads a view the way the workspace page does, for fcose on the same elements (bench/browser.ts). */
export async function viewGraph(app: AppSession, ids: string[]): Promise<GraphData> {
  return (await app.post("/api/graph", { ids })) as GraphData;
}

export async function measureWorkspaces(
  app: AppSession,
  driver: Driver,
  options: { sizes: number[]; timeoutMs: number; executablePath: string; log: (line: string) => void; onResource: (close: () => Promise<void>) => void },
): Promise<WorkspaceBench> {
  const browser = await chromium.launch({ executablePath: options.executablePath, args: CHROMIUM_ARGS });
  options.onResource(() => browser.close());
  try {
    const sizes: WorkspaceSizeResult[] = [];
    for (const target of options.sizes) sizes.push(await measureSize(browser, app, driver, target, options.timeoutMs, options.log));
    const hub = await measureHub(browser, app, driver, options.timeoutMs, options.log);
    return { chromium: browser.version(), sizes, hub };
  } finally {
    await browser.close();
  }
}
