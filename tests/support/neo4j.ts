/**
 * Helpers for integration tests against the real Neo4j that scripts/test.mjs starts (NEO4J_URI).
 * Tests create their own data under a unique id prefix and delete it afterwards, so they can share the
 * database with each other and with the seed story, which prepareTestDatabase loads (through the
 * integration project's global setup, tests/support/integration-setup.ts) before any file runs.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";

export function requireNeo4jUri(): string {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("Integration tests need NEO4J_URI: run them through `npm test`.");
  return uri;
}

let driver: Driver | undefined;

/** A driver of the test's own, to arrange and inspect data independently of the code under test. */
export function testDriver(): Driver {
  driver ??= neo4j.driver(
    requireNeo4jUri(),
    process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD) : undefined,
  );
  return driver;
}

export async function cypher(query: string, params: Record<string, unknown> = {}) {
  const result = await testDriver().executeQuery(query, params, { database: process.env.NEO4J_DATABASE });
  return result.records.map((record) => record.toObject());
}

export async function closeTestDriver() {
  await driver?.close();
  driver = undefined;
}

/** A unique, valid entity-id prefix for one test file's data. */
export function uniquePrefix(name: string): string {
  return `it-${name}-${randomBytes(4).toString("hex")}-`;
}

export async function deleteByPrefix(prefix: string) {
  await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix });
}

export async function graphCounts(): Promise<{ nodes: number; relationships: number }> {
  const [row] = await cypher(
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
  );
  return { nodes: Number(row?.nodes), relationships: Number(row?.relationships) };
}

/**
 * The deploy steps the servers and tests rely on, run explicitly (a server only checks them): `npm run
 * migrate` and `npm run seed` (the story is loaded only where it is missing: seeding is idempotent).
 * Run as the real command lines, in child processes, against NEO4J_URI. scripts/test.mjs runs them once
 * for the whole suite and sets REDSTRING_TEST_DB_PREPARED=1; a single file run by hand runs them here.
 */
export function prepareTestDatabase(): void {
  const uri = requireNeo4jUri();
  if (process.env.REDSTRING_TEST_DB_PREPARED === "1") return;
  const root = path.resolve(import.meta.dirname, "../..");
  for (const script of ["graph-seed/migrate-cli.ts", "graph-seed/cli.ts"]) {
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
      cwd: root,
      env: { ...process.env, NEO4J_URI: uri },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}
