/**
 * Server configuration, read from the environment and validated once.
 *
 * scripts/start.mjs and scripts/test.mjs set NEO4J_URI to the local engine they start; anyone running
 * their own Neo4j (a server, a cluster, Aura) sets NEO4J_URI and friends themselves.
 */
import "server-only";
import path from "node:path";
import { z } from "zod";
import { ROLES, type Role } from "./auth/roles";
import { describeIssues } from "./validation";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");


const OIDC_TRIO = ["REDSTRING_OIDC_ISSUER", "REDSTRING_OIDC_CLIENT_ID", "REDSTRING_OIDC_CLIENT_SECRET"] as const;

/** Plain http is allowed for an issuer on this machine only (a test provider); anything else needs https. */
function isAcceptableIssuer(value: string): boolean {
  if (!URL.canParse(value)) return true; // the URL check above says what is wrong
  const url = new URL(value);
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(url.hostname));
}

/** An empty variable (`REDSTRING_OIDC_ISSUER=` in a compose file) counts as unset. */
const unsetIfEmpty = <Schema extends z.ZodType>(schema: Schema) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const environmentObject = z.object({
  NEO4J_URI: z
    .string({ error: "NEO4J_URI is not set: start Redstring with `npm start`, or point NEO4J_URI at your Neo4j" })
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, "NEO4J_URI must look like neo4j://host:7687 or bolt://host:7687"),
  NEO4J_USERNAME: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  REDSTRING_TX_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  REDSTRING_DB_DEADLINE_MS: z.coerce.number().int().min(1_000).max(60_000).default(5_000),
  // Units of database work at once per process (lib/db/admission.ts); more wait their turn.
  REDSTRING_DB_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(16),
  REDSTRING_AUTO_SEED: booleanFlag.default(true),
  // Saved queries are user-written Cypher: every run is bounded in time, rows and graph size.
  REDSTRING_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  REDSTRING_QUERY_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(1_000),
  REDSTRING_QUERY_MAX_GRAPH_ELEMENTS: z.coerce.number().int().min(1).max(100_000).default(2_000),
  // Data-page uploads (lib/import/uploads.ts): where they wait for their import, and how much one person may keep there.
  // Files every replica must see (a shared volume in a cluster): uploads wait here for their import.
  REDSTRING_STORAGE_DIR: unsetIfEmpty(z.string()),
  REDSTRING_UPLOAD_DIR: unsetIfEmpty(z.string().refine((value) => value.startsWith("/"), "REDSTRING_UPLOAD_DIR must be an absolute path")),
  REDSTRING_UPLOAD_QUOTA_MB: z.coerce.number().int().min(1, "REDSTRING_UPLOAD_QUOTA_MB must be at least 1").max(10_000_000).default(5_120),
  // Seals the session cookie; whoever knows it can sign in as anyone, so it is long and kept secret.
  // Several, comma-separated, while rotating: the first seals new cookies, every one still opens old ones.
  REDSTRING_SESSION_SECRET: unsetIfEmpty(
    z
      .string()
      .transform((value) => value.split(",").map((secret) => secret.trim()).filter((secret) => secret !== ""))
      .refine((secrets) => secrets.length > 0 && secrets.every((secret) => secret.length >= 32), "REDSTRING_SESSION_SECRET must be at least 32 characters (each one, when several are given separated by commas)"),
  ),
  // Whether signed-out visitors may read the graph (search, explore, saved queries). Unset: the admins'
  // switch stored in Neo4j decides (lib/settings/instance.ts; off on a new instance). Permalinks stay public.
  REDSTRING_PUBLIC_READ: unsetIfEmpty(booleanFlag),
  REDSTRING_ADMIN_EMAIL: z.email("REDSTRING_ADMIN_EMAIL must be an email address").optional(),
  REDSTRING_ADMIN_PASSWORD: z.string().min(12, "REDSTRING_ADMIN_PASSWORD must be at least 12 characters").optional(),
  // OpenID Connect sign-in (lib/auth/oidc.ts): the issuer, client id and secret together, or none of them.
  REDSTRING_OIDC_ISSUER: unsetIfEmpty(
    z
      .url("REDSTRING_OIDC_ISSUER must be the provider's issuer URL, such as https://login.example.org/realms/newsroom")
      .refine(isAcceptableIssuer, "REDSTRING_OIDC_ISSUER must be an https URL (plain http only on localhost)"),
  ),
  REDSTRING_OIDC_CLIENT_ID: unsetIfEmpty(z.string()),
  REDSTRING_OIDC_CLIENT_SECRET: unsetIfEmpty(z.string()),
  REDSTRING_OIDC_NAME: unsetIfEmpty(z.string().trim().min(1).max(60, "REDSTRING_OIDC_NAME must be at most 60 characters")),
  REDSTRING_OIDC_DEFAULT_ROLE: unsetIfEmpty(
    z.enum(ROLES, { error: `REDSTRING_OIDC_DEFAULT_ROLE must be one of ${ROLES.join(", ")}` }),
  ),
});

