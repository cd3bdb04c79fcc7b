import type { z } from "zod";

/** zod's issues as one readable sentence: "limit: must be a whole number; q: too long". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
