/**
 * Time-to-interactive of big subgraphs in headless Chromium, with the app's Cytoscape build, stylesheet,
 * element mapping and fcose settings, on the canvas renderer and on Cytoscape's experimental WebGL one.
 *
 * The app cannot show 1k-20k elements today (a view holds 200 entities, a snapshot 2,000), so no app page
 * can be timed: a page served here, on 127.0.0.1, loads node_modules/cytoscape (the same build the app
 * bundles), layout-base/cose-base/cytoscape-fcose, lib/graph/style.ts and elements made by
 * lib/graph/elements.ts `toElements` from a real subgraph of the benchmark database.
 *
 * "Interactive" = navigation start -> elements fetched -> Cytoscape created with them -> fcose layout
 * finished (as the explorer's first layout: randomize, no animation, fit) -> two animation frames painted
 * -> a macrotask runs (the main thread is free to handle input). Then a probe pans 30 frames and reports
 * the mean frame time, i.e. how it feels to drag the graph afterwards.
 */
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config";
import { toElements } from "../lib/graph/elements";
import { graphStylesheet } from "../lib/graph/style";
import type { GraphEdge, GraphNode } from "../lib/graph/types";
import { entityTypeOf, isRelationshipType } from "../lib/model/registry";
import { toPlain } from "../lib/db/values";
import { hubId } from "./generator";

export interface TtiRun {
  /** Navigation start -> scripts loaded and elements fetched. */
  loadMs: number;
  createMs: number;
  layoutMs: number;
  paintMs: number;
  ttiMs: number;
  panFrameMs: number;
}

