import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, BadRequestError } from "./errors";
import { describeIssues } from "./validation";

export interface ErrorBody {
  error: string;
  details?: unknown;
}

/**
 * Wraps a route handler: the app's typed errors become their status with a readable message; anything
 * unexpected is logged here and answered with a plain 500 that leaks no stack trace.
 */
export async function respond<T>(handler: () => Promise<T>): Promise<NextResponse> {
  try {
    return NextResponse.json(await handler());
  } catch (cause) {
    if (cause instanceof AppError) {
      const body: ErrorBody = { error: cause.message };
      if (cause.details !== undefined) body.details = cause.details;
      return NextResponse.json(body, { status: cause.status });
    }
    console.error("[redstring] unexpected error", cause);
    return NextResponse.json({ error: "Something went wrong on our side. Try again." } satisfies ErrorBody, {
      status: 500,
    });
  }
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
