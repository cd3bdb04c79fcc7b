/**
 * The latency cases of the benchmark: what a reader does (search, expand, a path, a saved query, open a
 * permalink), each as an app call and the same Cypher on the bare driver. See bench/latency.ts.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import neo4j from "neo4j-driver";
import { PATH_K, PATH_LENGTH } from "../lib/api-schemas";
import type { Actor } from "../lib/auth/roles";
import { HUB_DEGREES, hubId, type SyntheticGraph } from "./generator";
import { capture, type Transaction } from "./capture";
import {
  EVENTS_STARTER_CYPHER,
  PATH_DRAFT_CYPHER,
  PATH_STARTER_CYPHER,
  type CaseSpec,
  type Sides,
} from "./latency";

/** The explorer's page of neighbours (lib/api-schemas.ts NEIGHBOUR_PAGE_SIZE). */
const EXPAND_LIMIT = 50;
const SEARCH_LIMIT = 10;
const SNAPSHOT_NODES = 200;
/** The path search at its most demanding: the most paths, at the longest reach the API allows. */
const PATHS_K = PATH_K.max;
const PATHS_MAX_LENGTH = PATH_LENGTH.max;
/**
 * Who the in-process reads below run as: a signed-in viewer, so they pass the "graph:read" check whatever
 * signed-out reading is on (the check reads only this value; no account is needed behind it).
 */
const BENCH_READER: Actor = { user: { id: "bench-reader", email: "bench-reader@example.test", name: "Benchmark", role: "viewer" } };

interface SearchAnswer {
  results: { id: string }[];
}
interface NeighbourAnswer {
  total: number;
}
interface PathsAnswer {
  paths: unknown[];
}
interface RunAnswer {
  result: { rowCount: number };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));

/**
 * The cases, after a check that the running app answers what the modules the floor's statements were
 * captured from answer in this process (a build older than the source would make the floor do other
 * work). Mismatches are returned as warnings, not thrown: the numbers are still worth having.
 */
