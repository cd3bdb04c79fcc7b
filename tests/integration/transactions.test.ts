/**
 * What the database itself can see of a request: every transaction names the app, the route and the
 * signed-in user in its metadata (SHOW TRANSACTIONS), and a request the browser aborts stops its query on
 * the server and leaves the admission queue (lib/db/context.ts, lib/db/session.ts, lib/db/admission.ts).
 * Observed from the test's own driver, polling the database's own list of transactions; no sleeps.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { forgetCachedConfig } from "@/lib/config";
import { admissionState } from "@/lib/db/admission";
import { APP_NAME, withRequestContext } from "@/lib/db/context";
import { closeDriver } from "@/lib/db/driver";
import { runRead, runSchemaStatement, runWrite } from "@/lib/db/session";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

let users: TestUsers;
const saved = { queryTimeout: process.env.REDSTRING_QUERY_TIMEOUT_MS, concurrency: process.env.REDSTRING_DB_CONCURRENCY };

function setEnvironment(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  forgetCachedConfig();
}

beforeAll(async () => {
  // The longest run the app allows: a query that disappears from the server's list did not time out.
  setEnvironment("REDSTRING_QUERY_TIMEOUT_MS", "600000");
  users = await createTestUsers("transactions");
});

afterAll(async () => {
  setEnvironment("REDSTRING_QUERY_TIMEOUT_MS", saved.queryTimeout);
  setEnvironment("REDSTRING_DB_CONCURRENCY", saved.concurrency);
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

interface ListedTransaction {
  transactionId: string;
  currentQuery: string;
  metaData: Record<string, unknown>;
}

/** The server's running transactions whose query text contains `marker`. */
async function transactionsRunning(marker: string): Promise<ListedTransaction[]> {
  const rows = await cypher("SHOW TRANSACTIONS YIELD transactionId, currentQuery, metaData RETURN transactionId, currentQuery, metaData");
  return (rows as unknown as ListedTransaction[]).filter((row) => row.currentQuery.includes(marker));
}

/** A read that runs until it is stopped: billions of rows, checked for termination between them. */
function endlessQuery(marker: string): string {
  return `UNWIND range(1, 1000000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n, '${marker}' AS marker`;
}

function runDraft(cypherText: string, signal: AbortSignal) {
  return runDraftRoute(
    new NextRequest(new URL("/api/run-query", TEST_BASE), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: users.analyst.cookie, ...SAME_ORIGIN },
      body: JSON.stringify({ cypher: cypherText, parameters: [], values: {} }),
      signal,
    }),
  );
}

it("names the app, the route and the signed-in user in the metadata of a running transaction", async () => {
  const marker = `it-tx-meta-${randomBytes(4).toString("hex")}`;
  const controller = new AbortController();
  const answer = runDraft(endlessQuery(marker), controller.signal);

  // Polled, not read once after the query shows up: between its EXPLAIN and the query itself the
  // transaction's current query is empty for a moment, and a single later look can miss it.
  await expect
    .poll(async () => (await transactionsRunning(marker)).map((running) => running.metaData), { timeout: 20_000, interval: 100 })
    .toEqual([{ app: APP_NAME, route: "POST /api/run-query", userId: users.analyst.id }]);

  controller.abort();
  await answer;
  await expect.poll(async () => (await transactionsRunning(marker)).length, { timeout: 20_000, interval: 100 }).toBe(0);
});

it.each([
  ["read", runRead],
  ["write", runWrite],
] as const)("carries the same metadata on the data layer's own %s transactions", async (_, run) => {
  const route = `GET /api/it-${randomBytes(4).toString("hex")}`;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const work = withRequestContext({ route, userId: users.editor.id, bookmarks: [] }, () =>
    run(async (tx) => {
      await tx.run("RETURN 1");
      await released;
    }),
  );
  const listed = async () => {
    const rows = await cypher("SHOW TRANSACTIONS YIELD metaData RETURN metaData");
    return rows.map((row) => row.metaData as Record<string, unknown>).filter((metadata) => metadata.route === route);
  };
  try {
    await expect.poll(listed, { timeout: 20_000, interval: 100 }).toEqual([{ app: APP_NAME, route, userId: users.editor.id }]);
  } finally {
    release();
    await work;
  }
});

it("carries the same metadata on a schema statement, which runs in an auto-commit transaction of its own", async () => {
  const marker = `it-tx-schema-${randomBytes(4).toString("hex")}`;
  const route = `GET /api/it-${marker}`;
  const controller = new AbortController();
  // Any statement does: an endless one stays listed until the abort closes its session.
  const work = withRequestContext({ route, userId: users.admin.id, bookmarks: [], signal: controller.signal }, () =>
    runSchemaStatement(endlessQuery(marker)),
  );
  try {
    await expect
      .poll(async () => (await transactionsRunning(marker)).map((running) => running.metaData), { timeout: 20_000, interval: 100 })
      .toEqual([{ app: APP_NAME, route, userId: users.admin.id }]);
  } finally {
    controller.abort();
    await work.catch(() => undefined);
  }
  await expect.poll(async () => (await transactionsRunning(marker)).length, { timeout: 20_000, interval: 100 }).toBe(0);
});

it("stops the query on the server when the browser aborts the request", async () => {
  const marker = `it-tx-abort-${randomBytes(4).toString("hex")}`;
  const controller = new AbortController();
  const answer = runDraft(endlessQuery(marker), controller.signal);
  await expect.poll(async () => (await transactionsRunning(marker)).length, { timeout: 20_000, interval: 100 }).toBe(1);

  controller.abort();
  const response = await answer;
  expect(response.status).toBe(499);
  // Gone from the server's list: terminated, not left to run for the ten minutes it was allowed.
  await expect.poll(async () => (await transactionsRunning(marker)).length, { timeout: 20_000, interval: 100 }).toBe(0);
});

it("takes an aborted request out of the admission queue while it waits its turn", async () => {
  setEnvironment("REDSTRING_DB_CONCURRENCY", "1");
  // The only slot, held until the test releases it.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  const holder = runRead(async (tx) => {
    await tx.run("RETURN 1");
    holding = true;
    await released;
  });
  try {
    await expect.poll(() => holding, { timeout: 20_000 }).toBe(true);
    const controller = new AbortController();
    const waiting = searchRoute(
      new NextRequest(new URL("/api/search?q=thermo", TEST_BASE), { headers: { cookie: users.viewer.cookie }, signal: controller.signal }),
    );
    await expect.poll(() => admissionState().waiting, { timeout: 20_000 }).toBe(1);

    controller.abort();
    expect((await waiting).status).toBe(499);
    // Left the line while the slot is still taken: nobody behind it waits for a request nobody reads.
    expect(admissionState()).toEqual({ running: 1, waiting: 0 });
  } finally {
    release();
    await holder;
    setEnvironment("REDSTRING_DB_CONCURRENCY", saved.concurrency);
  }
  expect(admissionState()).toEqual({ running: 0, waiting: 0 });
});
