/**
 * Plain questions about the US Congress data set (legis-graph-114), asked as an analyst would (a query
 * run through the query runner, with the documented fields; the search box's search), against what a
 * short script computes from the raw CSV files. The files are imported through the committed mapping
 * under a unique id prefix; votes, referrals and subjects are left out (no question here needs them) and
 * sponsors.csv is cut to its sponsor rows, to keep the run short. Expectations come from the files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { legisMapping } from "@/graph-seed/mappings";
import { closeDriver } from "@/lib/db/driver";
import { searchEntities } from "@/lib/explore/search";
import { csvSource } from "@/lib/import/csv";
import { datasetsDir } from "@/lib/import/datasets";
import { upgradeLegisGraph } from "@/lib/import/legis-upgrade";
import type { CsvMapping } from "@/lib/import/mapping";
import { neo4jImportStore } from "@/lib/import/neo4j-store";
import { runImport } from "@/lib/import/pipeline";
import { executeQuery } from "@/lib/queries/execute";
import type { ParameterDeclaration } from "@/lib/queries/parameters";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE = path.join(datasetsDir(ROOT), "legis-graph-114");
const prefix = uniquePrefix("legis");
type Row = Record<string, string>;
const rowsOf = (file: string) => parse(readFileSync(path.join(SOURCE, file)), { columns: true }) as Row[];

/** The raw files, as the expectations read them. */
const current = rowsOf("legislators-current.csv");
const historical = rowsOf("legislators-historical.csv");
const committees = rowsOf("committees-current.csv");
const seats = rowsOf("committee-members.csv");
const bills = rowsOf("bills.csv");
const sponsorRows = rowsOf("sponsors.csv").filter((row) => row.cosponsor === "0");

const legislatorId = (bioguide: string) => `${prefix}legislator-${bioguide.toLowerCase()}`;
const committeeId = (thomas: string) => `${prefix}committee-${thomas.toLowerCase()}`;
const billId = (bill: string) => `${prefix}bill-${bill}`;

let dir: string;

async function ask(query: string, values: Record<string, string> = {}) {
  const parameters: ParameterDeclaration[] = Object.keys({ prefix, ...values }).map((name) => ({ name, type: "string", required: true }));
  const result = await executeQuery({ cypher: query, parameters, values: { prefix, ...values } });
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column, row[index]])));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "redstring-legis-answers-"));
  const files = ["legislators-current.csv", "legislators-historical.csv", "committees-current.csv", "committee-members.csv", "bills.csv"];
  mkdirSync(path.join(dir, "data"));
  for (const file of files) writeFileSync(path.join(dir, "data", file), readFileSync(path.join(SOURCE, file)));
  // Ids only (no commas, no quotes): written as plain lines.
  const sponsorLines = sponsorRows.map((row) => `${row.billID},${row.bioguideID},${row.cosponsor}`);
  writeFileSync(path.join(dir, "data", "sponsors.csv"), `billID,bioguideID,cosponsor\n${sponsorLines.join("\n")}\n`);
  const committed = legisMapping();
  const keep = new Set([...files, "sponsors.csv"]);
  const mapping: CsvMapping = {
    ...committed,
    nodes: committed.nodes.filter((node) => keep.has(node.file)),
    relationships: committed.relationships.filter((relationship) => keep.has(relationship.file)),
  };
  const result = await runImport(csvSource({ mapping, directory: path.join(dir, "data") }), {
    store: neo4jImportStore,
    sourceReport: { id: "import-legis", name: "legis answers" },
    skipInvalid: true,
    idPrefix: prefix,
    // Small batches: each write stays well within the database deadline on a busy machine.
    batchSize: 1_000,
  });
  expect(result.status).toBe("imported");
}, 900_000);

afterAll(async () => {
  await deleteByPrefix(prefix);
  rmSync(dir, { recursive: true, force: true });
  await closeDriver();
  await closeTestDriver();
});

