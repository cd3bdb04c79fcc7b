/**
 * What a failed save or run means for the query editor's form: a Cypher syntax error (shown at its
 * position), problems with parameter values (shown next to their fields), or a message.
 */
import { ApiError, errorMessage } from "../api-client";
import type { ParameterProblem } from "./parameters";

export interface SyntaxProblem {
  line: number;
  column: number;
  offset: number;
  message: string;
}

export interface Failure {
  message: string;
  syntax: SyntaxProblem | null;
  problems: ParameterProblem[];
}

/** Reads the server's details (lib/errors.ts puts them on the answer) into a Failure. */
export function failureOf(cause: unknown, fallback: string): Failure {
  const details = cause instanceof ApiError ? cause.details : undefined;
  const syntax =
    details && typeof details === "object" && !Array.isArray(details) && "line" in details && "column" in details
      ? (details as SyntaxProblem)
      : null;
  const problems = Array.isArray(details)
    ? details.filter((item): item is ParameterProblem => typeof item === "object" && item !== null && "name" in item && "message" in item)
    : [];
  return { message: errorMessage(cause, fallback), syntax, problems };
}
