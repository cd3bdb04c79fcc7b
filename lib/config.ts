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
  // Seals the session cookie; whoever knows it can sign in as anyone, so it is long and kept secret.
  REDSTRING_SESSION_SECRET: z.string().min(32, "REDSTRING_SESSION_SECRET must be at least 32 characters").optional(),
  // Whether signed-out visitors may read the graph (search, explore, saved queries). Permalinks stay public.
  REDSTRING_PUBLIC_READ: booleanFlag.default(true),
  REDSTRING_ADMIN_EMAIL: z.email("REDSTRING_ADMIN_EMAIL must be an email address").optional(),
  REDSTRING_ADMIN_PASSWORD: z.string().min(12, "REDSTRING_ADMIN_PASSWORD must be at least 12 characters").optional(),
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
  /** Undefined outside production: lib/auth/session.ts then makes one per process, with a warning. */
  sessionSecret: string | undefined;
  publicRead: boolean;
  /** The first admin, created at start-up while no user exists (both set, or neither used). */
  initialAdmin: { email: string; password: string } | undefined;
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
    sessionSecret: env.REDSTRING_SESSION_SECRET || undefined,
    publicRead: env.REDSTRING_PUBLIC_READ,
    initialAdmin:
      env.REDSTRING_ADMIN_EMAIL && env.REDSTRING_ADMIN_PASSWORD
        ? { email: env.REDSTRING_ADMIN_EMAIL, password: env.REDSTRING_ADMIN_PASSWORD }
        : undefined,
  };
  if (environment === process.env) cached = config;
  return config;
}

/** Tests change process.env (REDSTRING_PUBLIC_READ, say) between cases; this makes the next read see it. */
export function forgetCachedConfig(): void {
  cached = undefined;
}
