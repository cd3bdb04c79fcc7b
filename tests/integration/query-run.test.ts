import neo4j from "neo4j-driver";
import { forgetCachedConfig, getConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { QueryExecutionError, QueryParameterError, QueryTooBigError } from "@/lib/queries/errors";
import { executeQuery, type QueryRunRequest } from "@/lib/queries/execute";
import type { ParameterDeclaration } from "@/lib/queries/parameters";
import { countAttempts } from "../support/attempts";
import { closeTestDriver, cypher, deleteByPrefix, graphCounts, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("qrun");
const secretId = `${prefix}secret`;

const param = (name: string, type: ParameterDeclaration["type"], required = true): ParameterDeclaration => ({
  name,
  type,
  required,
});

const run = (cypherText: string, parameters: ParameterDeclaration[] = [], values: QueryRunRequest["values"] = {}) =>
  executeQuery({ cypher: cypherText, parameters, values });

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (cause: unknown) => cause,
  );
}

beforeAll(async () => {
  await run("RETURN 1 AS one"); // seeds the demo graph on a fresh database
  // An internal record that is not an Entity, tied to one: its properties must never come back.
  await cypher(
    `MATCH (thermo:Entity {id: 'company-thermo-fisher'})
     CREATE (q:SavedQuery {id: $secretId, cypher: 'TOP-SECRET-CYPHER', owner: 'alice@example.org'})
     CREATE (q)-[:WATCHES {id: $secretId + '-rel', token: 'TOP-SECRET-TOKEN'}]->(thermo)`,
    { secretId },
  );
});

