import "server-only";
import { Neo4jError } from "neo4j-driver";
import { PATH_K, PATH_LENGTH } from "../api-schemas";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { MEMORY_CODES, TIMEOUT_CODES, formatSeconds } from "../db/errors";
import { runRead } from "../db/session";
import { ensureDatabaseReady } from "../database";
import { EDGE, NODE } from "./entities";
import { AppError, BadRequestError, NotFoundError } from "../errors";
import { compact, toGraphEdge, toGraphNode, type RawEdge, type RawNode } from "./from-records";
import type { GraphData } from "../graph/types";
import { ENTITY_LABEL, isEntityType, type EntityType } from "../model/registry";

/**
 * How long one path search may run. Shortest-path search on a dense graph grows with every extra step;
 * a reader waiting for "how is A connected to B" is better served by a quick "narrow it" than by a spinner.
 */
export const PATH_SEARCH_TIMEOUT_MS = 5_000;

export interface PathOptions {
  k: number;
  maxLength: number;
  /** Entity types a path may not pass through (its two ends may still be of these types). */
  avoid: readonly EntityType[];
  /** For tests: a shorter timeout than PATH_SEARCH_TIMEOUT_MS (never a longer one). */
  timeoutMs?: number;
}

/** One path, as our ids: nodes from `from` to `to`, and the relationships between them in order. */
export interface EntityPath {
  nodes: string[];
  edges: string[];
  length: number;
}

export interface PathsResult {
  /** Shortest first; empty when no path fits the limits. */
  paths: EntityPath[];
  /** Every node and relationship on those paths, with resolved sources, for drawing. */
  graph: GraphData;
  searched: { k: number; maxLength: number; avoid: EntityType[] };
}

/** The search ran out of time: 422, like a saved query that runs too long, with what to change. */
export class PathSearchTooSlowError extends AppError {
  constructor(timeoutMs: number) {
    super(
      422,
      `No path search finished within ${formatSeconds(timeoutMs)}: lower the maximum length or avoid more types.`,
    );
  }
}

/** The per-transaction memory cap stopped the search (far too many candidate paths). */
export class PathSearchTooBigError extends AppError {
  constructor() {
    super(422, "The path search needed more memory than one request may use: lower the maximum length or avoid more types.");
  }
}




/**
 * An integer spliced into the query text. Neo4j 5.26 takes neither `SHORTEST $k` nor `{1,$max}`: both
 * must be literals, so they are checked here again, whatever the caller validated.
 */
function literal(value: number, bounds: { min: number; max: number }, name: string): string {
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new BadRequestError(`${name} must be a whole number from ${bounds.min} to ${bounds.max}.`);
  }
  return String(value);
}

/**
 * Candidate paths asked of the search per path returned. The search may count a trail that loops
 * (A-x-y-z-y-B: no relationship twice, but y twice), which is dropped afterwards; asking for a few more
 * keeps k real paths in all but loop-dense neighbourhoods, where the answer may hold fewer than k.
 */
const CANDIDATES_PER_PATH = 3;

/**
 * The path-search query. GQL `SHORTEST k` over a quantified path pattern, undirected: a connection is a
 * connection whichever way it was recorded. What Neo4j 5.26 does with it decided its shape:
 *
 * - `SHORTEST $k` and `{1,$max}` are syntax errors: both are integer literals, spliced here only after
 *   checking them again, whatever the caller validated.
 * - Each step ends on an `x`; its predicate is inlined into the StatefulShortestPath operator (bidirectional
 *   BFS), so avoided types prune the search. The last `x` is `b`, always allowed: a Region hub in the
 *   middle makes everything "connected", but asking about a Region itself is fine. `x <> a` keeps the
 *   search from looping back through the start. Avoided types are spliced as labels, registry types only.
 * - "No entity twice" over the whole path (`all(... x[i] IN x[i+1..])`) cannot be inlined. Inside the
 *   pattern it made the operator enumerate every looping trail, ignoring the transaction timeout: 15 s
 *   for one pendant entity next to a 16-entity clique at maxLength 8, against a 2 s timeout. So it runs
 *   after the selection instead, on CANDIDATES_PER_PATH * k candidates.
 * - Ties in length come back in no defined order; ORDER BY makes the answer repeatable.
 */
