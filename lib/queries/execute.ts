import "server-only";
import neo4j, { Neo4jError, type ManagedTransaction, type QueryResult, type Session } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { getConfig } from "../config";
import { transactionConfig, withSession } from "../db/session";
import { MEMORY_CODES, TIMEOUT_CODES, mapDatabaseError } from "../db/errors";
import { answeredWithin } from "../db/liveness";
import { ensureDatabaseReady } from "../database";
import type { GraphData } from "../graph/types";
import type { RawNode } from "../explore/from-records";
import { ENTITY_LABEL } from "../model/registry";
import { withoutServerDetails } from "../server-text";
import {
  QueryExecutionError,
  QueryParameterError,
  QuerySyntaxError,
  QueryTooBigError,
  QueryTooSlowError,
  type SyntaxProblem,
} from "./errors";
import { coerceParameterValues, type ParameterDeclaration, type RawParameterValues } from "./parameters";
import { convertRows, findMissingParts, type TableCell } from "./result";
import { classifyPlan, parameterNamesIn, precheckCypher, writeRefusal, type PlanNode } from "./safety";

export type { TableCell } from "./result";

export interface QueryRunRequest {
  cypher: string;
  parameters: ParameterDeclaration[];
  values: RawParameterValues;
  /** For tests: a shorter timeout than the configured one (never a longer one). */
  timeoutMs?: number;
}

export interface QueryRunResult {
  columns: string[];
  /** At most limits.maxRows rows. */
  rows: TableCell[][];
  rowCount: number;
  /** More rows existed past the cap; they were not fetched. */
  truncated: boolean;
  graph: GraphData;
  graphTruncated: boolean;
  elapsedMs: number;
  limits: { maxRows: number; maxGraphElements: number; timeoutMs: number };
}

/** What EXPLAIN is sent as. Positions in its errors are shifted back by this prefix's length. */
const EXPLAIN_PREFIX = "EXPLAIN ";

/**
 * Runs a query (saved or draft; callers check who asks), refusing it unless every check passes: parameter values valid for their declared
 * types (sent as Cypher parameters, never spliced in), the text pre-check, then in one READ transaction
 * with the run's timeout: EXPLAIN and its classification, entity parameters that exist, and only then the
 * query itself, streamed and cut at maxRows. Relationship endpoints and cited reports missing from the
 * rows are fetched in the same transaction, so the graph is consistent with what the query saw.
 */
export async function executeQuery(request: QueryRunRequest): Promise<QueryRunResult> {
  try {
    const config = getConfig();
    // Never longer than configured, and never 0 or less, which the driver would read as "no timeout".
    const timeoutMs = Math.max(100, Math.min(request.timeoutMs ?? config.queryTimeoutMs, config.queryTimeoutMs));
    const limits = { maxRows: config.queryMaxRows, maxGraphElements: config.queryMaxGraphElements, timeoutMs };

    const { values, problems } = coerceParameterValues(request.parameters, request.values);
    if (problems.length > 0) throw new QueryParameterError(problems);
    checkStatically(request.cypher, request.parameters);

    await ensureDatabaseReady();
    const started = performance.now();
    const runInSession = (session: Session) =>
      session.executeRead(
        (tx) =>
          translated(timeoutMs, async () => {
            await explainAndClassify(tx, request.cypher, values);
            await checkEntitiesExist(tx, request.parameters, values);
            const { columns, rows, truncated } = await readRows(tx, request.cypher, values, limits.maxRows);
            const extras = await fetchMissingParts(tx, rows);
            return { columns, truncated, ...convertRows(rows, extras, limits.maxGraphElements) };
          }),
        transactionConfig(timeoutMs),
      );
    // Two deadlines: the run's own limit, and a database that stops answering at all (503, lib/db/liveness.ts).
    const converted = await withinDeadline(timeoutMs, () =>
      answeredWithin(config.databaseDeadlineMs, () => withReadSession(limits.maxRows + 1, runInSession)),
    );
    return {
      columns: converted.columns,
      rows: converted.rows,
      rowCount: converted.rows.length,
      truncated: converted.truncated,
      graph: converted.graph,
      graphTruncated: converted.graphTruncated,
      elapsedMs: Math.round(performance.now() - started),
      limits,
    };
  } catch (cause) {
    throw mapDatabaseError(cause);
  }
}

/**
 * Draft Cypher, typed in the editor: only roles that may write queries may run text of their own (a
 * saved query runs through lib/queries/store.ts runSavedQuery, open to every reader).
 */
export function runQuery(actor: Actor, request: QueryRunRequest): Promise<QueryRunResult> {
  requirePermission(actor, "queries:write");
  return executeQuery(request);
}

/**
 * The checks of executeQuery without running the query (when a query is saved): the text pre-check, then
 * EXPLAIN with null for every declared parameter, and its classification.
 */