afterAll(async () => {
  await cypher("MATCH (n:SavedQuery {id: $secretId}) DETACH DELETE n", { secretId });
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

describe("parameters, end to end against the seed story", () => {
  it("entity: the events Thermo Fisher took part in", async () => {
    const result = await run(
      `MATCH (:Entity {id: $entity})-[:ACTED_IN|TARGET_OF]->(event:Event)
       RETURN event.id AS id, event.date AS date ORDER BY date, id`,
      [param("entity", "entity")],
      { entity: "company-thermo-fisher" },
    );
    const expected = await cypher(
      `MATCH (:Entity {id: 'company-thermo-fisher'})-[:ACTED_IN|TARGET_OF]->(event:Event)
       RETURN event.id AS id ORDER BY event.date, id`,
    );
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.map((row) => row[0])).toEqual(expected.map((row) => row.id));
    expect(result.columns).toEqual(["id", "date"]);
    expect(result.rows[0]?.[1]).toEqual({ kind: "date", value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it("entity: an id that does not exist is a parameter problem, found before the query runs", async () => {
    const error = await failureOf(
      run("MATCH (n:Entity {id: $entity}) RETURN n", [param("entity", "entity")], { entity: `${prefix}nobody` }),
    );
    expect(error).toBeInstanceOf(QueryParameterError);
    expect((error as QueryParameterError).details).toEqual([{ name: "entity", message: `No entity has the id "${prefix}nobody".` }]);
    expect((error as QueryParameterError).message).toContain(`$entity: No entity has the id "${prefix}nobody"`);
  });

  it("date: a range over Event.date, which is a Neo4j Date", async () => {
    const query = `MATCH (event:Event) WHERE event.date >= $from AND event.date <= $to
                   RETURN event.id AS id, event.date AS date ORDER BY date, id`;
    const declarations = [param("from", "date"), param("to", "date")];
    const result = await run(query, declarations, { from: "2019-01-01", to: "2019-12-31" });
    const expected = await cypher(
      "MATCH (event:Event) WHERE event.date.year = 2019 RETURN event.id AS id ORDER BY event.date, id",
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.rows.map((row) => row[0])).toEqual(expected.map((row) => row.id));
    // A Date comes back tagged as one, so the table can tell it from text.
    for (const row of result.rows) expect(row[1]).toEqual({ kind: "date", value: expect.stringMatching(/^2019-/) });

    const narrower = await run(query, declarations, { from: "2019-02-20", to: "2019-02-20" });
    expect(narrower.rows.every((row) => JSON.stringify(row[1]) === JSON.stringify({ kind: "date", value: "2019-02-20" }))).toBe(true);
    expect(narrower.rows.length).toBeGreaterThan(0);
  });

  it("entityType: every Legislator", async () => {
    const result = await run(
      "MATCH (n:Entity) WHERE $type IN labels(n) RETURN n.id AS id ORDER BY id",
      [param("type", "entityType")],
      { type: "Legislator" },
    );
    expect(result.rows.map((row) => row[0])).toContain("legislator-marco-rubio");
    const expected = await cypher("MATCH (n:Entity:Legislator) RETURN count(n) AS count");
    expect(result.rowCount).toBe(Number(expected[0]?.count));
  });

  it("integer: usable as a LIMIT (a float would be refused by Neo4j)", async () => {
    const result = await run("MATCH (n:Entity) RETURN n.id AS id ORDER BY id LIMIT $n", [param("n", "integer")], { n: "3" });
    expect(result.rowCount).toBe(3);
  });

  it("float, boolean and string", async () => {
    const result = await run(
      "RETURN $f * 2 AS doubled, CASE WHEN $b THEN 'yes' ELSE 'no' END AS answer, $s AS text",
      [param("f", "float"), param("b", "boolean"), param("s", "string")],
      { f: "1.25", b: "true", s: "Thermo' RETURN 1 //" },
    );
    expect(result.rows).toEqual([[2.5, "yes", "Thermo' RETURN 1 //"]]);
  });

  it("string: matches as data, never as Cypher", async () => {
    const result = await run(
      "MATCH (n:Entity) WHERE toLower(n.name) CONTAINS toLower($q) RETURN n.id AS id",
      [param("q", "string")],
      { q: "thermo" },
    );
    expect(result.rows.map((row) => row[0])).toContain("company-thermo-fisher");
  });

  it("optional parameters without a value are null; defaults apply", async () => {
    const result = await run(
      "RETURN $maybe IS NULL AS missing, $limit AS limit",
      [param("maybe", "string", false), { name: "limit", type: "integer", required: true, defaultValue: "7" }],
      {},
    );
    expect(result.rows).toEqual([[true, 7]]);
  });

  it("refuses bad values and undeclared parameters before anything runs", async () => {
    const bad = await failureOf(run("RETURN $n AS n", [param("n", "integer")], { n: "seven" }));
    expect(bad).toBeInstanceOf(QueryParameterError);
    expect((bad as QueryParameterError).details).toEqual([{ name: "n", message: "must be a whole number" }]);

    const undeclared = await failureOf(run("MATCH (n:Entity {id: $entity}) RETURN n"));
    expect(undeclared).toBeInstanceOf(QueryParameterError);
    expect((undeclared as QueryParameterError).details).toEqual([
      { name: "entity", message: "is used in the query but not declared" },
    ]);
  });
});

describe("results", () => {
  it("redacts nodes that are not Entities and relationships of unknown types, in every position", async () => {
    const before = await graphCounts();
    // Naming the label (q:SavedQuery) is refused outright (tests/integration/query-reach.test.ts); reached
    // from an entity through an untyped relationship, such a node passes the plan check and is redacted.
    const result = await run(
      `MATCH (e:Entity {id: 'company-thermo-fisher'})<-[r]-(q) WHERE q.id = $secret
       RETURN q, r, e, [q] AS list, {inner: q} AS map`,
      [param("secret", "string")],
      { secret: secretId },
    );
    const redacted = { kind: "node", id: null, type: null, name: null, properties: {} };
    expect(result.rows).toHaveLength(1);
    const [q, r, e, list, map] = result.rows[0] ?? [];
    expect(q).toEqual(redacted);
    expect(r).toEqual({ kind: "relationship", id: null, type: "WATCHES", source: null, target: null, properties: {} });
    expect(e).toMatchObject({ kind: "node", id: "company-thermo-fisher", type: "Company" });
    expect(list).toEqual([redacted]);
    expect(map).toEqual({ inner: redacted });
    const text = JSON.stringify(result);
    for (const secret of ["TOP-SECRET", "alice@example.org", secretId]) expect(text).not.toContain(secret);
    expect(result.graph.nodes.map((node) => node.id)).toEqual(["company-thermo-fisher"]);
    expect(result.graph.edges).toEqual([]);
    expect(await graphCounts()).toEqual(before);
  });

  it("draws the graph of a shortest path, with every edge's endpoints and sources", async () => {
    const result = await run(
      "MATCH p = shortestPath((a:Entity {id: $from})-[*..8]-(b:Entity {id: $to})) RETURN p",
      [param("from", "entity"), param("to", "entity")],
      { from: "company-thermo-fisher", to: "legislator-marco-rubio" },
    );
    const path = result.rows[0]?.[0] as { kind: string; nodes: string[]; relationships: string[] };
    expect(path.kind).toBe("path");
    expect(path.nodes[0]).toBe("company-thermo-fisher");
    expect(path.nodes.at(-1)).toBe("legislator-marco-rubio");
    expect(path.relationships).toHaveLength(path.nodes.length - 1);

    const nodeIds = new Set(result.graph.nodes.map((node) => node.id));
    expect([...nodeIds].sort()).toEqual([...path.nodes].sort());
    expect(result.graph.edges.map((edge) => edge.id)).toEqual(path.relationships);
    for (const edge of result.graph.edges) {
      expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
      expect(edge.sources.length).toBeGreaterThan(0);
      expect(edge.sources[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    }
    expect(result.graphTruncated).toBe(false);
    // Our ids only: no Neo4j elementId ("4:...:12") anywhere in the answer.
    expect(JSON.stringify(result)).not.toMatch(/"\d+:[0-9a-f-]{36}:\d+"/);
  });

  it("fetches the endpoints of relationships returned without their nodes", async () => {
    const result = await run(
      "MATCH (:Entity {id: $entity})-[r]-() RETURN r",
      [param("entity", "entity")],
      { entity: "company-thermo-fisher" },
    );
    expect(result.rowCount).toBeGreaterThan(1);
    const nodeIds = new Set(result.graph.nodes.map((node) => node.id));
    expect(nodeIds.has("company-thermo-fisher")).toBe(true);
    for (const edge of result.graph.edges) expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
    // The test's internal WATCHES relationship comes back redacted and stays out of the graph.
    const cells = result.rows.map(([cell]) => cell as { id: string | null; type: string });
    expect(cells.filter((cell) => cell.id === null).map((cell) => cell.type)).toEqual(["WATCHES"]);
    const shown = cells.filter((cell) => cell.id !== null);
    expect(result.graph.edges.map((edge) => edge.id).sort()).toEqual(shown.map((cell) => cell.id).sort());
    for (const cell of shown) {
      expect(cell).toMatchObject({ kind: "relationship", id: expect.any(String), source: expect.any(String), target: expect.any(String) });
    }
  });

  it("converts scalars: integers, dates, lists, maps, nulls", async () => {
    const outside = performance.now();
    const result = await run(
      "RETURN 9007199254740993 AS big, 42 AS small, date('2019-02-20') AS day, [1, null, 'a'] AS list, {a: 1, b: {c: true}} AS map",
    );
    const outsideMs = performance.now() - outside;
    expect(result.rows).toEqual([
      [{ kind: "integer", value: "9007199254740993" }, 42, { kind: "date", value: "2019-02-20" }, [1, null, "a"], { a: 1, b: { c: true } }],
    ]);
    // The reported time is whole milliseconds of this run: it cannot exceed the time the call took as seen
    // from outside it (rounded up), which a wrong unit or a timestamp in place of a duration would.
    expect(Number.isInteger(result.elapsedMs)).toBe(true);
    expect(result.elapsedMs).toBeLessThanOrEqual(Math.ceil(outsideMs));
    const config = getConfig();
    expect(result.limits).toEqual({ maxRows: config.queryMaxRows, maxGraphElements: config.queryMaxGraphElements, timeoutMs: config.queryTimeoutMs });
    expect(neo4j.isInt(result.rows[0]?.[0])).toBe(false);
  });

  it("answers a runtime failure with Neo4j's message", async () => {
    const error = await failureOf(run("UNWIND [1, 0] AS x RETURN 10 / x AS y"));
    expect(error).toBeInstanceOf(QueryExecutionError);
    expect((error as QueryExecutionError).status).toBe(400);
    expect((error as QueryExecutionError).message).toMatch(/^The query failed while running: .*\/ by zero/);
  });

  it("stops a query that needs more memory than the per-transaction cap, without retrying it", async () => {
    // Sixteen values a row fill the cap sooner than one (4 s instead of 11 s on a busy two-core machine).
    const greedy = "UNWIND range(1, 100000000) AS x RETURN size(collect([x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x])) AS n";
    // Filling half a gigabyte takes seconds whatever the query, so a short REDSTRING_QUERY_TIMEOUT_MS in
    // the environment would stop it first: this test is about the memory cap, so it sets the run's limit
    // to its maximum while it runs, and puts the environment back after.
    const configured = process.env.REDSTRING_QUERY_TIMEOUT_MS;
    process.env.REDSTRING_QUERY_TIMEOUT_MS = "600000";
    forgetCachedConfig();
    // The app EXPLAINs the query first (that never allocates); count the runs of the query itself.
    const { attempts, error } = await countAttempts((statement) => statement === greedy, () => run(greedy)).finally(() => {
      if (configured === undefined) delete process.env.REDSTRING_QUERY_TIMEOUT_MS;
      else process.env.REDSTRING_QUERY_TIMEOUT_MS = configured;
      forgetCachedConfig();
    });
    expect(error).toBeInstanceOf(QueryTooBigError);
    expect((error as QueryTooBigError).status).toBe(422);
    // A memory cap hit is final: the driver's retry loop must not run it again.
    expect(attempts).toBe(1);
  });
});
