/**
 * "Money received per party", asked as an analyst would: the FollowTheMoney donations imported whole (under
 * a unique id prefix), then `sum(r.amount)` per beneficiary through POST /api/run-query. The answer must
 * equal what a short script computes from the raw files: donations.ijson's Payment amounts per
 * beneficiary, and donations.csv's DonationEUR per party as a cross-check. Nothing is pasted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { closeDriver } from "@/lib/db/driver";
import { ensureDatabaseReady } from "@/lib/database";
import { datasetsDir } from "@/lib/import/datasets";
import { ftmSource } from "@/lib/import/ftm";
import { neo4jImportStore } from "@/lib/import/neo4j-store";
import { runImport } from "@/lib/import/pipeline";
import type { QueryRunResult } from "@/lib/queries/execute";
import { createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FOLDER = path.join(datasetsDir(ROOT), "ftm-donations");
const prefix = uniquePrefix("money");
let analyst: TestUser;

interface FtmLine {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** Cents, so that sums in another order compare exactly. */
const cents = (euros: number) => Math.round(euros * 100);

/** The raw FtM file: per beneficiary's name, the payments' amountEur summed and counted. */
function receivedFromIjson(): Map<string, { cents: number; payments: number }> {
  const lines = readFileSync(path.join(FOLDER, "donations.ijson"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FtmLine);
  const names = new Map(lines.map((line) => [line.id, line.properties.name?.[0] ?? line.id]));
  const received = new Map<string, { cents: number; payments: number }>();
  for (const payment of lines.filter((line) => line.schema === "Payment")) {
    const party = names.get(payment.properties.beneficiary?.[0] ?? "") ?? "";
    const entry = received.get(party) ?? { cents: 0, payments: 0 };
    entry.cents += cents(Number(payment.properties.amountEur?.[0]));
    entry.payments += 1;
    received.set(party, entry);
  }
  return received;
}

/**
 * The raw table: DonationEUR per party (the column has trailing spaces on some rows). FtM gives a payment an
 * id made from its content, so a row repeating a donation (same party, donor, date and amount) is one
 * payment there; the table counts it once too.
 */
function receivedFromCsv(): Map<string, number> {
  const rows = parse(readFileSync(path.join(FOLDER, "donations.csv")), { columns: true }) as Record<string, string>[];
  const seen = new Set<string>();
  const received = new Map<string, number>();
  for (const row of rows) {
    const party = (row.Party ?? "").trim();
    const key = JSON.stringify([party, row.Donor, row.DonationDate, row.DonationEUR]);
    if (seen.has(key)) continue;
    seen.add(key);
    received.set(party, (received.get(party) ?? 0) + cents(Number(row.DonationEUR)));
  }
  return received;
}

async function runAsAnalyst(body: unknown): Promise<QueryRunResult> {
  const response = await runDraftRoute(
    new NextRequest(new URL("/api/run-query", TEST_BASE), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: analyst.cookie, ...SAME_ORIGIN },
      body: JSON.stringify(body),
    }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: QueryRunResult }).result;
}

beforeAll(async () => {
  await ensureDatabaseReady();
  analyst = await createTestUser(prefix, "analyst");
  const imported = await runImport(ftmSource(path.join(FOLDER, "donations.ijson")), {
    store: neo4jImportStore,
    sourceReport: { id: "import-donations", name: "donations" },
    idPrefix: prefix,
  });
  expect(imported.problems).toEqual([]);
}, 120_000);

afterAll(async () => {
  await deleteByPrefix(prefix);
  await removeTestUsers(prefix);
  await closeDriver();
  await closeTestDriver();
});

describe("money received per party", () => {
  it("sums r.amount per beneficiary, in euros, as the raw files do", async () => {
    const result = await runAsAnalyst({
      cypher: `MATCH (:Entity)-[r:PAID]->(party:Entity) WHERE r.id STARTS WITH $prefix
               RETURN party.name AS party, sum(r.amount) AS received, count(r) AS payments, collect(DISTINCT r.currency) AS currencies
               ORDER BY party`,
      parameters: [{ name: "prefix", type: "string", required: true }],
      values: { prefix },
    });
    expect(result.columns).toEqual(["party", "received", "payments", "currencies"]);

    const fromIjson = receivedFromIjson();
    expect(fromIjson.size).toBeGreaterThan(1);
    const answered = new Map(
      result.rows.map(([party, received, payments, currencies]) => {
        // Typed end to end: the sum is a number (a text amount would have made sum() fail), the count too.
        expect(typeof received).toBe("number");
        expect(typeof payments).toBe("number");
        expect(currencies).toEqual(["EUR"]);
        return [String(party), { cents: cents(received as number), payments: payments as number }];
      }),
    );
    expect(answered).toEqual(fromIjson);

    // The cross-check: the table the FtM entities were mapped from gives the same totals per party.
    const fromCsv = receivedFromCsv();
    expect(new Map([...answered].map(([party, entry]) => [party, entry.cents]))).toEqual(fromCsv);
  });

  it("filters and orders by amount and date as typed values", async () => {
    const lines = readFileSync(path.join(FOLDER, "donations.ijson"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FtmLine)
      .filter((line) => line.schema === "Payment");
    const in2011Over50k = lines.filter(
      (line) => (line.properties.date?.[0] ?? "").startsWith("2011") && Number(line.properties.amountEur?.[0]) > 50_000,
    );
    expect(in2011Over50k.length).toBeGreaterThan(0);
    const result = await runAsAnalyst({
      cypher: `MATCH ()-[r:PAID]->() WHERE r.id STARTS WITH $prefix AND r.amount > 50000 AND r.date.year = 2011
               RETURN r.date AS date, r.amount AS amount ORDER BY date, amount`,
      parameters: [{ name: "prefix", type: "string", required: true }],
      values: { prefix },
    });
    const expected = in2011Over50k
      .map((line) => [line.properties.date?.[0] ?? "", Number(line.properties.amountEur?.[0])] as const)
      .sort(([a, x], [b, y]) => a.localeCompare(b) || x - y);
    // A date comes back as a date (tagged), an amount as a number: the table can show each as what it is.
    expect(result.rows).toEqual(expected.map(([date, amount]) => [{ kind: "date", value: date }, amount]));
  });
});
