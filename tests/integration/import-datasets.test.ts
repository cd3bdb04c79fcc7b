/**
 * The importers against a real Neo4j: the two real data sets (legis-graph-114 as a slice derived at run
 * time, the FtM donations whole), a Redstring JSON round trip, broken input writing nothing, and a CLI
 * run killed midway then completed by a re-run. Everything lives under a unique id prefix.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { legisMapping } from "@/graph-seed/mappings";
import { closeDriver } from "@/lib/db/driver";
import { ensureDatabaseReady } from "@/lib/database";
import { getSubgraph } from "@/lib/explore/entities";
import { toRedstringJson } from "@/lib/export/json-csv";
import { csvSource } from "@/lib/import/csv";
import { datasetsDir } from "@/lib/import/datasets";
import { ftmSource } from "@/lib/import/ftm";
import { neo4jImportStore } from "@/lib/import/neo4j-store";
import { runImport } from "@/lib/import/pipeline";
import { redstringJsonSource } from "@/lib/import/redstring-json";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { sliceFile } from "../support/files";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATASETS = datasetsDir(ROOT);
const prefix = uniquePrefix("import");
let dir: string;

async function counts(under: string) {
  const [row] = await cypher(
    `CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() WHERE r.id STARTS WITH $p RETURN count(r) AS rels, count(DISTINCT r.id) AS distinctRels }
     RETURN nodes, rels, distinctRels`,
    { p: under },
  );
  return { nodes: Number(row?.nodes), relationships: Number(row?.rels), distinct: Number(row?.distinctRels) };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "redstring-import-it-"));
  await ensureDatabaseReady();
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  rmSync(dir, { recursive: true, force: true });
  await closeDriver();
  await closeTestDriver();
});

describe("legis-graph-114 through the committed mapping", () => {
  const legisPrefix = `${prefix}legis-`;
  const source = path.join(DATASETS, "legis-graph-114");
  const mapping = legisMapping();
  const rowsOf = (file: string) => parse(readFileSync(path.join(dir, "legis", file)), { columns: true }) as Record<string, string>[];

  it("loads a slice with exact counts, reports dangling references, and changes nothing on re-import", async () => {
    const target = path.join(dir, "legis");
    rmSync(target, { recursive: true, force: true });
    (await import("node:fs")).mkdirSync(target);
    const whole = ["legislators-current.csv", "committees-current.csv", "subjects.csv"];
    const sliced = ["legislators-historical.csv", "bills.csv", "committee-members.csv", "sponsors.csv", "votes.csv", "bill_committees.csv", "bill_subjects.csv"];
    for (const file of whole) await sliceFile(path.join(source, file), path.join(target, file), Number.MAX_SAFE_INTEGER);
    for (const file of sliced) await sliceFile(path.join(source, file), path.join(target, file), 2_000);

    // Expected counts, derived independently of the importer from the same slice.
    const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/-{2,}/g, "-").replace(/^[-._]+|-+$/g, "");
    const legislators = new Set([...rowsOf("legislators-current.csv"), ...rowsOf("legislators-historical.csv")].map((row) => slug(row.bioguideID ?? "")));
    const committees = new Set(rowsOf("committees-current.csv").map((row) => slug(row.thomasID ?? "")));
    const bills = new Set(rowsOf("bills.csv").map((row) => slug(row.billID ?? "")));
    const subjects = new Set(rowsOf("subjects.csv").map((row) => slug(row.title ?? "")));
    // Subcommittees come from the seats that name them (SSBK04, part of SSBK).
    const subcommittees = new Set(rowsOf("committee-members.csv").filter((row) => (row.committeeID ?? "").length >= 5).map((row) => slug(row.committeeID ?? "")));
    let expectedRelationships = 0;
    let dangling = 0;
    const count = (file: string, key: (row: Record<string, string>) => string, ok: (row: Record<string, string>) => boolean) => {
      // Rows repeated identically are one relationship (or one refusal): count distinct ids.
      const ids = new Set<string>();
      const refused = new Set<string>();
      for (const row of rowsOf(file)) (ok(row) ? ids : refused).add(key(row));
      expectedRelationships += ids.size;
      dangling += refused.size;
    };
    const s = (value: string | undefined) => slug(value ?? "");
    count("committee-members.csv", (r) => `${r.committeeID}-${r.legislatorID}`, (r) => legislators.has(s(r.legislatorID)) && (committees.has(s(r.committeeID)) || subcommittees.has(s(r.committeeID))));
    // Each subcommittee PART_OF its committee (the first four letters of its id), when that is in the slice.
    for (const subcommittee of subcommittees) {
      if (committees.has(subcommittee.slice(0, 4))) expectedRelationships += 1;
      else dangling += 1;
    }
    count("sponsors.csv", (r) => `${r.billID}-${r.bioguideID}`, (r) => legislators.has(s(r.bioguideID)) && bills.has(s(r.billID)));
    count("votes.csv", (r) => `${r.billID}-${r.bioguideID}-${s(r.vote)}`, (r) => legislators.has(s(r.bioguideID)) && bills.has(s(r.billID)));
    count("bill_committees.csv", (r) => `${r.billID}-${r.committeeID}`, (r) => bills.has(s(r.billID)) && committees.has(s(r.committeeID)));
    count("bill_subjects.csv", (r) => `${r.billID}-${r.title}`, (r) => bills.has(s(r.billID)) && subjects.has(s(r.title)));
    const expectedEntities = legislators.size + committees.size + subcommittees.size + bills.size + subjects.size + 1; // + the source Report

    const options = { store: neo4jImportStore, sourceReport: { id: "import-legis", name: "legis slice" }, skipInvalid: true, idPrefix: legisPrefix, keepProblems: 100_000 };
    const first = await runImport(csvSource({ mapping, directory: target }), options);
    expect(first.status).toBe("imported");
    expect(await counts(legisPrefix)).toEqual({ nodes: expectedEntities, relationships: expectedRelationships, distinct: expectedRelationships });
    const danglingProblems = first.problems.filter((problem) => /unknown (start|end) entity/.test(problem.reason));
    expect(danglingProblems).toHaveLength(dangling);
    expect(danglingProblems[0]).toMatchObject({ file: expect.stringMatching(/\.csv$/), line: expect.any(Number) });
    const [cited] = await cypher("MATCH ()-[r:SPONSORED]->() WHERE r.id STARTS WITH $p RETURN r.sources AS sources LIMIT 1", { p: legisPrefix });
    expect(cited?.sources).toEqual([`${legisPrefix}import-legis`]);

    const again = await runImport(csvSource({ mapping, directory: target }), options);
    expect(again.entities.created + again.relationships.created).toBe(0);
    expect(await counts(legisPrefix)).toEqual({ nodes: expectedEntities, relationships: expectedRelationships, distinct: expectedRelationships });
  }, 240_000);
});

describe("FollowTheMoney donations", () => {
  it("loads every entity and payment once, with amounts and dates", async () => {
    const ftmPrefix = `${prefix}ftm-`;
    const file = path.join(DATASETS, "ftm-donations/donations.ijson");
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> });
    const things = lines.filter((line) => line.schema !== "Payment");
    const addressLinks = things.reduce((sum, line) => sum + (line.properties.addressEntity?.length ?? 0), 0);
    const payments = lines.length - things.length;
    const options = { store: neo4jImportStore, sourceReport: { id: "import-donations", name: "donations" }, idPrefix: ftmPrefix };

    const first = await runImport(ftmSource(file), options);
    expect(first.problems).toEqual([]);
    expect(await counts(ftmPrefix)).toEqual({ nodes: things.length + 1, relationships: payments + addressLinks, distinct: payments + addressLinks });
    const [payment] = await cypher("MATCH (:Person)-[r:PAID {id: $id}]->(:Organization) RETURN r.currency AS currency, r.amount AS amount, r.date IS :: DATE AS isDate, toString(r.date) AS date",
      { id: `${ftmPrefix}ftm-2216b422a31242fe204654ce194864661f515921` });
    const raw = lines.find((line) => line.id === "2216b422a31242fe204654ce194864661f515921")!.properties;
    // Typed: the amount a number (sums work), the date a Neo4j Date, both as the file gives them.
    expect(payment).toEqual({ currency: "EUR", amount: Number(raw.amountEur![0]), isDate: true, date: raw.date![0] });
    const again = await runImport(ftmSource(file), options);
    expect(again.entities.created + again.relationships.created).toBe(0);
  });
});

describe("Redstring JSON", () => {
  it("export then import gives back the same graph", async () => {
    const jsonPrefix = `${prefix}json-`;
    const original = [
      { type: "Report", id: `${jsonPrefix}r`, name: "A report", aliases: [], publishedAt: "2019-02-20", kind: "article" },
      { type: "Company", id: `${jsonPrefix}c`, name: "Acme", aliases: ["A"], industry: "Widgets" },
      { type: "Agency", id: `${jsonPrefix}a`, name: "Agency", aliases: [] },
      { type: "Event", id: `${jsonPrefix}e`, name: "Sale", aliases: [], date: "2018-02-01", datePrecision: "month" },
    ];
    const relationships = [
      { id: `${jsonPrefix}s`, type: "SUPPLIED", from: `${jsonPrefix}c`, to: `${jsonPrefix}a`, properties: { product: "x" }, sources: [`${jsonPrefix}r`], quote: "q" },
      { id: `${jsonPrefix}d`, type: "DOCUMENTS", from: `${jsonPrefix}r`, to: `${jsonPrefix}e`, properties: {}, sources: [`${jsonPrefix}r`] },
    ];
    const file = path.join(dir, "graph.json");
    writeFileSync(file, JSON.stringify({ format: "redstring-graph", version: 1, exportedAt: new Date().toISOString(), entities: original, relationships }, null, 2));
    expect((await runImport(redstringJsonSource(file), { store: neo4jImportStore, sourceReport: null })).status).toBe("imported");

    const ids = original.map((entity) => entity.id);
    const exported = toRedstringJson(await getSubgraph(TEST_VIEWER, ids), { exportedAt: "x" });
    await deleteByPrefix(jsonPrefix);
    const second = path.join(dir, "graph2.json");
    writeFileSync(second, JSON.stringify(exported, null, 2));
    const result = await runImport(redstringJsonSource(second), { store: neo4jImportStore, sourceReport: null });
    expect(result.entities.created).toBe(4);
    expect(result.relationships.created).toBe(2);
    const reExported = toRedstringJson(await getSubgraph(TEST_VIEWER, ids), { exportedAt: "x" });
    expect(reExported).toEqual(exported);
  });
});

describe("broken input", () => {
  it("writes nothing when a row is bad", async () => {
    const brokenPrefix = `${prefix}broken-`;
    const file = path.join(dir, "broken.ijson");
    writeFileSync(file, '{"id": "a", "schema": "Company", "properties": {"name": ["A"]}}\n{"id": "p", "schema": "Payment", "properties": {"payer": ["a"], "beneficiary": ["missing"]}}\n');
    const result = await runImport(ftmSource(file), { store: neo4jImportStore, sourceReport: { id: "import-broken", name: "broken" }, idPrefix: brokenPrefix });
    expect(result.status).toBe("refused");
    expect(result.problems).toEqual([{ file, line: 2, reason: expect.stringContaining(`unknown end entity "${brokenPrefix}ftm-missing"`) }]);
    expect(await counts(brokenPrefix)).toEqual({ nodes: 0, relationships: 0, distinct: 0 });
  });
});

describe("the CLI, killed midway", () => {
  const ROWS = 20_000;
  function runCli(args: string[], killOnCommit = false): Promise<{ code: number | null; killed: boolean; output: string }> {
    return new Promise((resolve) => {
      // One process, as scripts/import.mjs runs it (no tsx launcher in between): the kill hits the writer itself.
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "graph-seed/import-cli.ts", ...args], { cwd: ROOT, env: process.env });
      let output = "";
      let killed = false;
      const watch = (chunk: Buffer) => {
        output += chunk.toString();
        if (killOnCommit && !killed && /write relationships:.*batch committed/.test(output)) {
          killed = true;
          child.kill("SIGKILL");
        }
      };
      child.stdout.on("data", watch);
      child.stderr.on("data", watch);
      child.on("exit", (code) => resolve({ code, killed, output }));
    });
  }

  it("leaves whole batches that a re-run completes to the exact counts", async () => {
    const killPrefix = `${prefix}kill-`;
    const sub = path.join(dir, "kill");
    (await import("node:fs")).mkdirSync(sub, { recursive: true });
    const people = ["id,name", ...Array.from({ length: ROWS }, (_, index) => `p${index},Person ${index}`)];
    const links = ["from,to", ...Array.from({ length: ROWS }, (_, index) => `p${index},p${(index * 7 + 1) % ROWS}`)];
    writeFileSync(path.join(sub, "people.csv"), `${people.join("\n")}\n`);
    writeFileSync(path.join(sub, "paid.csv"), `${links.join("\n")}\n`);
    writeFileSync(
      path.join(sub, "mapping.json"),
      JSON.stringify({
        nodes: [{ file: "people.csv", type: "Person", id: "id", name: "name" }],
        relationships: [{ file: "paid.csv", type: "PAID", id: { template: "pay-{from}-{to}" }, from: "from", to: "to" }],
      }),
    );
    const args = ["csv", "--mapping", path.join(sub, "mapping.json"), "--id-prefix", killPrefix, "--batch-size", "500", "--source-name", "kill test"];

    const killed = await runCli(args, true);
    expect(killed.killed).toBe(true);
    const partial = await counts(killPrefix);
    expect(partial.nodes).toBe(ROWS + 1);
    expect(partial.relationships).toBeGreaterThan(0);
    expect(partial.relationships).toBeLessThan(ROWS);

    const rerun = await runCli(args);
    expect(rerun.code).toBe(0);
    // "19,500": the count is formatted; the rerun writes what the kill cut off (the kill now stops the writer itself).
    expect(rerun.output).toMatch(/created 0 entities and [\d,]+ relationships/);
    expect(await counts(killPrefix)).toEqual({ nodes: ROWS + 1, relationships: ROWS, distinct: ROWS });
  }, 240_000);
});
