/**
 * Input checking with zod, as typed 400s (lib/errors.ts). Pure: no Next.js, no server code, so the data
 * layer (lib/editing/edits.ts) and route handlers (through lib/http.ts) share it.
 */
import type { z } from "zod";
import { BadRequestError } from "./errors";

/** zod's issues as one readable sentence: "limit: must be a whole number; q: too long". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** Validates a URL's query string against a zod object schema; unknown parameters are refused. */
export function parseSearchParams<Schema extends z.ZodType>(url: string, schema: Schema): z.infer<Schema> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) {
    if (Object.hasOwn(params, key)) throw new BadRequestError(`The parameter "${key}" is given more than once.`);
    params[key] = value;
  }
  return parseWith(schema, params, "query");
}

export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new BadRequestError(`Invalid ${what}: ${describeIssues(parsed.error)}`, parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    })));
  }
  return parsed.data;
}
