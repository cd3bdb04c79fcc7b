/**
 * A browser that gives up on a request stops its query on the server, through the real HTTP server: the
 * page aborts its fetch, Next.js aborts the request's signal, the app closes the session and Neo4j
 * terminates the transaction (lib/db/session.ts). While it runs, the database's own list of transactions
 * says which app, route and user it belongs to. Observed in SHOW TRANSACTIONS by polling.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { closeTestDriver, runCypher } from "./support";

test.afterAll(closeTestDriver);

/** The server's running transactions whose query contains `marker`, with their metadata. */
async function running(marker: string): Promise<Record<string, unknown>[]> {
  const result = await runCypher("SHOW TRANSACTIONS YIELD currentQuery, metaData RETURN currentQuery, metaData");
  return result.records.filter((record) => String(record.get("currentQuery")).includes(marker)).map((record) => record.get("metaData") as Record<string, unknown>);
}

test("aborting a query run in the browser terminates it on the server", async ({ page }) => {
  // The server runs with the environment this test runs with: its run limit is this one.
  const runLimitMs = Number(process.env.REDSTRING_QUERY_TIMEOUT_MS ?? 10_000);
  const marker = `e2e-cancel-${randomBytes(4).toString("hex")}`;
  await page.goto("/queries");
  const me = (await (await page.request.get("/api/auth/me")).json()) as { user: { id: string } | null };
  expect(me.user).not.toBeNull();

  await page.evaluate((cypher) => {
    const controller = new AbortController();
    (window as unknown as { __abortRun: () => void }).__abortRun = () => controller.abort();
    void fetch("/api/run-query", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cypher, parameters: [], values: {} }),
      signal: controller.signal,
    }).catch(() => undefined);
  }, `UNWIND range(1, 1000000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n, '${marker}' AS marker`);

  await expect.poll(() => running(marker), { timeout: 20_000, intervals: [100] }).toEqual([
    { app: "redstring", route: "POST /api/run-query", userId: me.user?.id },
  ]);
  await page.evaluate(() => (window as unknown as { __abortRun: () => void }).__abortRun());
  // Gone well before the run's own limit would have stopped it: the abort did it, not the timeout.
  await expect.poll(async () => (await running(marker)).length, { timeout: runLimitMs / 2, intervals: [100] }).toBe(0);
});
