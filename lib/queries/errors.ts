/**
 * What can go wrong with a saved query, as the app's typed errors: lib/http.ts respond() answers each with
 * its status and message, and `details` gives the UI what it needs to point at the problem.
 */
import { formatSeconds } from "../db/errors";
import { AppError } from "../errors";
import type { ParameterProblem } from "./parameters";

/** Why a query was refused before it ran. */
export type RefusalReason =
  | "write"
  | "load-csv"
  | "procedure"
  | "admin"
  | "schema"
  | "transactions"
  | "database"
  | "execution-mode"
  /** Reads every node or relationship, or a label that is not an entity's: Redstring's own records. */
  | "scan"
  | "label"
  /** Looks a node or relationship up by id() or elementId(), which reaches internal records too. */
  | "id-lookup"
  /** A plan operator outside the checked allowlist (lib/queries/plan-check.ts). */
  | "operator"
  /** An invisible character that would make the query read differently from what runs. */
  | "character";

export class QueryRefusedError extends AppError {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(422, message, { reason });
  }
}

/** Where Neo4j found the problem, in the query as the analyst wrote it (line and column from 1). */
export interface SyntaxProblem {
  line: number | null;
  column: number | null;
  offset: number | null;
  message: string;
}

export class QuerySyntaxError extends AppError {
  declare readonly details: SyntaxProblem;

  constructor(problem: SyntaxProblem) {
    const where = problem.line !== null && problem.column !== null ? ` (line ${problem.line}, column ${problem.column})` : "";
    super(400, `The query has an error${where}: ${problem.message}`, problem);
  }
}

export class QueryParameterError extends AppError {
  declare readonly details: ParameterProblem[];

  constructor(problems: ParameterProblem[]) {
    const summary = problems.map((problem) => `$${problem.name}: ${problem.message.replace(/\.$/, "")}`).join("; ");
    super(400, `Check the parameters: ${summary}.`, problems);
  }
}

export class QueryTooSlowError extends AppError {
  constructor(readonly timeoutMs: number) {
    super(
      422,
      `The query ran longer than ${formatSeconds(timeoutMs)} and was stopped. Add a LIMIT or narrow the pattern.`,
    );
  }
}

/** The per-transaction memory cap of the server stopped the query (a huge collect(), sort or product). */
export class QueryTooBigError extends AppError {
  constructor() {
    super(422, "The query needed more memory than one run may use and was stopped. Add a LIMIT or narrow the pattern.");
  }
}

/** The query was valid but failed while running (a division by zero, a type error on some row, ...). */
export class QueryExecutionError extends AppError {
  constructor(message: string) {
    super(400, `The query failed while running: ${message}`);
  }
}
