/**
 * Request schemas of the saved-query API (app/api/queries/..., app/api/run-query), shared with tests.
 */
import { z } from "zod";
import { MAX_CYPHER_LENGTH, savedQueryIdSchema, savedQueryInputSchema } from "./model";
import { parameterDeclarationsSchema } from "./parameters";

export { savedQueryIdSchema };

export const versionNumberSchema = z.coerce
  .number({ error: "a version is a whole number" })
  .int("a version is a whole number")
  .min(1, "versions start at 1")
  .max(1_000_000, "no query has that many versions");

export const listQueriesSchema = z
  .object({
    q: z.string().max(200, "q is too long: at most 200 characters").default(""),
    bin: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  })
  .strict();

export const createQuerySchema = savedQueryInputSchema;

export const updateQuerySchema = savedQueryInputSchema.extend({ baseVersion: versionNumberSchema }).strict();

export const restoreVersionSchema = z.object({ baseVersion: versionNumberSchema }).strict();

/** Values arrive as the text typed in the form (or a URL); lib/queries/parameters.ts coerces them. */
const rawValuesSchema = z.record(
  z.string().max(64),
  z.string().max(1_000, "a parameter value is longer than 1000 characters"),
);

export const runSavedQuerySchema = z
  .object({ version: versionNumberSchema.optional(), values: rawValuesSchema.default({}) })
  .strict();

export const runDraftSchema = z
  .object({
    cypher: z.string().min(1, "the query is empty").max(MAX_CYPHER_LENGTH, `the query is longer than ${MAX_CYPHER_LENGTH} characters`),
    parameters: parameterDeclarationsSchema.default([]),
    values: rawValuesSchema.default({}),
  })
  .strict();