export async function buildCases(sides: Sides, graph: SyntheticGraph): Promise<{ cases: CaseSpec[]; warnings: string[] }> {
  const warnings: string[] = [];
  const queries = graph.searchQueries(20);
  const pairs = graph.pathPairs(20);
  const q = (i: number) => queries[i % queries.length]!;
  const pair = (i: number) => pairs[i % pairs.length]!;

  // The app's own data-access modules, run here with the recording driver (bench/capture.ts).
  const { searchEntities } = await import("../lib/explore/search");
  const { getNeighbours } = await import("../lib/explore/entities");
  const { getNeighbourSummary } = await import("../lib/explore/neighbour-summary");
  const { findPaths } = await import("../lib/explore/paths");
  const { getSnapshot } = await import("../lib/snapshots/store");

  const appSearch = async (i: number) =>
    ((await sides.get(`/api/search?q=${encodeURIComponent(q(i))}&limit=${SEARCH_LIMIT}`)) as SearchAnswer).results.map((hit) => hit.id);
  const searchStatements: Transaction[][] = [];
  for (let i = 0; i < queries.length; i++) {
    const captured = await capture(() => searchEntities(BENCH_READER, q(i), { limit: SEARCH_LIMIT }));
    searchStatements.push(captured.transactions);
    const app = await appSearch(i);
    const inProcess = captured.value.map((hit) => hit.id);
    // Different hits mean the running build is not the source the statements came from.
    if (!sameSet(app, inProcess)) warnings.push(`search "${q(i)}": the app's hits differ from lib/explore/search.ts in this process`);
  }
  const cases: CaseSpec[] = [
    {
      name: "search",
      app: `GET /api/search?q=…&limit=${SEARCH_LIMIT} (${queries.length} texts in rotation)`,
      bare: "lib/explore/search.ts statements (all words, then any word if nothing matched)",
      runApp: appSearch,
      runBare: (i) => sides.bareReplay(searchStatements[i % searchStatements.length]!),
    },
  ];

  // The fixed cost of a request, with next to no database work: GET /api/health runs `RETURN 1` (after
  // the session-free checks every route shares). What the app adds here it adds to every case below.
  const { checkHealth } = await import("../lib/health");
  await checkHealth(); // the first call also reads the schema's record (once per process): capture the next
  const health = await capture(() => checkHealth());
  cases.push({
    name: "health (RETURN 1: the fixed cost of a request)",
    app: "GET /api/health",
    bare: "lib/health.ts statement (RETURN 1 in a read transaction)",
    runApp: () => sides.get("/api/health"),
    runBare: () => sides.bareReplay(health.transactions),
  });
  // The same statement behind the plainest HTTP server Node has: what HTTP on loopback and fetch cost by
  // themselves, so health's ratio splits into the wire's share and the app's (Next.js, the app's wrappers).
  const plain = await plainHttpServer(() => sides.bareReplay(health.transactions));
  cases.push({
    name: "HTTP floor (the same RETURN 1 behind a bare node:http server)",
    app: "GET on a node:http server in the bench process, answering JSON",
    bare: "lib/health.ts statement (RETURN 1 in a read transaction)",
    runApp: () => plain.get(),
    runBare: () => sides.bareReplay(health.transactions),
  });
  // What Next.js costs to render a page that reads nothing (the sign-in form), against that plain server:
  // the fixed part of the permalink page's time, before its reads and its own render.
  cases.push({
    name: "page floor (GET /signin: a server-rendered page with no database read)",
    app: "GET /signin",
    bare: "the HTTP floor above (RETURN 1 behind node:http)",
    runApp: () => sides.get("/signin"),
    runBare: () => plain.get(),
  });

  for (const degree of HUB_DEGREES) {
    const id = hubId(degree);
    const app = (await sides.get(`/api/entities/${id}/neighbours?limit=${EXPAND_LIMIT}`)) as NeighbourAnswer;
    const captured = await capture(() => getNeighbours(BENCH_READER, id, { limit: EXPAND_LIMIT, offset: 0 }));
    if (app.total !== degree || captured.value.total !== degree) {
      warnings.push(`expand ${id}: totals app ${app.total}, lib/explore/entities.ts ${captured.value.total}, expected ${degree}`);
    }
    cases.push({
      name: `expand (degree ${degree})`,
      app: `GET /api/entities/${id}/neighbours?limit=${EXPAND_LIMIT}`,
      bare: "lib/explore/entities.ts getNeighbours statement",
      runApp: () => sides.get(`/api/entities/${id}/neighbours?limit=${EXPAND_LIMIT}`),
      runBare: () => sides.bareReplay(captured.transactions),
    });
    // The counts per type and relationship the explorer shows before expanding a hub (it used to be held
    // to "under 500 ms" inside tests/integration/exploration-api.test.ts; speed is measured here instead).
    const summaryPath = `/api/entities/${id}/neighbour-summary`;
    const summaryApp = (await sides.get(summaryPath)) as NeighbourAnswer;
    const summary = await capture(() => getNeighbourSummary(BENCH_READER, id));
    if (summaryApp.total !== degree || summary.value.total !== degree) {
      warnings.push(`neighbour summary ${id}: totals app ${summaryApp.total}, lib/neighbour-summary.ts ${summary.value.total}, expected ${degree}`);
    }
    cases.push({
      name: `neighbour summary (degree ${degree})`,
      app: `GET ${summaryPath}`,
      bare: "lib/neighbour-summary.ts getNeighbourSummary statement",
      runApp: () => sides.get(summaryPath),
      runBare: () => sides.bareReplay(summary.transactions),
    });
  }

  const entityParameters = [
    { name: "source", type: "entity", label: "From", required: true },
    { name: "target", type: "entity", label: "To", required: true },
  ];
  const draftRun = (i: number) =>
    sides.post("/api/run-query", {
      cypher: PATH_DRAFT_CYPHER,
      parameters: entityParameters,
      values: { source: pair(i)[0], target: pair(i)[1] },
    }) as Promise<RunAnswer>;
  const starterRun = (i: number) =>
    sides.post("/api/queries/starter-shortest-paths/run", { values: { source: pair(i)[0], target: pair(i)[1] } }) as Promise<RunAnswer>;
  const pathParams = (i: number) => ({ source: pair(i)[0], target: pair(i)[1] });
  for (let i = 0; i < pairs.length; i++) {
    const app = (await draftRun(i)).result.rowCount;
    const bare = await sides.bareQuery(PATH_DRAFT_CYPHER, pathParams(i));
    if (app !== bare) warnings.push(`shortest path ${pair(i).join(" -> ")}: app ${app} rows, bare ${bare}`);
  }
  cases.push(
    {
      name: "shortest path (draft query)",
      app: "POST /api/run-query, shortestPath((a)-[*..6]-(b))",
      bare: "the same Cypher",
      runApp: draftRun,
      runBare: (i) => sides.bareQuery(PATH_DRAFT_CYPHER, pathParams(i)),
    },
    {
      name: "shortest paths (saved starter)",
      app: "POST /api/queries/starter-shortest-paths/run",
      bare: "its Cypher (allShortestPaths, LIMIT 25)",
      runApp: starterRun,
      runBare: (i) => sides.bareQuery(PATH_STARTER_CYPHER, pathParams(i)),
    },
  );

  // The explorer's path search (GET /api/paths), as the path panel asks it at its longest reach. Its
  // speed used to be held to a few seconds inside tests/integration/paths.test.ts; it is measured here.
  const explorerPaths = (i: number) => `/api/paths?from=${pair(i)[0]}&to=${pair(i)[1]}&k=${PATHS_K}&maxLength=${PATHS_MAX_LENGTH}`;
  // A pair whose search the app gives up on (its 5 s budget, a 422 at 1M nodes) is left out and named.
  const pathStatements: Transaction[][] = [];
  const pathUrls: string[] = [];
  for (let i = 0; i < pairs.length; i++) {
    let app: PathsAnswer;
    try {
      app = (await sides.get(explorerPaths(i))) as PathsAnswer;
    } catch (cause) {
      warnings.push(`paths ${pair(i).join(" -> ")}: left out, the app answered ${String(cause).slice(0, 200)}`);
      continue;
    }
    const captured = await capture(() => findPaths(BENCH_READER, pair(i)[0], pair(i)[1], { k: PATHS_K, maxLength: PATHS_MAX_LENGTH, avoid: [] }));
    pathStatements.push(captured.transactions);
    pathUrls.push(explorerPaths(i));
    if (app.paths.length !== captured.value.paths.length) {
      warnings.push(`paths ${pair(i).join(" -> ")}: app ${app.paths.length} paths, lib/paths.ts ${captured.value.paths.length}`);
    }
  }
  if (pathUrls.length > 0) {
    cases.push({
      name: "paths (explorer)",
      app: `GET /api/paths?from=…&to=…&k=${PATHS_K}&maxLength=${PATHS_MAX_LENGTH} (${pathUrls.length} of ${pairs.length} pairs in rotation)`,
      bare: "lib/paths.ts findPaths statement",
      runApp: (i) => sides.get(pathUrls[i % pathUrls.length]!),
      runBare: (i) => sides.bareReplay(pathStatements[i % pathStatements.length]!),
    });
  }

  // A well-connected person (rank 20 of the power law): events in the hundreds at 1M, dozens at 10k.
  const subject = graph.idAtRank("Person", 20);
  const eventsApp = () =>
    sides.post("/api/queries/starter-events-between/run", { values: { entity: subject, from: "2000-01-01" } }) as Promise<RunAnswer>;
  const eventsBare = () => sides.bareQuery(EVENTS_STARTER_CYPHER, { entity: subject, from: new neo4j.types.Date(2000, 1, 1), to: null });
  const [eventsAppRows, eventsBareRows] = [(await eventsApp()).result.rowCount, await eventsBare()];
  if (eventsAppRows !== eventsBareRows) warnings.push(`saved query events-between: app ${eventsAppRows} rows, bare ${eventsBareRows}`);
  cases.push({
    name: `saved query (events of ${subject}, ${eventsAppRows} rows)`,
    app: "POST /api/queries/starter-events-between/run",
    bare: "its Cypher",
    runApp: eventsApp,
    runBare: eventsBare,
  });

  // A permalink of 200 entities: the 1000-hub and 199 of its neighbours, at arbitrary positions.
  const hub = hubId(1000);
  const ids = await sides.read(async (tx) =>
    (await tx.run("MATCH (:Entity {id: $hub})--(m:Entity) RETURN DISTINCT m.id AS id ORDER BY id LIMIT $n", { hub, n: neo4j.int(SNAPSHOT_NODES - 1) })).records.map(
      (record) => record.get("id") as string,
    ),
  );
  const nodes = [hub, ...ids].map((id, index) => ({ id, x: (index % 20) * 60, y: Math.floor(index / 20) * 60 }));
  const created = (await sides.post("/api/snapshots", {
    title: "Benchmark permalink",
    nodes,
    viewport: { x1: 0, y1: 0, x2: 1200, y2: 600 },
  })) as { snapshot: { id: string; nodeCount: number; edgeCount: number } };
  const snapshotId = created.snapshot.id;
  // The API's one statement, and also all /s/{id} sends: the proxy reads the record once (it answers 410 for
  // a revoked link) and hands it to generateMetadata and the page (lib/snapshots/handoff.ts, page-data.ts).
  const snapshotData = await capture(() => getSnapshot(BENCH_READER, snapshotId));
  cases.push(
    {
      name: `permalink data (${created.snapshot.nodeCount} nodes, ${created.snapshot.edgeCount} edges)`,
      app: "GET /api/snapshots/{id}",
      bare: "lib/snapshots/store.ts getSnapshot statement",
      runApp: () => sides.get(`/api/snapshots/${snapshotId}`),
      runBare: () => sides.bareReplay(snapshotData.transactions),
    },
    {
      name: "permalink page (server-rendered HTML)",
      app: "GET /s/{id}",
      bare: "the getSnapshot statement once (the proxy's read, handed to metadata and page)",
      runApp: () => sides.get(`/s/${snapshotId}`),
      runBare: () => sides.bareReplay(snapshotData.transactions),
    },
  );
  return { cases, warnings };
}

/**
 * A node:http server on loopback that runs `work` per request and answers its result as JSON, as a route
 * handler does with none of the framework around it. Unreferenced: it never keeps the bench alive.
 */
async function plainHttpServer(work: () => Promise<unknown>): Promise<{ get: () => Promise<unknown> }> {
  const server = createServer((_, response) => {
    work().then(
      (value) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ status: "ok", value }));
      },
      (error: unknown) => {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: String(error) }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    get: async () => {
      const response = await fetch(url);
      const text = await response.text();
      if (!response.ok) throw new Error(`plain HTTP floor: ${response.status} ${text.slice(0, 200)}`);
      return JSON.parse(text);
    },
  };
}
