/**
 * Latency through the app's HTTP API, side by side with the same Cypher through the bare driver (the
 * floor), in the same process and run. Each iteration runs the app call and the bare call back to back,
 * alternating which goes first, so load from anything else on the machine hits both alike.
 *
 * For search, expand and permalinks the floor replays the statements the app's own modules send
 * (bench/capture.ts). For saved-query runs the floor is the analyst's Cypher alone, streamed and cut at the
 * same row cap; the app also EXPLAINs it, classifies the plan, checks the entity parameters exist and
 * fetches missing endpoints (lib/queries/execute.ts): that safety work is part of the ratio on purpose.
 */
import neo4j, { type Driver, type ManagedTransaction } from "neo4j-driver";
import { replay, type Transaction } from "./capture";

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export interface CaseResult {
  name: string;
  /** What the app side calls. */
  app: string;
  /** What the bare side runs. */
  bare: string;
  appMs: Stats;
  bareMs: Stats;
  /** app / bare, on p50 and p95. */
  ratioP50: number;
  ratioP95: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
    min: round(sorted[0] ?? NaN),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** The path a reader asks for in the query editor (a draft run through POST /api/run-query). */
export const PATH_DRAFT_CYPHER = `MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
MATCH route = shortestPath((a)-[*..6]-(b))
RETURN length(route) AS steps, route`;

/** The starter query `starter-shortest-paths` (graph-seed/starter-queries.ts). */
export const PATH_STARTER_CYPHER = `MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
MATCH route = allShortestPaths((a)-[*..6]-(b))
RETURN length(route) AS steps, [n IN nodes(route) | n.name] AS via, route
LIMIT 25`;

/** The starter query `starter-events-between` (graph-seed/starter-queries.ts). */
export const EVENTS_STARTER_CYPHER = `MATCH (subject:Entity {id: $entity})-[role]-(event:Event)
WHERE ($from IS NULL OR event.date >= $from)
  AND ($to IS NULL OR event.date <= $to)
RETURN event.date AS date, event.name AS what, type(role) AS role, subject, role AS link, event
ORDER BY date, what`;

/* ------------------------------------------------------------------ both sides */

export class Sides {
  /** The session cookie of the bench's admin: writes (snapshots, draft queries) need a role. */
  private cookie = "";

  constructor(
    private readonly baseUrl: string,
    private readonly driver: Driver,
  ) {}

  /** The signed-in session's cookie header (a browser context is given the same session). */
  get sessionCookie(): string {
    return this.cookie;
  }

  /** Signs in as the first admin the bench gave the app (BENCH_ADMIN in bench/run.ts). */
  async signIn(email: string, password: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/auth/signin`, {
      method: "POST",
      // Every write names the instance's origin, as a script must (README, API).
      headers: { "content-type": "application/json", origin: new URL(this.baseUrl).origin },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    this.cookie = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  }

  async get(path: string): Promise<unknown> {
    const response = await fetch(this.baseUrl + path, { headers: this.cookie ? { cookie: this.cookie } : {} });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 300)}`);
    return path.startsWith("/api/") ? JSON.parse(text) : text;
  }

  async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(this.baseUrl).origin, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /** A read transaction on a fresh session, as the app does for every request. */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  /** Replays statements captured from the app's modules (bench/capture.ts). */
  bareReplay(transactions: Transaction[]): Promise<number> {
    return replay(this.driver, transactions);
  }

  /**
   * A query run as the app streams it: fetchSize maxRows + 1, and no further than that (the app's
   * REDSTRING_QUERY_MAX_ROWS cut), so both sides read the same rows.
   */
  async bareQuery(cypher: string, params: Record<string, unknown>, maxRows = 1_000): Promise<number> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.READ, fetchSize: maxRows + 1 });
    try {
      return await session.executeRead(async (tx) => {
        let rows = 0;
        for await (const record of tx.run(cypher, params)) {
          void record;
          if (++rows > maxRows) break;
        }
        return Math.min(rows, maxRows);
      });
    } finally {
      await session.close();
    }
  }

}

export interface CaseSpec {
  name: string;
  app: string;
  bare: string;
  /** Iteration i of the app side (parameters may rotate with i). */
  runApp: (i: number) => Promise<unknown>;
  runBare: (i: number) => Promise<unknown>;
}

/**
 * Warm-up, then `iterations` alternating pairs, or fewer if `budgetMs` runs out first (never fewer than
 * 20 pairs); returns the per-side statistics and the ratio.
 */
export async function measureCase(spec: CaseSpec, iterations: number, warmup: number, budgetMs: number): Promise<CaseResult> {
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < warmup; i++) {
    await spec.runApp(i);
    await spec.runBare(i);
  }
  const appSamples: number[] = [];
  const bareSamples: number[] = [];
  for (let i = 0; i < iterations && (i < 20 || performance.now() < deadline); i++) {
    const order: ["app" | "bare", (i: number) => Promise<unknown>][] = [
      ["app", spec.runApp],
      ["bare", spec.runBare],
    ];
    if (i % 2 === 1) order.reverse();
    for (const [side, run] of order) {
      const started = performance.now();
      await run(i);
      (side === "app" ? appSamples : bareSamples).push(performance.now() - started);
    }
  }
  const appMs = stats(appSamples);
  const bareMs = stats(bareSamples);
  return {
    name: spec.name,
    app: spec.app,
    bare: spec.bare,
    appMs,
    bareMs,
    ratioP50: Math.round((appMs.p50 / bareMs.p50) * 100) / 100,
    ratioP95: Math.round((appMs.p95 / bareMs.p95) * 100) / 100,
  };
}
