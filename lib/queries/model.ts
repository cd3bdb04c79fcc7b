/**
 * Saved queries as the API and the pages see them, and the schema a save must pass. Shared by the server
 * (lib/queries/store.ts) and the browser, so nothing here touches the database.
 */
import { z } from "zod";
import { parameterDeclarationsSchema, type ParameterDeclaration } from "./parameters";

/** Random ids are 16 URL-safe characters; the starter library uses readable ones ("starter-..."). */
export const savedQueryIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,64}$/, "a saved query id holds 3 to 64 letters, digits, '-' or '_'");

export const MAX_CYPHER_LENGTH = 20_000;

const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "a tag is empty")
  .max(30, "a tag is longer than 30 characters")
  .regex(/^[\p{L}\p{N} _.-]+$/u, "a tag holds letters, digits, spaces, '-', '_' or '.'");

export const savedQueryInputSchema = z
  .object({
    title: z.string().trim().min(1, "give the query a title").max(120, "the title is longer than 120 characters"),
    description: z.string().trim().max(2_000, "the description is longer than 2000 characters").default(""),
    cypher: z
      .string()
      .trim()
      .min(1, "the query is empty")
      .max(MAX_CYPHER_LENGTH, `the query is longer than ${MAX_CYPHER_LENGTH} characters`),
    parameters: parameterDeclarationsSchema.default([]),
    tags: z
      .array(tagSchema)
      .max(10, "at most 10 tags")
      .default([])
      .transform((tags) => [...new Set(tags)]),
  })
  .strict();

export type SavedQueryInput = z.input<typeof savedQueryInputSchema>;
export type SavedQueryContent = z.output<typeof savedQueryInputSchema>;

/** One saved state of a query. Every save adds one; none is ever changed afterwards. */
export interface SavedQueryVersion {
  version: number;
  title: string;
  description: string;
  cypher: string;
  parameters: ParameterDeclaration[];
  tags: string[];
  createdAt: string;
  /** What this save did when it was not a plain edit: "restored version 2", "duplicated from ...". */
  note: string | null;
}

export interface SavedQuerySummary {
  id: string;
  title: string;
  description: string;
  tags: string[];
  parameters: ParameterDeclaration[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Set while the query sits in the bin: hidden from the library, restorable. */
  deletedAt: string | null;
}

/** A query as the editor opens it: its latest version, and the list of every version. */
export interface SavedQuery extends SavedQuerySummary {
  cypher: string;
  versions: { version: number; title: string; createdAt: string; note: string | null }[];
}
