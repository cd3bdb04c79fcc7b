/**
 * The one migrations list: every feature exports its own schema statements (constraints and indexes) and
 * this module, at the top of lib, runs them. lib/db below knows no feature.
 *
 * Migrating is a deploy step (`npm run migrate`, graph-seed/migrate-cli.ts), not a side effect of a
 * request: servers only check that the schema is current (checkSchemaCurrent), so N replicas starting at
 * once never race on the schema. After the statements, a marker records which ones ran; a server whose
 * code needs a statement the marker does not list answers 503 "run npm run migrate".
 */
import "server-only";
import { createHash } from "node:crypto";
import { USER_SCHEMA_STATEMENTS } from "./auth/schema";
import { DATASET_SCHEMA_STATEMENTS } from "./datasets/schema";
import { CHANGE_SCHEMA_STATEMENTS } from "./editing/schema";
import { IDEMPOTENCY_SCHEMA_STATEMENTS } from "./idempotency-schema";
import { IMPORT_JOB_SCHEMA_STATEMENTS } from "./import/job-schema";
import { IMPORT_LOCK_SCHEMA_STATEMENTS } from "./import/lock-schema";
import { GRAPH_SCHEMA_STATEMENTS } from "./model/schema";
import { SAVED_QUERY_SCHEMA_STATEMENTS } from "./queries/schema";
import { RATE_LIMIT_SCHEMA_STATEMENTS } from "./rate-limit-schema";
import { RESOLUTION_SCHEMA_STATEMENTS } from "./resolution/schema";
import { INSTANCE_SETTINGS_SCHEMA_STATEMENTS } from "./settings/schema";
import { SNAPSHOT_SCHEMA_STATEMENTS } from "./snapshots/schema";
import { WORKSPACE_SCHEMA_STATEMENTS } from "./workspaces/schema";
import { getConfig } from "./config";
import { AppError } from "./errors";
import { retryingRaces } from "./db/races";
import { runSchemaStatement, runWrite } from "./db/session";

/** The record of which schema statements have run: one node, outside the Entity label. */
export const SCHEMA_MARKER_LABEL = "RedstringSchema";
const SCHEMA_MARKER_ID = "schema";

/**
 * The schema Redstring needs. Every statement is `IF NOT EXISTS`, so running the migration again changes
 * nothing. The marker's own constraint comes first: two migrations writing the marker at once then make
 * one record, not two.
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT redstring_schema_id_unique IF NOT EXISTS FOR (v:${SCHEMA_MARKER_LABEL}) REQUIRE v.id IS UNIQUE`,
  ...GRAPH_SCHEMA_STATEMENTS,
  ...SAVED_QUERY_SCHEMA_STATEMENTS,
  ...SNAPSHOT_SCHEMA_STATEMENTS,
  ...WORKSPACE_SCHEMA_STATEMENTS,
  ...USER_SCHEMA_STATEMENTS,
  ...CHANGE_SCHEMA_STATEMENTS,
  ...RATE_LIMIT_SCHEMA_STATEMENTS,
  ...IDEMPOTENCY_SCHEMA_STATEMENTS,
  ...INSTANCE_SETTINGS_SCHEMA_STATEMENTS,
  ...IMPORT_LOCK_SCHEMA_STATEMENTS,
  ...IMPORT_JOB_SCHEMA_STATEMENTS,
  ...DATASET_SCHEMA_STATEMENTS,
  ...RESOLUTION_SCHEMA_STATEMENTS,
];

/**
 * A statement's fingerprint, as the marker lists it. By content: a statement added or changed in the code
 * is one the database has not run yet; the marker keeps older fingerprints, so a replica still on the
 * previous release (whose statements are all listed) keeps serving during a rolling deploy.
 */
const fingerprint = (statement: string) => createHash("sha256").update(statement).digest("base64url").slice(0, 16);
const REQUIRED = SCHEMA_STATEMENTS.map(fingerprint);

