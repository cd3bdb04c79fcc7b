/**
 * Server configuration, read from the environment and validated once.
 *
 * scripts/start.mjs and scripts/test.mjs set NEO4J_URI to the local engine they start; anyone running
 * their own Neo4j (a server, a cluster, Aura) sets NEO4J_URI and friends themselves.
 */
import { z } from "zod";
import { describeIssues } from "./validation";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const environmentSchema = z.object({
  NEO4J_URI: z
    .string({ error: "NEO4J_URI is not set: start Redstring with `npm start`, or point NEO4J_URI at your Neo4j" })
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, "NEO4J_URI must look like neo4j://host:7687 or bolt://host:7687"),
  NEO4J_USERNAME: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  REDSTRING_TX_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  REDSTRING_AUTO_SEED: booleanFlag.default(true),
  // Saved queries are user-written Cypher: every run is bounded in time, rows and graph size.
  REDSTRING_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  REDSTRING_QUERY_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(1_000),
  REDSTRING_QUERY_MAX_GRAPH_ELEMENTS: z.coerce.number().int().min(1).max(100_000).default(2_000),
});

export type AppConfig = {
  neo4jUri: string;
  neo4jUsername: string;
  /** Absent when the server runs without authentication (the local engine on loopback). */
  neo4jPassword: string | undefined;
  neo4jDatabase: string | undefined;
  transactionTimeoutMs: number;
  autoSeed: boolean;
  /** Timeout of one run of a saved query (shorter than transactionTimeoutMs: analysts wait for it). */
  queryTimeoutMs: number;
  /** Rows a query run returns at most; past it the result says it was truncated. */
  queryMaxRows: number;
  /** Nodes plus relationships a query run draws at most. */
  queryMaxGraphElements: number;
};

export class ConfigurationError extends Error {}

let cached: AppConfig | undefined;

export function getConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  if (cached && environment === process.env) return cached;
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(`Redstring is not configured: ${describeIssues(parsed.error)}`);
  }
  const env = parsed.data;
  const config: AppConfig = {
    neo4jUri: env.NEO4J_URI,
    neo4jUsername: env.NEO4J_USERNAME,
    neo4jPassword: env.NEO4J_PASSWORD || undefined,
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
    transactionTimeoutMs: env.REDSTRING_TX_TIMEOUT_MS,
    autoSeed: env.REDSTRING_AUTO_SEED,
    queryTimeoutMs: env.REDSTRING_QUERY_TIMEOUT_MS,
    queryMaxRows: env.REDSTRING_QUERY_MAX_ROWS,
    queryMaxGraphElements: env.REDSTRING_QUERY_MAX_GRAPH_ELEMENTS,
  };
  if (environment === process.env) cached = config;
  return config;
}