export async function checkQuery(cypher: string, parameters: ParameterDeclaration[]): Promise<void> {
  try {
    const config = getConfig();
    checkStatically(cypher, parameters);
    await ensureDatabaseReady();
    const nulls = Object.fromEntries(parameters.map((parameter) => [parameter.name, null]));
    await answeredWithin(config.databaseDeadlineMs, () =>
      withReadSession(undefined, (session) =>
        session.executeRead(
          (tx) => translated(config.queryTimeoutMs, () => explainAndClassify(tx, cypher, nulls)),
          transactionConfig(config.queryTimeoutMs),
        ),
      ),
    );
  } catch (cause) {
    throw mapDatabaseError(cause);
  }
}

/** Everything decided from the text alone, before Neo4j is asked. */
function checkStatically(cypher: string, parameters: ParameterDeclaration[]): void {
  precheckCypher(cypher);
  const declared = new Set(parameters.map((parameter) => parameter.name));
  const undeclared = parameterNamesIn(cypher).filter((name) => !declared.has(name));
  if (undeclared.length > 0) {
    throw new QueryParameterError(
      undeclared.map((name) => ({ name, message: "is used in the query but not declared" })),
    );
  }
}

/** How long past its timeout a run may go before the app stops waiting for the engine. */
const DEADLINE_GRACE_MS = 1_000;

/**
 * Neo4j checks a transaction's timeout between rows, not inside one expression: `RETURN reduce(s = 0, x IN
 * range(1, 40000000) | s + x)` runs on past it. The app answers at the deadline anyway (the engine stops
 * the transaction once it reaches a check, and the session closes then), so one request never holds the
 * analyst, or a server worker, longer than the run's limit.
 */
async function withinDeadline<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const running = work();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueryTooSlowError(timeoutMs)), timeoutMs + DEADLINE_GRACE_MS);
  });
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
    // Whatever the run ends with after the deadline has no one to tell; it must not be an unhandled rejection.
    running.catch(() => undefined);
  }
}

/**
 * fetchSize: the server produces at most that many rows ahead of what we read, so stopping at the row cap
 * really stops the query instead of discarding a stream the server keeps filling. The session is the
 * request's (lib/db/session.ts): its bookmarks, its metadata, closed when the browser aborts.
 */
function withReadSession<T>(fetchSize: number | undefined, work: (session: Session) => Promise<T>): Promise<T> {
  return withSession("READ", (session) => work(session), fetchSize === undefined ? {} : { fetchSize });
}

async function explainAndClassify(tx: ManagedTransaction, cypher: string, values: Record<string, unknown>) {
  let result: QueryResult;
  try {
    result = await tx.run(EXPLAIN_PREFIX + cypher, values);
  } catch (cause) {
    throw explainError(cause);
  }
  classifyPlan({
    queryType: result.summary.queryType,
    plan: result.summary.plan ? (result.summary.plan as unknown as PlanNode) : null,
    cypher,
    // The database this session reads (the configured one, else the server's default, which the
    // summary names): every operator of the plan must run there, so a USE however written is refused.
    database: getConfig().neo4jDatabase ?? result.summary.database.name ?? undefined,
  });
}

/** An entity parameter naming an id that does not exist is the analyst's mistake, not an empty result. */
async function checkEntitiesExist(tx: ManagedTransaction, parameters: ParameterDeclaration[], values: Record<string, unknown>) {
  const wanted = parameters
    .filter((parameter) => parameter.type === "entity" && typeof values[parameter.name] === "string")
    .map((parameter) => ({ name: parameter.name, id: values[parameter.name] as string }));
  if (wanted.length === 0) return;
  const result = await tx.run(`MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids RETURN collect(n.id) AS found`, {
    ids: wanted.map((item) => item.id),
  });
  const found = new Set((result.records[0]?.get("found") ?? []) as string[]);
  const missing = wanted.filter((item) => !found.has(item.id));
  if (missing.length > 0) {
    throw new QueryParameterError(missing.map((item) => ({ name: item.name, message: `No entity has the id "${item.id}".` })));
  }
}

/** Streams the rows and stops pulling after maxRows + 1: one more than shown tells that there were more. */
async function readRows(tx: ManagedTransaction, cypher: string, values: Record<string, unknown>, maxRows: number) {
  const result = tx.run(cypher, values);
  const rows: unknown[][] = [];
  let truncated = false;
  for await (const record of result) {
    if (rows.length === maxRows) {
      truncated = true;
      break; // leaving the loop discards the rest of the stream on the server
    }
    rows.push([...record.values()]);
  }
  const columns = (await result.keys()).map(String);
  return { columns, rows, truncated };
}

