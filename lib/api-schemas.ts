/**
 * The API's input schemas, shared by the route handlers and their tests. Query strings are strict:
 * an unknown parameter is a mistake worth reporting, not something to ignore silently.
 */
import { z } from "zod";
import { entityIdSchema, entityTypeSchema, relationshipTypeSchema } from "./model/registry";
import { MAX_SEARCH_LENGTH } from "./explore/search-text";
import { DATASET_ID_PATTERN } from "./datasets/model";

export const integerParam = (name: string, min: number, max: number, fallback: number) =>
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

/**
 * The most entities a view kept on the server holds (a workspace, lib/workspaces/; a snapshot of one):
 * what the explorer still draws and lays out on a laptop. Their graph is asked with a POST body.
 */
export const MAX_LARGE_VIEW_IDS = 20_000;

/** Neighbours fetched per page, by the panel and by "expand". */
export const NEIGHBOUR_PAGE_SIZE = 50;

/** Data set ids, comma-separated ("legis-graph-114,ftm-donations"): a record in any of them matches. */
const datasetListParam = z
  .string()
  .transform((text) => text.split(",").map((id) => id.trim()).filter((id) => id !== ""))
  .pipe(
    z
      .array(z.string().regex(DATASET_ID_PATTERN, "datasets lists data set ids (lowercase slugs) separated by commas"))
      .min(1, "datasets names no data set")
      .max(50, "datasets names more than 50 data sets"),
  );

export const searchQuerySchema = z
  .object({
    q: z.string().max(MAX_SEARCH_LENGTH, `q is too long: at most ${MAX_SEARCH_LENGTH} characters`).default(""),
    limit: integerParam("limit", 1, 50, 10),
    type: entityTypeSchema.optional(),
    datasets: datasetListParam.optional(),
  })
  .strict();

/** How a page of neighbours is ordered: by name then id (the default), or the most connected first. */
export const NEIGHBOUR_ORDERS = ["name", "degree"] as const;
export type NeighbourOrder = (typeof NEIGHBOUR_ORDERS)[number];

/** The most neighbours one expansion brings: a hub's thousand into a workspace, in one page. */
export const MAX_EXPANSION = 2_000;

export const neighbourQuerySchema = z
  .object({
    limit: integerParam("limit", 1, MAX_EXPANSION, NEIGHBOUR_PAGE_SIZE),
    offset: integerParam("offset", 0, 1_000_000, 0),
    type: entityTypeSchema.optional(),
    relationship: relationshipTypeSchema.optional(),
    // Absent means by name, as before (lib/explore/entities.ts).
    order: z.enum(NEIGHBOUR_ORDERS, { error: "order must be name or degree" }).optional(),
    // The explorer's view: the answer then also carries the relationships joining the page to it.
    within: z
      .string()
      .transform((value) => [...new Set(value.split(",").filter((id) => id.length > 0))])
      .pipe(z.array(entityIdSchema).max(MAX_VIEW_IDS, `within lists at most ${MAX_VIEW_IDS} ids`))
      .optional(),
  })
  .strict();

export const entityQuerySchema = z.object({}).strict();

/** GET /api/schema takes no parameters. */
export const schemaQuerySchema = z.object({}).strict();

export const subgraphQuerySchema = z
  .object({
    ids: z
      .string()
      .min(1, "ids must list at least one entity id")
      .transform((value) => [...new Set(value.split(",").filter((id) => id.length > 0))])
      .pipe(z.array(entityIdSchema).min(1, "ids must list at least one entity id").max(MAX_VIEW_IDS, `at most ${MAX_VIEW_IDS} ids`)),
  })
  .strict();

/** POST /api/graph: the same read as GET for a view past the URL's cap (a workspace). */
export const largeSubgraphBodySchema = z
  .object({
    ids: z
      .array(entityIdSchema)
      .min(1, "ids must list at least one entity id")
      .max(MAX_LARGE_VIEW_IDS, `at most ${MAX_LARGE_VIEW_IDS} ids`)
      .transform((ids) => [...new Set(ids)]),
  })
  .strict();

export const idParamSchema = entityIdSchema;

/* ---------------------------------------------------------------- exploration: paths, summaries, claims */

/** Paths asked for at once, and how long one may be: beyond these the search explodes on a real graph. */
export const PATH_K = { min: 1, max: 5, default: 3 } as const;
export const PATH_LENGTH = { min: 1, max: 8, default: 6 } as const;

/** A comma-separated list of entity types, each from the registry, without repeats ("" is none). */
const entityTypeList = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((item) => item.trim()).filter((item) => item.length > 0))])
  .pipe(z.array(entityTypeSchema));

export const pathsQuerySchema = z
  .object({
    from: entityIdSchema,
    to: entityIdSchema,
    k: integerParam("k", PATH_K.min, PATH_K.max, PATH_K.default),
    maxLength: integerParam("maxLength", PATH_LENGTH.min, PATH_LENGTH.max, PATH_LENGTH.default),
    avoid: entityTypeList.default([]),
  })
  .strict()
  .refine((query) => query.from !== query.to, { message: "from and to must be two different entities", path: ["to"] });

export const neighbourSummaryQuerySchema = z.object({}).strict();

/**
 * Claims are found by scanning relationships (see lib/explore/claims.ts), so a page stays small whatever the
 * caller asks.
 */
export const MAX_CLAIMS_PAGE = 200;

export const claimsQuerySchema = z
  .object({
    limit: integerParam("limit", 1, MAX_CLAIMS_PAGE, 50),
    offset: integerParam("offset", 0, 1_000_000, 0),
  })
  .strict();