const environmentSchema = environmentObject.superRefine((env, context) => {
  const given = OIDC_TRIO.filter((name) => env[name] !== undefined);
  if (given.length > 0 && given.length < OIDC_TRIO.length) {
    const missing = OIDC_TRIO.filter((name) => env[name] === undefined);
    context.addIssue({
      code: "custom",
      message: `OpenID Connect sign-in needs ${OIDC_TRIO.join(", ")} together: ${given.join(" and ")} ${given.length === 1 ? "is" : "are"} set but ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not (set all three, or none to turn it off)`,
    });
  }
});

export type AppConfig = {
  neo4jUri: string;
  neo4jUsername: string;
  /** Absent when the server runs without authentication (the local engine on loopback). */
  neo4jPassword: string | undefined;
  neo4jDatabase: string | undefined;
  transactionTimeoutMs: number;
  /** How long a database that does not answer at all may keep a request waiting before it is a 503. */
  databaseDeadlineMs: number;
  /** Units of database work at once in this process; the rest queue, first come first served. */
  databaseConcurrency: number;
  autoSeed: boolean;
  /** Timeout of one run of a saved query (shorter than transactionTimeoutMs: analysts wait for it). */
  queryTimeoutMs: number;
  /** Rows a query run returns at most; past it the result says it was truncated. */
  queryMaxRows: number;
  /** Nodes plus relationships a query run draws at most. */
  queryMaxGraphElements: number;
  /** Where files shared by every replica live (absolute); REDSTRING_STORAGE_DIR, default `.data/storage` in the working folder. */
  storageDir: string;
  /** Where uploaded import files wait (a folder per upload); REDSTRING_UPLOAD_DIR, default `uploads` in the storage folder. */
  uploadDir: string;
  /** Bytes one user's unfinished uploads may take together. */
  uploadQuotaBytes: number;
  /** The session secrets, newest first; undefined outside production: lib/auth/session.ts then makes one per process, with a warning. */
  sessionSecrets: string[] | undefined;
  /** REDSTRING_PUBLIC_READ when set; undefined lets the stored instance setting decide. */
  publicRead: boolean | undefined;
  /** The first admin, created at start-up while no user exists (both set, or neither used). */
  initialAdmin: { email: string; password: string } | undefined;
  /** OpenID Connect sign-in, when REDSTRING_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are all set. */
  oidc: OidcConfig | undefined;
};

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button reads "Sign in with {name}". */
  name: string;
  /** The role of an account created by its first OpenID Connect sign-in. */
  defaultRole: Role;
}

export class ConfigurationError extends Error {}

let cached: AppConfig | undefined;

export function getConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  if (cached && environment === process.env) return cached;
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(`Redstring is not configured: ${describeIssues(parsed.error)}`);
  }
  const env = parsed.data;
  const storageDir = path.resolve(env.REDSTRING_STORAGE_DIR ?? path.join(".data", "storage"));
  const config: AppConfig = {
    neo4jUri: env.NEO4J_URI,
    neo4jUsername: env.NEO4J_USERNAME,
    neo4jPassword: env.NEO4J_PASSWORD || undefined,
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
    transactionTimeoutMs: env.REDSTRING_TX_TIMEOUT_MS,
    databaseDeadlineMs: env.REDSTRING_DB_DEADLINE_MS,
    databaseConcurrency: env.REDSTRING_DB_CONCURRENCY,
    autoSeed: env.REDSTRING_AUTO_SEED,
    queryTimeoutMs: env.REDSTRING_QUERY_TIMEOUT_MS,
    queryMaxRows: env.REDSTRING_QUERY_MAX_ROWS,
    queryMaxGraphElements: env.REDSTRING_QUERY_MAX_GRAPH_ELEMENTS,
    storageDir,
    uploadDir: env.REDSTRING_UPLOAD_DIR ?? path.join(storageDir, "uploads"),
    uploadQuotaBytes: env.REDSTRING_UPLOAD_QUOTA_MB * 1024 ** 2,
    sessionSecrets: env.REDSTRING_SESSION_SECRET,
    publicRead: env.REDSTRING_PUBLIC_READ,
    initialAdmin:
      env.REDSTRING_ADMIN_EMAIL && env.REDSTRING_ADMIN_PASSWORD
        ? { email: env.REDSTRING_ADMIN_EMAIL, password: env.REDSTRING_ADMIN_PASSWORD }
        : undefined,
    oidc:
      env.REDSTRING_OIDC_ISSUER && env.REDSTRING_OIDC_CLIENT_ID && env.REDSTRING_OIDC_CLIENT_SECRET
        ? {
            issuer: env.REDSTRING_OIDC_ISSUER,
            clientId: env.REDSTRING_OIDC_CLIENT_ID,
            clientSecret: env.REDSTRING_OIDC_CLIENT_SECRET,
            name: env.REDSTRING_OIDC_NAME ?? "single sign-on",
            // Never admin by default: only an explicit REDSTRING_OIDC_DEFAULT_ROLE=admin gives that.
            defaultRole: env.REDSTRING_OIDC_DEFAULT_ROLE ?? "viewer",
          }
        : undefined,
  };
  if (environment === process.env) cached = config;
  return config;
}

/** Tests change process.env (REDSTRING_PUBLIC_READ, say) between cases; this makes the next read see it. */
export function forgetCachedConfig(): void {
  cached = undefined;
}
