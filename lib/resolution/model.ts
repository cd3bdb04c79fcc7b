/**
 * Entity resolution as the API and the review queue see it: candidate pairs with their score and reasons,
 * judgements, similar entities, and the query strings and bodies of the routes. Pure (no database, no
 * server module), so the browser's queue and its tests use the same schemas and types.
 */
import { z } from "zod";
import { integerParam } from "../api-schemas";
import { DATASET_ID_PATTERN } from "../datasets/model";
import { entityIdSchema, entityTypeSchema } from "../model/registry";
import type { EditResult } from "../editing/edits";

/** "Made by hand": an entity no import wrote (no `datasets`), as the explorer's filter bar says it. */
export const HAND_MADE = "-";

export const JUDGEMENTS = ["same", "different", "unsure"] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

/** One side of a pair, as the queue shows it before it reads the entity itself. */
export interface MatchSide {
  id: string;
  name: string;
  type: string;
  datasets: string[];
}

export interface JudgementRecord {
  id: string;
  left: string;
  right: string;
  /** The names the pair had when judged (a "same" merges one of them away); null when unknown. */
  leftName: string | null;
  rightName: string | null;
  judgement: Judgement;
  by: { id: string; name: string };
  at: string;
  /** The merge a "same" made (its recorded change), which undoing the judgement reverts. */
  changeId?: string | null;
}

export interface Candidate {
  left: MatchSide;
  right: MatchSide;
  /** 0..1, higher is likelier the same. */
  score: number;
  /** Why, in words: "same name once 'Frau' is removed", "same bioguide id". */
  reasons: string[];
  /** Only with `judged=include`: the judgement the pair already has. */
  judgement?: JudgementRecord | null;
}

export interface CandidatePage {
  candidates: Candidate[];
  total: number;
}

export interface JudgementPage {
  judgements: JudgementRecord[];
  total: number;
}

export interface JudgementResult {
  judgement: JudgementRecord;
  merge?: EditResult;
}

export interface SimilarEntity {
  id: string;
  name: string;
  type: string;
  score: number;
  reasons: string[];
}

export interface RunResult {
  /** The data set matched against the rest, or null for a run over the whole graph. */
  dataset: string | null;
  /** Candidate pairs stored by this run. */
  candidates: number;
}

export const MAX_CANDIDATE_PAGE = 200;
export const DEFAULT_CANDIDATE_PAGE = 50;
export const MAX_SIMILAR = 5;

/** A data set id, or "-" for entities made by hand. */
const datasetFilter = z
  .string()
  .refine((value) => value === HAND_MADE || DATASET_ID_PATTERN.test(value), "dataset is a data set id (a lowercase slug) or - (made by hand)");

export const candidateQuerySchema = z
  .object({
    type: entityTypeSchema.optional(),
    dataset: datasetFilter.optional(),
    limit: integerParam("limit", 1, MAX_CANDIDATE_PAGE, DEFAULT_CANDIDATE_PAGE),
    offset: integerParam("offset", 0, 1_000_000, 0),
    judged: z.enum(["exclude", "include"], { error: "judged must be include or exclude" }).default("exclude"),
  })
  .strict();
export type CandidateQuery = z.infer<typeof candidateQuerySchema>;

export const judgementBodySchema = z
  .object({
    left: entityIdSchema,
    right: entityIdSchema,
    judgement: z.enum(JUDGEMENTS, { error: "judgement must be same, different or unsure" }),
  })
  .strict()
  .refine((body) => body.left !== body.right, { message: "left and right must be two different entities", path: ["right"] });
export type JudgementBody = z.infer<typeof judgementBodySchema>;

export const judgementListQuerySchema = z
  .object({
    limit: integerParam("limit", 1, MAX_CANDIDATE_PAGE, DEFAULT_CANDIDATE_PAGE),
    offset: integerParam("offset", 0, 1_000_000, 0),
  })
  .strict();

/** Judgement ids: 96 random bits, URL-safe, like change ids. */
export const judgementIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, "a judgement id is 16 URL-safe characters");

export const similarQuerySchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(300, "name is too long: at most 300 characters"),
    type: entityTypeSchema.optional(),
    exclude: entityIdSchema.optional(),
  })
  .strict();

export const runBodySchema = z
  .object({ dataset: z.string().regex(DATASET_ID_PATTERN, "dataset is a data set id (a lowercase slug)").optional() })
  .strict();

/** The key a judgement is stored under: the two ids in order, so (a, b) and (b, a) are one pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