async function recordMigration(): Promise<void> {
  await runWrite((tx) =>
    tx.run(
      `MERGE (v:${SCHEMA_MARKER_LABEL} {id: $id})
       SET v.applied = [f IN coalesce(v.applied, []) WHERE NOT f IN $required] + $required, v.migratedAt = datetime()`,
      { id: SCHEMA_MARKER_ID, required: REQUIRED },
    ),
  );
}

/**
 * Every statement, now, whatever ran before in this process, then the marker. Safe to run in several
 * processes at once: a statement or marker write that lost a race to another process is run again (and
 * then finds the other's work); a race that does not settle is a clear 409 (lib/db/races.ts).
 */
export async function runMigrations(): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await retryingRaces("creating the schema", () => runSchemaStatement(statement));
  // A new full-text index fills in the background; wait so the first search sees every entity.
  await runSchemaStatement("CALL db.awaitIndexes(300)");
  await retryingRaces("recording the schema version", recordMigration);
}

const holder = globalThis as typeof globalThis & {
  __redstringMigrated?: Map<string, Promise<void>>;
  __redstringSchemaChecked?: Map<string, Promise<void>>;
};
const migrated = (holder.__redstringMigrated ??= new Map());
const checked = (holder.__redstringSchemaChecked ??= new Map());

function databaseKey(): string {
  const { neo4jUri, neo4jDatabase } = getConfig();
  return `${neo4jUri} ${neo4jDatabase ?? ""}`;
}

/** Keeps a promise per database while it succeeds; a failure is forgotten, so the next call tries again. */
function oncePerDatabase(cache: Map<string, Promise<void>>, work: () => Promise<void>): Promise<void> {
  const key = databaseKey();
  let done = cache.get(key);
  if (!done) {
    done = work().catch((cause: unknown) => {
      cache.delete(key);
      throw cause;
    });
    cache.set(key, done);
  }
  return done;
}

/**
 * Brings the database's schema up to date, once per process and database: the migrate and import command
 * lines, and tests, call it; after the first success it costs nothing. A failure (database down) is
 * forgotten, so the next call tries again. A process that migrated needs no schema check.
 */
export function migrateSchema(): Promise<void> {
  return oncePerDatabase(migrated, async () => {
    await runMigrations();
    checked.set(databaseKey(), Promise.resolve());
  });
}

/** The schema is older than the code (or was never made): a deploy step is missing. */
export class SchemaNotCurrentError extends AppError {
  constructor(missing: number) {
    super(
      503,
      `The database schema is not current (${missing} of ${REQUIRED.length} schema steps have not run): ` +
        "run `npm run migrate` against this database, then try again.",
    );
  }
}

/** How many of the statements this code needs the database's marker does not list (0: current). */
export async function missingSchemaSteps(): Promise<number> {
  // Auto-commit, not a retried read transaction: a database out of reach is a prompt "not reachable" 503,
  // not one that waits out the deadline while the driver retries. On the leader, which ran the migration.
  const [row] = await runSchemaStatement(`MATCH (v:${SCHEMA_MARKER_LABEL} {id: $id}) RETURN v.applied AS applied`, { id: SCHEMA_MARKER_ID });
  const have = new Set((row?.applied as string[] | null | undefined) ?? []);
  return REQUIRED.filter((step) => !have.has(step)).length;
}

/**
 * What a server does instead of migrating: one read, once per process and database while it succeeds,
 * that the schema is current; otherwise a 503 that names the missing deploy step. Not cached when it
 * fails, so the server recovers by itself once someone runs `npm run migrate`.
 */
export function checkSchemaCurrent(): Promise<void> {
  return oncePerDatabase(checked, async () => {
    const missing = await missingSchemaSteps();
    if (missing > 0) throw new SchemaNotCurrentError(missing);
  });
}

/** For tests that change the marker under a running process: the next check reads the database again. */
export function forgetSchemaCheck(): void {
  checked.clear();
}

/**
 * For a process that points the same address at a new, empty database (the benchmark starts a fresh
 * engine on one port for each scale): without this, the second one would be taken as migrated already,
 * and have no constraints or indexes at all.
 */
export function forgetMigrations(): void {
  migrated.clear();
  checked.clear();
}
