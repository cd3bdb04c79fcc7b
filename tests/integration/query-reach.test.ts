/**
 * Saved queries read entities and nothing else: not the users (with their password hashes), saved
 * queries or snapshots that share the database. Checked against the real engine's EXPLAIN plans, with a
 * user present; the starter library must still pass the same checks.
 */
import { closeDriver } from "@/lib/db/driver";
import { QueryRefusedError } from "@/lib/queries/errors";
import { checkQuery, executeQuery } from "@/lib/queries/execute";
import { starterQueries } from "@/graph-seed/starter-queries";
import { createTestUser, removeTestUsers } from "../support/auth";
import { closeTestDriver, cypher, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("reach");

beforeAll(async () => {
  await executeQuery({ cypher: "RETURN 1 AS one", parameters: [], values: {} }); // checks the schema (migrated and seeded by the global setup)
  await createTestUser(prefix, "admin");
});

afterAll(async () => {
  await removeTestUsers(prefix);
  await closeDriver();
  await closeTestDriver();
});

async function refusal(cypherText: string): Promise<QueryRefusedError> {
  const outcome = await executeQuery({ cypher: cypherText, parameters: [], values: {} }).then(
    (result) => result,
    (cause: unknown) => cause,
  );
  if (!(outcome instanceof QueryRefusedError)) throw new Error(`not refused: ${cypherText} -> ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("what a saved query may read", () => {
  it.each([
    ["MATCH (n) RETURN n.passwordHash", "scan"],
    ["MATCH (u:User) RETURN u", "label"],
    ["MATCH (n) WHERE 'User' IN labels(n) RETURN n", "scan"],
    ["MATCH (u:User {email: 'someone@example.test'}) RETURN u.passwordHash", "label"],
    ["MATCH (n:Entity|User) RETURN n", "label"],
    ["MATCH (n:Entity) WHERE n:User RETURN n", "label"],
    ["MATCH (n:!Entity) RETURN n", "scan"],
    ["MATCH ()-[r]->() RETURN r", "scan"],
    ["MATCH (q:SavedQuery) RETURN q.cypher", "label"],
    ["MATCH (s:Snapshot) RETURN s.revokeKeyHash", "label"],
    ["MATCH (w:Workspace) RETURN w.nodeIds, w.ownerId", "label"],
    ["MATCH (v)<-[:HAS_VERSION]-(q) RETURN v", "label"],
    ["MATCH (n:$($label)) RETURN n", "scan"],
  ])("refuses %s (%s)", async (cypherText, reason) => {
    const error = await refusal(cypherText.replace("$($label)", "$('User')"));
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/Redstring's own records|can only read entities/);
  });

  it("tells the analyst to start from a label", async () => {
    const error = await refusal("MATCH (n) RETURN n.passwordHash");
    expect(error.message).toContain("MATCH (n:Entity)");
  });

  it("still runs entity queries: labels, entity types, relationship types, full-text search", async () => {
    for (const cypherText of [
      "MATCH (n:Entity) RETURN n.name LIMIT 3",
      "MATCH (c:Company)-[r:LOCATED_IN]->(g:Region) RETURN c.name, g.name LIMIT 3",
      "MATCH (n:Entity:Person) RETURN count(n) AS people",
      "MATCH (e:Entity {id: 'company-thermo-fisher'})--(m) RETURN m.name LIMIT 5",
      "CALL db.index.fulltext.queryNodes('entity_search', 'thermo') YIELD node RETURN node.name LIMIT 3",
      "RETURN 1 AS one",
    ]) {
      // Runs, and answers what the same Cypher answers on the database directly (any result is truthy).
      const result = await executeQuery({ cypher: cypherText, parameters: [], values: {} });
      expect(result.rowCount, cypherText).toBe((await cypher(cypherText)).length);
      expect(result.rowCount, cypherText).toBeGreaterThan(0);
    }
  });

  it("passes every starter query", async () => {
    for (const starter of starterQueries) {
      await expect(checkQuery(starter.cypher, starter.parameters), starter.title).resolves.toBeUndefined();
    }
  });
});