export function pathQuery(options: Pick<PathOptions, "k" | "maxLength" | "avoid">): string {
  const k = literal(options.k, PATH_K, "k");
  const maxLength = literal(options.maxLength, PATH_LENGTH, "maxLength");
  const avoided = options.avoid.map((type) => {
    if (!isEntityType(type)) throw new BadRequestError(`Unknown entity type "${String(type)}".`);
    return type;
  });
  const allowed = avoided.length > 0 ? ` AND (x = b OR NOT x:${avoided.join("|")})` : "";
  return `MATCH (a:${ENTITY_LABEL} {id: $from}), (b:${ENTITY_LABEL} {id: $to})
    MATCH p = SHORTEST ${Number(k) * CANDIDATES_PER_PATH} (a) (()-[]-(x:${ENTITY_LABEL} WHERE x <> a${allowed})){1,${maxLength}} (b)
    WITH p WHERE all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
    WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | r.id] LIMIT ${k}
    WITH collect(p) AS found
    RETURN [p IN found | {nodes: [n IN nodes(p) | n.id], edges: [r IN relationships(p) | r.id]}] AS paths,
      COLLECT { UNWIND found AS p UNWIND nodes(p) AS n WITH DISTINCT n RETURN ${NODE("n")} } AS nodes,
      COLLECT { UNWIND found AS p UNWIND relationships(p) AS r WITH DISTINCT r RETURN ${EDGE("r")} } AS edges`;
}

/**
 * Up to k shortest paths from one entity to another, each at most maxLength steps, shortest first, with
 * the graph they draw. No path within the limits is an empty list, not an error: "not connected within
 * 6 steps" is an answer. The whole search runs in one read transaction bounded by a short timeout.
 * Needs "graph:read".
 */
export async function findPaths(actor: Actor, from: string, to: string, options: PathOptions): Promise<PathsResult> {
  requirePermission(actor, "graph:read");
  if (from === to) throw new BadRequestError("from and to must be two different entities.");
  const query = pathQuery(options);
  // Never longer than the constant, and never 0 or less, which the driver would read as "no timeout".
  const timeoutMs = Math.max(1, Math.min(options.timeoutMs ?? PATH_SEARCH_TIMEOUT_MS, PATH_SEARCH_TIMEOUT_MS));
  await ensureDatabaseReady();
  const search = runRead(
    (tx) =>
      translated(timeoutMs, async () => {
        const known = await tx.run(
          `UNWIND $ids AS id OPTIONAL MATCH (n:${ENTITY_LABEL} {id: id}) RETURN id, n IS NOT NULL AS found`,
          { ids: [from, to] },
        );
        const missing = known.records.filter((record) => record.get("found") !== true).map((record) => String(record.get("id")));
        if (missing.length > 0) {
          throw new NotFoundError(`No entity has the id ${missing.map((id) => `"${id}"`).join(" or ")}.`);
        }
        return (await tx.run(query, { from, to })).records[0];
      }),
    { timeoutMs },
  );
  const row = await withDeadline(timeoutMs, search);
  const nodes = compact(((row?.get("nodes") ?? []) as RawNode[]).map(toGraphNode));
  const edges = compact(((row?.get("edges") ?? []) as RawEdge[]).map(toGraphEdge));
  const paths = ((row?.get("paths") ?? []) as { nodes: unknown[]; edges: unknown[] }[]).map((path) => ({
    nodes: path.nodes.map(String),
    edges: path.edges.map(String),
    length: path.edges.length,
  }));
  return {
    paths,
    graph: { nodes, edges },
    searched: { k: options.k, maxLength: options.maxLength, avoid: [...options.avoid] },
  };
}

/**
 * The search's own failures become the app's errors inside the transaction. They are not Neo4jErrors,
 * so executeRead does not retry them: a search that ran out of time or memory must not run again.
 */
async function translated<T>(timeoutMs: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof Neo4jError && TIMEOUT_CODES.has(cause.code)) throw new PathSearchTooSlowError(timeoutMs);
    if (cause instanceof Neo4jError && MEMORY_CODES.has(cause.code)) throw new PathSearchTooBigError();
    throw cause;
  }
}

/**
 * The transaction timeout stops a query only where the database checks for it, and some operators
 * check rarely (see pathQuery). The reader gets the answer at the deadline regardless; the transaction,
 * already past its timeout, ends on the server on its own, and its late failure is swallowed here.
 */
async function withDeadline<T>(timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PathSearchTooSlowError(timeoutMs)), timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
