/**
 * Error answers say what is wrong, never where or how the server keeps things: every kind of failure
 * a request can provoke, through the real route handlers and the real Neo4j, answers without absolute
 * paths, Java class or exception names, or stack frames. Cypher syntax messages, which analysts need,
 * stay as Neo4j wrote them.
 */
import os from "node:os";
import { NextRequest } from "next/server";
import { POST as startImportRoute } from "@/app/api/imports/route";
import { PUT as uploadFileRoute } from "@/app/api/imports/uploads/[uploadId]/route";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { closeDriver } from "@/lib/db/driver";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const base = "http://127.0.0.1";
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("errtext");
});

afterAll(async () => {
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

function expectNoServerDetails(text: string) {
  expect(text).not.toContain(os.tmpdir());
  expect(text).not.toMatch(/java\.|javax\.|org\.neo4j|com\.neo4j|Exception|Caused by/);
  expect(text).not.toMatch(/\bat [\w$.]+\([^)]*:\d+\)/);
  expect(text).not.toMatch(/(^|[\s"'(:=])\/[\w.-]+\/[\w.-]+/);
  expect(text).not.toMatch(/file:\//);
}

async function answer(response: Response) {
  const text = await response.text();
  expectNoServerDetails(text);
  return { status: response.status, body: JSON.parse(text) as { error?: string } };
}

const draft = (cypher: string) =>
  runDraftRoute(
    new NextRequest(`${base}/api/run-query`, {
      method: "POST",
      headers: { ...SAME_ORIGIN, "content-type": "application/json", cookie: users.analyst.cookie },
      body: JSON.stringify({ cypher }),
    }),
  );

it.each([
  ["a procedure failure Neo4j explains with a Java cause", "CALL db.index.fulltext.queryNodes('no_such_index', 'x') YIELD node RETURN node.id AS id"],
  ["a file that does not exist on the database server", "LOAD CSV FROM 'file:///no/such/folder/missing.csv' AS row RETURN row LIMIT 1"],
  ["an address that does not answer", "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row RETURN row LIMIT 1"],
  ["a division by zero", "RETURN 1 / 0 AS x"],
  ["a value of the wrong type", "RETURN toInteger([1]) AS x"],
  ["an unknown procedure", "CALL dbms.no.such.thing()"],
  ["a date that does not exist", "RETURN date('2020-13-45') AS d"],
])("a saved-query run that fails on %s answers 4xx without server details", async (_what, cypher) => {
  const { status, body } = await answer(await draft(cypher));
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(body.error).toBeTruthy();
});

it("keeps Neo4j's syntax message, which an analyst needs, with its position", async () => {
  const { status, body } = await answer(await draft("MATCH (n RETURN n"));
  expect(status).toBe(400);
  expect(body.error).toMatch(/Invalid input 'RETURN'/);
});

it("answers bad bodies, unknown uploads and missing files without paths", async () => {
  const notJson = await answer(await signInRoute(new NextRequest(`${base}/api/auth/signin`, { method: "POST", body: "{", headers: { ...SAME_ORIGIN, "content-type": "application/json" } })));
  expect(notJson.status).toBe(400);
  const uploadId = "AAAAAAAAAAAAAAAA";
  const unknown = await answer(
    await uploadFileRoute(new NextRequest(`${base}/api/imports/uploads/${uploadId}?name=x.csv`, { method: "PUT", body: "x", headers: { ...SAME_ORIGIN, cookie: users.editor.cookie } }), {
      params: Promise.resolve({ uploadId }),
    }),
  );
  expect(unknown.status).toBe(404);
  const start = await answer(
    await startImportRoute(
      new NextRequest(`${base}/api/imports`, {
        method: "POST",
        body: JSON.stringify({ uploadId, format: "json", file: "graph.json" }),
        headers: { ...SAME_ORIGIN, "content-type": "application/json", cookie: users.editor.cookie },
      }),
    ),
  );
  expect(start.status).toBe(404);
});
