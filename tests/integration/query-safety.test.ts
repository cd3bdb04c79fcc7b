import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import {
  QueryRefusedError,
  QuerySyntaxError,
  QueryTooSlowError,
  type RefusalReason,
} from "@/lib/queries/errors";
import { checkQuery, executeQuery } from "@/lib/queries/execute";
import type { ParameterDeclaration } from "@/lib/queries/parameters";
import { classifyPlan, precheckCypher, type PlanNode } from "@/lib/queries/safety";
import { countAttempts } from "../support/attempts";
import { closeTestDriver, cypher, graphCounts, testDriver, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("qsafe");
const csvFile = path.join(tmpdir(), `${prefix}data.csv`);
let server: Server;
let serverHits = 0;
let httpUrl = "";

beforeAll(async () => {
  writeFileSync(csvFile, "id,name\nx,y\n");
  // If a LOAD CSV ever ran, this server would see the request.
  server = createServer((_request, response) => {
    serverHits += 1;
    response.end("id,name\nx,y\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.csv`;
  // The first run seeds the demo graph, so later counts compare like with like.
  await executeQuery({ cypher: "RETURN 1 AS one", parameters: [], values: {} });
});

afterAll(async () => {
  rmSync(csvFile, { force: true });
  await new Promise((resolve) => server.close(resolve));
  await cypher("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix });
  await cypher(`DROP INDEX ${prefix.replace(/-/g, "_")}idx IF EXISTS`);
  await closeDriver();
  await closeTestDriver();
});

async function refusalOf(promise: Promise<unknown>): Promise<QueryRefusedError> {
  const error = await promise.then(
    () => null,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(QueryRefusedError);
  return error as QueryRefusedError;
}

interface RefusalCase {
  title: string;
  cypher: () => string;
  reason: RefusalReason;
  message: RegExp;
}

const REQUIRED_REFUSALS: RefusalCase[] = [
  { title: "CREATE", cypher: () => `CREATE (n:Entity:Company {id: '${prefix}c', name: 'x'}) RETURN n`, reason: "write", message: /only read: this query writes to the graph \(CREATE\)/ },
  { title: "MERGE", cypher: () => `MERGE (n:Entity:Company {id: '${prefix}m'}) RETURN n`, reason: "write", message: /\(MERGE\)/ },
  { title: "SET", cypher: () => "MATCH (n:Entity {id: 'company-thermo-fisher'}) SET n.hacked = true RETURN n", reason: "write", message: /\(SET\)/ },
  { title: "REMOVE", cypher: () => "MATCH (n:Entity {id: 'company-thermo-fisher'}) REMOVE n.name RETURN n", reason: "write", message: /\(REMOVE\)/ },
  { title: "DELETE", cypher: () => "MATCH ()-[r:LOCATED_IN]->() DELETE r", reason: "write", message: /\(DELETE\)/ },
  { title: "DETACH DELETE", cypher: () => "MATCH (n:Entity {id: 'company-thermo-fisher'}) DETACH DELETE n", reason: "write", message: /\(DETACH DELETE\)/ },
  { title: "FOREACH with a write", cypher: () => `FOREACH (i IN range(1, 3) | CREATE (:Entity {id: '${prefix}f' + i}))`, reason: "write", message: /writes to the graph/ },
  { title: "CALL { ... CREATE }", cypher: () => `CALL () { CREATE (:Entity {id: '${prefix}s'}) } RETURN 1 AS one`, reason: "write", message: /\(CREATE\)/ },
  { title: "LOAD CSV from a file: URL", cypher: () => `LOAD CSV FROM 'file://${csvFile}' AS row RETURN row`, reason: "load-csv", message: /^LOAD CSV is not allowed: saved queries cannot read files or URLs\.$/ },
  { title: "LOAD CSV from an http: URL", cypher: () => `LOAD CSV WITH HEADERS FROM '${httpUrl}' AS row RETURN row`, reason: "load-csv", message: /^LOAD CSV is not allowed/ },
  { title: "CALL dbms.*", cypher: () => "CALL dbms.components() YIELD name RETURN name", reason: "procedure", message: /^The procedure dbms\.components is not allowed\. Allowed: db\.index\.fulltext\.queryNodes\.$/ },
  { title: "CREATE INDEX", cypher: () => `CREATE INDEX ${prefix.replace(/-/g, "_")}idx IF NOT EXISTS FOR (n:Entity) ON (n.hacked)`, reason: "schema", message: /cannot change the schema \(CREATE INDEX\)/ },
];

const MORE_REFUSALS: RefusalCase[] = [
  { title: "SHOW", cypher: () => "SHOW TRANSACTIONS", reason: "admin", message: /Administration commands are not allowed in saved queries \(SHOW TRANSACTIONS\)/ },
  { title: "TERMINATE", cypher: () => "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", reason: "admin", message: /\(TERMINATE TRANSACTIONS\)/ },
  { title: "CREATE USER", cypher: () => "CREATE USER mallory SET PASSWORD 'secret-password'", reason: "admin", message: /\(CREATE USER\)/ },
  { title: "DROP CONSTRAINT", cypher: () => "DROP CONSTRAINT entity_id_unique", reason: "schema", message: /\(DROP CONSTRAINT\)/ },
  { title: "USE", cypher: () => "USE system MATCH (n) RETURN n", reason: "database", message: /^USE is not allowed/ },
  { title: "CALL {} IN TRANSACTIONS", cypher: () => "UNWIND [1, 2] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y", reason: "transactions", message: /IN TRANSACTIONS is not allowed/ },
  { title: "db.* outside the allowlist", cypher: () => "CALL db.awaitIndexes(1)", reason: "procedure", message: /db\.awaitIndexes is not allowed/ },
  { title: "PROFILE", cypher: () => "PROFILE MATCH (n) RETURN n", reason: "execution-mode", message: /EXPLAIN and PROFILE are not allowed/ },
];

describe("refusals, before anything runs (graph counts unchanged)", () => {
  for (const testCase of [...REQUIRED_REFUSALS, ...MORE_REFUSALS]) {
    it(`refuses ${testCase.title}`, async () => {
      const before = await graphCounts();
      const error = await refusalOf(executeQuery({ cypher: testCase.cypher(), parameters: [], values: {} }));
      expect(error.reason).toBe(testCase.reason);
      expect(error.status).toBe(422);
      expect(error.message).toMatch(testCase.message);
      expect(error.details).toEqual({ reason: testCase.reason });
      // The same answer when the query is only being saved.
      expect((await refusalOf(checkQuery(testCase.cypher(), []))).reason).toBe(testCase.reason);
      expect(await graphCounts()).toEqual(before);
    });
  }

  it("left no index behind", async () => {
    const rows = await cypher("SHOW INDEXES YIELD name WHERE name STARTS WITH $name RETURN name", {
      name: prefix.replace(/-/g, "_"),
    });
    expect(rows).toEqual([]);
  });
});

/** EXPLAIN through the test's own driver, to check layers 2 and 3 without the text pre-check. */
async function explainPlan(query: string) {
  const session = testDriver().session({ database: process.env.NEO4J_DATABASE, defaultAccessMode: "READ" });
  try {
    const result = await session.executeRead((tx) => tx.run(`EXPLAIN ${query}`));
    return { queryType: result.summary.queryType as string, plan: result.summary.plan as unknown as PlanNode };
  } finally {
    await session.close();
  }
}

describe("the EXPLAIN layer refuses on its own", () => {
  const planCases = [...REQUIRED_REFUSALS, ...MORE_REFUSALS].filter(
    // EXPLAIN cannot plan these here: USE and PROFILE are seen only in the text, user commands need the
    // system database (the text check refuses them first).
    (testCase) => !["USE", "PROFILE", "CREATE USER"].includes(testCase.title),
  );
  for (const testCase of planCases) {
    it(`classifies ${testCase.title} from the plan`, async () => {
      const { queryType, plan } = await explainPlan(testCase.cypher());
      let refused: unknown = null;
      try {
        classifyPlan({ queryType, plan, cypher: testCase.cypher() });
      } catch (cause) {
        refused = cause;
      }
      expect(refused).toBeInstanceOf(QueryRefusedError);
      expect((refused as QueryRefusedError).reason).toBe(testCase.reason);
      // Schema and admin operators are named as the clause they stand for (CreateIndex -> CREATE INDEX).
      if (testCase.reason === "schema" || testCase.reason === "admin") {
        expect((refused as QueryRefusedError).message).toMatch(testCase.message);
      }
    });
  }

  it("lets reads, allowlisted procedures and subqueries that only read through", async () => {
    for (const query of [
      "MATCH (n:Entity) RETURN n LIMIT 1",
      "CALL db.index.fulltext.queryNodes('entity_search', 'thermo') YIELD node RETURN node",
      "MATCH (n:Entity) CALL (n) { MATCH (n)--(m) RETURN count(m) AS degree } RETURN n.id, degree",
      "MATCH (n:Entity) RETURN COLLECT { MATCH (n)--(m) RETURN m.id } AS ids",
    ]) {
      const { queryType, plan } = await explainPlan(query);
      expect(() => classifyPlan({ queryType, plan, cypher: query }), query).not.toThrow();
    }
  });
});

describe("the text pre-check", () => {
  it("ignores keywords inside strings, comments, quoted names, properties, labels and map keys", () => {
    const fine = [
      `RETURN "LOAD CSV FROM 'file:///etc/passwd'" AS text, 'CREATE (n)' AS other`,
      "MATCH (n:Entity) // DETACH DELETE n\nRETURN n.name /* SET n.x = 1 */",
      "MATCH (`CREATE`:Entity) RETURN `CREATE`.name AS `DELETE`",
      "MATCH (n:Entity) RETURN n.set, n.delete, {merge: 1, create: 2} AS m, $remove AS r",
      "MATCH (n:Entity) RETURN n.name AS merge, n.id AS delete",
      "MATCH (n:Entity) WHERE 'x' IN n.aliases RETURN n",
      "CALL db.index.fulltext.queryNodes('entity_search', 'dbms.components()') YIELD node RETURN node",
      'RETURN "it\\"s CREATE" AS escaped',
    ];
    for (const query of fine) expect(() => precheckCypher(query), query).not.toThrow();
  });

  it("finds keywords in any case and layout", () => {
    const refused: [string, RefusalReason][] = [
      ["match (n) detach\n  delete n", "write"],
      ["MATCH (n)\nCALL { WITH n SET n.x = 1 }\nRETURN n", "write"],
      ["load\tcsv from 'x' as row return row", "load-csv"],
      ["CALL dbms . components()", "procedure"],
      ["CALL apoc.cypher.run('CREATE (n)', {})", "procedure"],
      ["CYPHER 5 PROFILE MATCH (n) RETURN n", "execution-mode"],
      ["CYPHER 5 USE neo4j MATCH (n) RETURN n", "database"],
      ["MATCH (n) RETURN n UNION USE neo4j MATCH (n) RETURN n", "database"],
      ["drop index entity_search", "schema"],
      ["INSERT (n:X)", "write"],
    ];
    for (const [query, reason] of refused) {
      let error: unknown = null;
      try {
        precheckCypher(query);
      } catch (cause) {
        error = cause;
      }
      expect(error, query).toBeInstanceOf(QueryRefusedError);
      expect((error as QueryRefusedError).reason, query).toBe(reason);
    }
  });
});

describe("syntax errors", () => {
  async function syntaxErrorOf(query: string, parameters: ParameterDeclaration[] = []) {
    const error = await executeQuery({ cypher: query, parameters, values: {} }).then(
      () => null,
      (cause: unknown) => cause,
    );
    expect(error).toBeInstanceOf(QuerySyntaxError);
    return error as QuerySyntaxError;
  }

  it("points at the position in the query as written, on the first line", async () => {
    const error = await syntaxErrorOf("MATCH (n:Entity RETURN n");
    expect(error.status).toBe(400);
    expect(error.details).toMatchObject({ line: 1, column: 17, offset: 16 });
    expect(error.details.message).toMatch(/^Invalid input 'RETURN'/);
    expect(error.details.message).not.toContain("EXPLAIN");
    expect(error.message).toMatch(/^The query has an error \(line 1, column 17\): Invalid input 'RETURN'/);
  });

  it("points at a later line", async () => {
    // Neo4j reads RETURN as a variable after "=", so the error is at the n after it.
    const query = "MATCH (n:Entity)\nWHERE n.name =\nRETURN n";
    const error = await syntaxErrorOf(query);
    expect(error.details).toMatchObject({ line: 3, column: 8, offset: 39 });
    expect(query.slice(error.details.offset ?? 0)).toBe("n");
  });

  it("reports semantic errors with their position too", async () => {
    const error = await syntaxErrorOf("MATCH (n:Entity)\nRETURN m");
    expect(error.details).toMatchObject({ line: 2, column: 8, offset: 24, message: "Variable `m` not defined" });
  });

  it("answers the same from checkQuery, where declared parameters have no values", async () => {
    const declared: ParameterDeclaration[] = [{ name: "from", type: "date", required: true }];
    await expect(checkQuery("MATCH (e:Event) WHERE e.date >= $from RETURN e", declared)).resolves.toBeUndefined();
    await expect(checkQuery("MATCH (e:Event) WHERE e.date >= $from RETURN", declared)).rejects.toBeInstanceOf(QuerySyntaxError);
  });
});

describe("limits", () => {
  it("stops a query past the timeout and says so with the limit", async () => {
    const before = await graphCounts();
    // 42^6 combinations; the filter stops the planner from answering count(*) from the count store.
    const slow =
      "MATCH (a:Entity), (b:Entity), (c:Entity), (d:Entity), (e:Entity), (f:Entity) WHERE a.id + b.id + c.id + d.id + e.id + f.id = 'x' RETURN count(*) AS n";
    // The app EXPLAINs the query first; count the runs of the query itself.
    const { attempts, error } = await countAttempts(
      (statement) => statement === slow,
      () => executeQuery({ cypher: slow, parameters: [], values: {}, timeoutMs: 500 }),
    );
    expect(error).toBeInstanceOf(QueryTooSlowError);
    expect((error as QueryTooSlowError).status).toBe(422);
    expect((error as QueryTooSlowError).message).toBe(
      "The query ran longer than 0.5 s and was stopped. Add a LIMIT or narrow the pattern.",
    );
    // Not retried: a timeout is final, so the query ran once, not again by the driver's retry loop.
    expect(attempts).toBe(1);
    expect(await graphCounts()).toEqual(before);
  });

  it("cuts rows at the cap and says the result was truncated", async () => {
    const { queryMaxRows } = getConfig();
    const result = await executeQuery({ cypher: `UNWIND range(1, ${queryMaxRows * 100}) AS i RETURN i`, parameters: [], values: {} });
    expect(result.limits.maxRows).toBe(queryMaxRows);
    expect(result.truncated).toBe(true);
    expect(result.rows).toHaveLength(queryMaxRows);
    expect(result.rowCount).toBe(queryMaxRows);
    expect(result.rows[queryMaxRows - 1]).toEqual([queryMaxRows]);
    expect(result.columns).toEqual(["i"]);
  });

  it("does not call a result truncated when it has exactly maxRows rows", async () => {
    const { queryMaxRows } = getConfig();
    const result = await executeQuery({ cypher: `UNWIND range(1, ${queryMaxRows}) AS i RETURN i`, parameters: [], values: {} });
    expect(result.truncated).toBe(false);
    expect(result.rows).toHaveLength(queryMaxRows);
  });

  it("never runs longer than the configured timeout, whatever the request asks", async () => {
    const result = await executeQuery({ cypher: "RETURN 1 AS one", parameters: [], values: {}, timeoutMs: 3_600_000 });
    expect(result.limits.timeoutMs).toBe(getConfig().queryTimeoutMs);
  });
});

describe("after everything above", () => {
  it("never fetched the CSV URL, not even to plan", () => {
    expect(serverHits).toBe(0);
  });
});