async function fetchMissingParts(tx: ManagedTransaction, rows: unknown[][]) {
  const missing = findMissingParts(rows);
  const endpoints = new Map<string, RawNode>();
  if (missing.endpointElementIds.length > 0) {
    // Only Entities: an endpoint of another kind is never shown, so its properties are never read.
    const result = await tx.run(
      `MATCH (n:${ENTITY_LABEL}) WHERE elementId(n) IN $ids
       RETURN elementId(n) AS elementId, labels(n) AS labels, properties(n) AS properties`,
      { ids: missing.endpointElementIds },
    );
    for (const record of result.records) {
      endpoints.set(record.get("elementId") as string, {
        labels: record.get("labels") as string[],
        properties: record.get("properties") as Record<string, unknown>,
      });
    }
  }
  let reports: Record<string, unknown>[] = [];
  if (missing.reportIds.length > 0) {
    const result = await tx.run(
      `MATCH (report:${ENTITY_LABEL}:Report) WHERE report.id IN $ids
       RETURN report {.id, .name, .publisher, .url, .publishedAt} AS report`,
      { ids: missing.reportIds },
    );
    reports = result.records.map((record) => record.get("report") as Record<string, unknown>);
  }
  return { endpoints, reports };
}



/**
 * Runs a step of the transaction and turns the query's own failures into the app's errors. Those are not
 * Neo4jErrors, so executeRead does not retry them: a timeout or a memory cap hit must not run again.
 */
async function translated<T>(timeoutMs: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (!(cause instanceof Neo4jError)) throw cause;
    if (TIMEOUT_CODES.has(cause.code)) throw new QueryTooSlowError(timeoutMs);
    if (MEMORY_CODES.has(cause.code)) throw new QueryTooBigError();
    if (cause.code === "Neo.ClientError.Statement.AccessMode") throw writeRefusal("refused by the read transaction");
    if (cause.code.startsWith("Neo.ClientError.Statement.") || cause.code.startsWith("Neo.ClientError.Procedure.")) {
      throw new QueryExecutionError(firstLine(cause.message));
    }
    throw cause;
  }
}

/** EXPLAIN failed: a syntax or semantic error (with its position) or an unknown procedure. */
function explainError(cause: unknown): unknown {
  if (!(cause instanceof Neo4jError)) return cause;
  if (cause.code.startsWith("Neo.ClientError.Statement.") || cause.code === "Neo.ClientError.Procedure.ProcedureNotFound") {
    if (cause.code === "Neo.ClientError.Statement.AccessMode") return cause;
    return new QuerySyntaxError(syntaxProblem(cause));
  }
  return cause;
}

const POSITION = /\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

/**
 * Neo4j's message and position, shifted back to the query as written. The driver carries the position in
 * diagnosticRecord._position for some errors (semantic ones, on the GQL cause) and only in the message
 * ("(line 1, column 8 (offset: 7))") for others; the message also echoes the query with a caret, which the
 * UI shows better itself, so only its first line is kept.
 */
export function syntaxProblem(cause: Neo4jError): SyntaxProblem {
  const message = firstLine(cause.message);
  const fromRecord = positionFromRecord(cause) ?? positionFromRecord(cause.cause);
  const match = POSITION.exec(message);
  const raw = fromRecord ?? (match ? { line: Number(match[1]), column: Number(match[2]), offset: Number(match[3]) } : null);
  const text = message.replace(POSITION, "").trim() || "Neo4j could not read the query.";
  if (!raw) return { line: null, column: null, offset: null, message: text };
  return { ...shiftPosition(raw), message: text };
}

/** Undoes the "EXPLAIN " prefix: it sits on line 1, so only line 1's columns move; offsets all move. */
export function shiftPosition(raw: { line: number; column: number; offset: number }) {
  const shift = EXPLAIN_PREFIX.length;
  const offset = Math.max(0, raw.offset - shift);
  // Neo4j says "line 0, column 0" for problems of the whole text (two statements); point at its start.
  if (raw.line < 1) return { line: 1, column: 1, offset };
  return { line: raw.line, column: raw.line === 1 ? Math.max(1, raw.column - shift) : raw.column, offset };
}

function positionFromRecord(error: unknown): { line: number; column: number; offset: number } | null {
  if (!(error instanceof Neo4jError)) return null;
  const position = (error.diagnosticRecord as { _position?: Record<string, unknown> } | undefined)?._position;
  if (!position) return null;
  const number = (value: unknown) => (neo4j.isInt(value) ? value.toNumber() : typeof value === "number" ? value : NaN);
  const line = number(position.line);
  const column = number(position.column);
  const offset = number(position.offset);
  return [line, column, offset].every(Number.isFinite) ? { line, column, offset } : null;
}

/** Neo4j's first line, without Java class names, stack frames or paths on the database server. */
function firstLine(message: string): string {
  return withoutServerDetails(message.split("\n")[0]?.trim() ?? message) || "Neo4j could not run the query.";
}