export interface TtiResult {
  renderer: "canvas" | "webgl";
  elements: number;
  nodes: number;
  edges: number;
  runs: TtiRun[];
  /** Median run by ttiMs. */
  median: TtiRun | null;
  error?: string;
  webglActive?: boolean;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPTS: Record<string, string> = {
  "/cytoscape.min.js": "node_modules/cytoscape/dist/cytoscape.min.js",
  "/layout-base.js": "node_modules/layout-base/layout-base.js",
  "/cose-base.js": "node_modules/cose-base/cose-base.js",
  "/cytoscape-fcose.js": "node_modules/cytoscape-fcose/cytoscape-fcose.js",
};

/**
 * A subgraph of about `target` elements (nodes + relationships): entities in breadth-first order from the
 * 1000-neighbour hub, the fewest of them whose induced relationships bring the total to the target, and
 * exactly as many of those relationships as the target needs.
 */
export async function extractSubgraph(driver: Driver, target: number): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const order: string[] = [hubId(1000)];
    const seen = new Set(order);
    let frontier = [...order];
    while (order.length < target && frontier.length > 0) {
      const result = await session.run(
        "MATCH (n:Entity)--(m:Entity) WHERE n.id IN $ids RETURN DISTINCT m.id AS id ORDER BY id LIMIT $limit",
        { ids: frontier, limit: neo4j.int(target * 4) },
      );
      frontier = [];
      for (const record of result.records) {
        const id = record.get("id") as string;
        if (seen.has(id) || order.length >= target) continue;
        seen.add(id);
        order.push(id);
        frontier.push(id);
      }
    }
    const rank = new Map(order.map((id, index) => [id, index]));
    const edgeRows = await session.run(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
       RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, r.sources AS sources`,
      { ids: order },
    );
    // An edge becomes available once both its ends are in: sort by the later end's position.
    const edges = edgeRows.records
      .map((record) => ({
        id: record.get("id") as string,
        type: record.get("type") as string,
        source: record.get("source") as string,
        target: record.get("target") as string,
        sourceCount: ((record.get("sources") as string[] | null) ?? []).length,
        ready: Math.max(rank.get(record.get("source") as string)!, rank.get(record.get("target") as string)!),
      }))
      .sort((a, b) => a.ready - b.ready || a.id.localeCompare(b.id));
    let nodeCount = order.length;
    for (let k = 1, available = 0; k <= order.length; k++) {
      while (available < edges.length && edges[available]!.ready < k) available++;
      if (k + available >= target) {
        nodeCount = k;
        break;
      }
    }
    const chosen = order.slice(0, nodeCount);
    const chosenEdges = edges.filter((edge) => edge.ready < nodeCount).slice(0, Math.max(0, target - nodeCount));
    const nodeRows = await session.run(
      "MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.date AS date, n.datePrecision AS precision",
      { ids: chosen },
    );
    const nodes = nodeRows.records.flatMap((record): GraphNode[] => {
      const type = entityTypeOf(record.get("labels") as string[]);
      if (!type) return [];
      return [
        {
          id: record.get("id") as string,
          type,
          name: String(record.get("name")),
          properties: { date: toPlain(record.get("date")), datePrecision: toPlain(record.get("precision")) },
        },
      ];
    });
    const graphEdges = chosenEdges.flatMap((edge): GraphEdge[] =>
      isRelationshipType(edge.type)
        ? [
            {
              id: edge.id,
              type: edge.type,
              source: edge.source,
              target: edge.target,
              properties: {},
              // Only the count matters to the drawing (line width); the names are not drawn.
              sources: Array.from({ length: edge.sourceCount }, (_, index) => ({ id: `s${index}`, name: "", publisher: null, url: null, publishedAt: null })),
              quote: null,
            },
          ]
        : [],
    );
    return { nodes, edges: graphEdges };
  } finally {
    await session.close();
  }
}

const PAGE = (style: string) => `<!doctype html><html><head><meta charset="utf-8"><title>TTI</title>
<style>html,body{margin:0;height:100%}#cy{width:100%;height:100%}</style></head><body><div id="cy"></div>
<script src="/cytoscape.min.js"></script><script src="/layout-base.js"></script><script src="/cose-base.js"></script>
<script src="/cytoscape-fcose.js"></script>
<script>
(async () => {
  const params = new URLSearchParams(location.search);
  const webgl = params.get("webgl") === "1";
  cytoscape.use(cytoscapeFcose);
  const elements = await (await fetch("/elements/" + params.get("size") + ".json")).json();
  const fetched = performance.now();
  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements.nodes.concat(elements.edges),
    style: ${style},
    minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false,
    renderer: webgl ? { name: "canvas", webgl: true } : { name: "canvas" },
  });
  const created = performance.now();
  const layout = cy.layout({ name: "fcose", randomize: true, animate: false, fit: true, padding: 40,
    nodeRepulsion: () => 16000, idealEdgeLength: () => 140 });
  const laidOut = new Promise((resolve) => layout.one("layoutstop", resolve));
  layout.run();
  await laidOut;
  const layoutDone = performance.now();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => setTimeout(resolve, 0));
  const interactive = performance.now();
  // The probe: 30 frames of panning, as a reader dragging the graph.
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 30; i++) {
    cy.panBy({ x: 7, y: 3 });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  const canvases = [...document.querySelectorAll("#cy canvas")];
  window.__bench = {
    loadMs: fetched, createMs: created - fetched, layoutMs: layoutDone - created, paintMs: interactive - layoutDone,
    ttiMs: interactive, panFrameMs: frames.reduce((a, b) => a + b, 0) / frames.length,
  };
  // Cytoscape falls back to 2D when no WebGL2 context can be had: say which one actually drew.
  window.__benchWebgl = canvases.some((canvas) => { try { return !!canvas.getContext("webgl2"); } catch { return false; } });
})().catch((error) => { window.__bench = { error: String(error && error.stack || error) }; });
</script></body></html>`;

/** Serves the page, the four scripts and the element files on 127.0.0.1 (a free port). */
async function serve(elementFiles: Map<number, string>): Promise<{ server: Server; url: string }> {
  const page = PAGE(JSON.stringify(graphStylesheet));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const script = SCRIPTS[url.pathname];
    const elements = /^\/elements\/(\d+)\.json$/.exec(url.pathname);
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    } else if (script) {
      response.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(path.join(ROOT, script)));
    } else if (elements && elementFiles.has(Number(elements[1]))) {
      response.writeHead(200, { "content-type": "application/json" }).end(elementFiles.get(Number(elements[1])));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

const median = (runs: TtiRun[]) => [...runs].sort((a, b) => a.ttiMs - b.ttiMs)[Math.floor((runs.length - 1) / 2)] ?? null;
const round = (run: TtiRun): TtiRun =>
  Object.fromEntries(Object.entries(run).map(([key, value]) => [key, Math.round(Number(value) * 10) / 10])) as unknown as TtiRun;

export interface BrowserOptions {
  sizes: number[];
  /** Runs per size (the median is reported); big sizes get one run if `maxSecondsPerRun` is near. */
  repeats: number;
  timeoutMs: number;
  executablePath: string;
  log: (line: string) => void;
  /** Called with a closer, so Ctrl-C can stop the browser and the server. */
  onResource: (close: () => Promise<void>) => void;
  /** The subgraph of each size, when the caller has it (the Congress workspaces); else one from the hub. */
  graphs?: ReadonlyMap<number, { nodes: GraphNode[]; edges: GraphEdge[] }>;
  /** Which renderers to time (default both). */
  renderers?: readonly ("canvas" | "webgl")[];
}

export async function measureBrowser(driver: Driver, options: BrowserOptions): Promise<{ chromium: string; results: TtiResult[] }> {
  const files = new Map<number, string>();
  const shapes = new Map<number, { nodes: number; edges: number }>();
  for (const size of options.sizes) {
    const graph = options.graphs?.get(size) ?? (await extractSubgraph(driver, size));
    const elements = toElements(graph);
    files.set(size, JSON.stringify(elements));
    shapes.set(size, { nodes: elements.nodes.length, edges: elements.edges.length });
    options.log(`[browser] subgraph of ${size}: ${elements.nodes.length} nodes + ${elements.edges.length} edges`);
  }
  const { server, url } = await serve(files);
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  options.onResource(closeServer);
  const results: TtiResult[] = [];
  let version = "";
  try {
    for (const renderer of options.renderers ?? (["canvas", "webgl"] as const)) {
      // WebGL needs a GL implementation: SwiftShader (software) instead of --disable-gpu.
      const args =
        renderer === "webgl"
          ? [...CHROMIUM_ARGS.filter((arg) => arg !== "--disable-gpu"), "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
          : CHROMIUM_ARGS;
      const browser: Browser = await chromium.launch({ executablePath: options.executablePath, args });
      options.onResource(() => browser.close());
      version = browser.version();
      try {
        for (const size of options.sizes) {
          const shape = shapes.get(size)!;
          const result: TtiResult = { renderer, elements: shape.nodes + shape.edges, ...shape, runs: [], median: null };
          for (let run = 0; run < options.repeats; run++) {
            const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
            try {
              await page.goto(`${url}/?size=${size}&webgl=${renderer === "webgl" ? 1 : 0}`);
              await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, {
                timeout: options.timeoutMs,
                polling: 250,
              });
              const outcome = (await page.evaluate(() => (window as unknown as { __bench: Record<string, unknown> }).__bench)) as Record<string, unknown>;
              if (typeof outcome.error === "string") throw new Error(outcome.error);
              result.webglActive = await page.evaluate(() => Boolean((window as unknown as { __benchWebgl?: boolean }).__benchWebgl));
              result.runs.push(round(outcome as unknown as TtiRun));
              options.log(`[browser] ${renderer} ${result.elements} elements: interactive in ${Math.round(Number(outcome.ttiMs))} ms (layout ${Math.round(Number(outcome.layoutMs))} ms)`);
              // A run near the timeout will not get better: one is enough for this size.
              if (Number(outcome.ttiMs) > options.timeoutMs / 3) break;
            } catch (error) {
              result.error = error instanceof Error ? error.message.split("\n")[0] : String(error);
              options.log(`[browser] ${renderer} ${size}: ${result.error}`);
              break;
            } finally {
              await page.close();
            }
          }
          result.median = median(result.runs);
          results.push(result);
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await closeServer();
  }
  return { chromium: version, results };
}