describe("the US Congress data set answers plain questions as the files do", () => {
  it("gives the sitting delegation of a state by party and chamber, former members apart", async () => {
    const party = (row: Row) => row.currentParty || { democrat: "Democrat", republican: "Republican", other: "Other" }[row.party ?? ""] || row.party;
    for (const state of ["NY", "CA"]) {
      const expected = new Map<string, number>();
      for (const row of current.filter((legislator) => legislator.state === state)) {
        const key = `${row.type === "Senate" ? "senate" : "house"} ${party(row)}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const answer = await ask(
        `MATCH (l:Legislator) WHERE l.id STARTS WITH $prefix AND l.state = $state AND l.current = true
         RETURN l.chamber AS chamber, l.party AS party, count(*) AS members`,
        { state },
      );
      expect(new Map(answer.map((row) => [`${String(row.chamber)} ${String(row.party)}`, Number(row.members)]))).toEqual(expected);

      const formerly = historical.filter((legislator) => legislator.state === state).length;
      const [former] = await ask(`MATCH (l:Legislator) WHERE l.id STARTS WITH $prefix AND l.state = $state AND l.current = false RETURN count(*) AS n`, { state });
      expect(Number(former?.n)).toBe(formerly);
    }
  });

  it("counts the bills enacted with a boolean", async () => {
    const enacted = bills.filter((bill) => bill.enacted === "True").length;
    expect(enacted).toBeGreaterThan(0);
    const [answer] = await ask("MATCH (b:Bill) WHERE b.id STARTS WITH $prefix AND b.enacted = true RETURN count(b) AS n");
    expect(Number(answer?.n)).toBe(enacted);
    const [vetoed] = await ask("MATCH (b:Bill) WHERE b.id STARTS WITH $prefix AND b.vetoed = true RETURN count(b) AS n");
    expect(Number(vetoed?.n)).toBe(bills.filter((bill) => bill.vetoed === "True").length);
  });

  it("lists a senator's committees and subcommittees, each subcommittee part of its committee", async () => {
    const known = new Set(committees.map((committee) => committee.thomasID));
    const derivable = (id: string) => known.has(id) || known.has(id.slice(0, 4));
    const senators = current.filter((legislator) => legislator.type === "Senate");
    // The senator with the most seats on subcommittees: the seats the old import dropped.
    const subSeats = (bioguide: string) => seats.filter((seat) => seat.legislatorID === bioguide && !known.has(seat.committeeID ?? "")).length;
    const senator = [...senators].sort((a, b) => subSeats(b.bioguideID ?? "") - subSeats(a.bioguideID ?? ""))[0]!;
    const expected = [...new Set(seats.filter((seat) => seat.legislatorID === senator.bioguideID && derivable(seat.committeeID ?? "")).map((seat) => seat.committeeID ?? ""))];
    expect(expected.some((id) => !known.has(id))).toBe(true);

    const answer = await ask(
      `MATCH (l:Legislator {id: $id})-[:MEMBER_OF]->(c:Committee)
       OPTIONAL MATCH (c)-[:PART_OF]->(parent:Committee)
       RETURN c.id AS committee, c.name AS name, parent.id AS parent ORDER BY committee`,
      { id: legislatorId(senator.bioguideID ?? "") },
    );
    expect(answer.map((row) => row.committee)).toEqual(expected.map(committeeId).sort());
    for (const row of answer) {
      const thomas = expected.find((id) => committeeId(id) === row.committee)!;
      if (known.has(thomas)) {
        expect(row).toMatchObject({ name: committees.find((committee) => committee.thomasID === thomas)?.name, parent: null });
      } else {
        expect(row.parent).toBe(committeeId(thomas.slice(0, 4)));
      }
    }
  });

  it("ranks the top sponsors among sitting legislators only", async () => {
    const sitting = new Set(current.map((legislator) => legislator.bioguideID));
    const billIds = new Set(bills.map((bill) => bill.billID));
    const counts = new Map<string, number>();
    for (const row of sponsorRows) {
      if (!sitting.has(row.bioguideID) || !billIds.has(row.billID)) continue;
      const id = legislatorId(row.bioguideID ?? "");
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const expected = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    const answer = await ask(
      `MATCH (l:Legislator)-[s:SPONSORED {role: 'sponsor'}]->(b:Bill) WHERE l.id STARTS WITH $prefix AND l.current = true
       RETURN l.id AS id, count(b) AS bills ORDER BY bills DESC, id LIMIT 10`,
    );
    expect(answer.map((row) => [row.id, Number(row.bills)])).toEqual(expected);
  });

  it.each([
    ["H.R. 2", "hr2-114"],
    ["hr2", "hr2-114"],
    ["HR 2", "hr2-114"],
    ["S.1603", "s1603-114"],
    ["s 1603", "s1603-114"],
  ])("finds a bill by its number typed as %s", async (text, bill) => {
    expect(bills.some((row) => row.billID === bill)).toBe(true);
    const hits = await searchEntities(TEST_VIEWER, text, { limit: 50 });
    expect(hits.map((hit) => hit.id)).toContain(billId(bill));
    // Bills of that number from other test data may tie with it; none of another number ranks above.
    const ours = hits.find((hit) => hit.id === billId(bill))!;
    expect(hits[0]?.name).toBe(ours.name);
    expect(ours.name).toBe(bill.startsWith("hr") ? "H.R. 2" : "S. 1603");
  });
});

describe("a database imported with the first mapping", () => {
  it("is brought up to date once: committees typed, bills named by number, the sitting flag set", async () => {
    const bill = bills.find((row) => row.billID === "hr2-114")!;
    const committee = committees.find((row) => row.type === "senate")!;
    const legislator = current[0]!;
    // The state the first mapping left: committee an Agency, bill named by its title, no sitting flag.
    await cypher(
      `MATCH (c:Committee {id: $committee}) REMOVE c:Committee SET c:Agency, c.jurisdiction = 'Senate' REMOVE c.chamber
       WITH 1 AS one MATCH (b:Bill {id: $bill}) SET b.name = $title, b.aliases = [$upper], b.aliasText = $upper
       WITH 1 AS one MATCH (l:Legislator {id: $legislator}) REMOVE l.current`,
      { committee: committeeId(committee.thomasID ?? ""), bill: billId(bill.billID ?? ""), title: bill.officialTitle?.slice(0, 300), upper: "HR2-114", legislator: legislatorId(legislator.bioguideID ?? "") },
    );
    const first = await upgradeLegisGraph({ directory: SOURCE, mapping: legisMapping(), idPrefix: prefix });
    expect(first).toEqual({ committees: 1, bills: 1, legislators: 1 });
    const [after] = await cypher(
      `MATCH (c:Entity {id: $committee}) MATCH (b:Bill {id: $bill}) MATCH (l:Legislator {id: $legislator})
       RETURN labels(c) AS labels, c.chamber AS chamber, c.jurisdiction AS jurisdiction, b.name AS name, b.aliases AS aliases, l.current AS current`,
      { committee: committeeId(committee.thomasID ?? ""), bill: billId(bill.billID ?? ""), legislator: legislatorId(legislator.bioguideID ?? "") },
    );
    expect(after).toEqual({
      labels: expect.arrayContaining(["Committee"]),
      chamber: "senate",
      jurisdiction: null,
      name: "H.R. 2",
      aliases: [bill.officialTitle?.slice(0, 300), "HR2-114"],
      current: true,
    });
    expect(after?.labels).not.toContain("Agency");
    expect(await upgradeLegisGraph({ directory: SOURCE, mapping: legisMapping(), idPrefix: prefix })).toEqual({ committees: 0, bills: 0, legislators: 0 });
  });
});
