/**
 * The API's input schemas, shared by the route handlers and their tests. Query strings are strict:
 * an unknown parameter is a mistake worth reporting, not something to ignore silently.
 */
import { z } from "zod";
import { entityIdSchema, entityTypeSchema } from "./model/registry";
import { MAX_SEARCH_LENGTH } from "./search-text";

const integerParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .default(fallback);

/**
 * The most entities an explorer view (and so its URL) holds. Ids run to about 40 characters; 200 of them
 * keep the address near 8 kB, well inside what browsers and Node's 16 kB header limit accept.
 */
export const MAX_VIEW_IDS = 200;

/** Neighbours fetched per page, by the panel and by "expand". */
export const NEIGHBOUR_PAGE_SIZE = 50;

export const searchQuerySchema = z
  .object({
    q: z.string().max(MAX_SEARCH_LENGTH, `q is too long: at most ${MAX_SEARCH_LENGTH} characters`).default(""),
    limit: integerParam("limit", 1, 50, 10),
    type: entityTypeSchema.optional(),
  })
  .strict();

export const neighbourQuerySchema = z
  .object({
    limit: integerParam("limit", 1, 500, NEIGHBOUR_PAGE_SIZE),
    offset: integerParam("offset", 0, 1_000_000, 0),
    type: entityTypeSchema.optional(),
  })
  .strict();

export const entityQuerySchema = z.object({}).strict();

export const subgraphQuerySchema = z
  .object({
    ids: z
      .string()
      .min(1, "ids must list at least one entity id")
      .transform((value) => [...new Set(value.split(",").filter((id) => id.length > 0))])
      .pipe(z.array(entityIdSchema).min(1, "ids must list at least one entity id").max(MAX_VIEW_IDS, `at most ${MAX_VIEW_IDS} ids`)),
  })
  .strict();

export const idParamSchema = entityIdSchema;
