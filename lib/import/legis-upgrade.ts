/**
 * Brings a database imported with the first US Congress mapping (legis-graph-114) up to the current one,
 * since a re-import changes nothing that exists (properties are set on create only):
 *   - committees, typed Agency then, become Committee, their chamber read back from the old
 *     `jurisdiction` field ("House of Representatives" / "Senate" / "Joint committee of both chambers");
 *   - bills, named by their title then, are named by their number ("H.R. 969"), the old name kept as an
 *     alias so nothing searched for before is lost;
 *   - legislators get `current`: true when legislators-current.csv lists them, false otherwise.
 * Idempotent: a second run finds nothing left to change. The subcommittees and their seats, which the old
 * mapping dropped, are new rows: running `npm run import:legis` after this adds them.
 * Values the old mapping wrote as text ("yes"/"no", "114") are the generic conversion's to type.
 */
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { write } from "../database";
import { ENTITY_TYPE_SPECS } from "../model/registry";
import { evaluate, type CsvMapping, type ValueSpec } from "./mapping";

export interface LegisUpgradeOptions {
  /** The folder of the data set's files (legislators-current.csv is read). */
  directory: string;
  /** The current mapping (graph-seed/mappings.ts, legisMapping()): bills are named as its import names them. */
  mapping: CsvMapping;
  /** The id prefix the import ran with (tests and trial runs); none in production. */
  idPrefix?: string;
}

export interface LegisUpgradeResult {
  committees: number;
  bills: number;
  legislators: number;
}

/** The old `jurisdiction` text of a committee -> its chamber. */
const CHAMBER_OF_JURISDICTION: Record<string, string> = {
  "House of Representatives": "house",
  Senate: "senate",
  "Joint committee of both chambers": "joint",
};

const AGENCY = ENTITY_TYPE_SPECS.Agency.type;
const COMMITTEE = ENTITY_TYPE_SPECS.Committee.type;
const BILL = ENTITY_TYPE_SPECS.Bill.type;
const LEGISLATOR = ENTITY_TYPE_SPECS.Legislator.type;

/** The bill name spec of the mapping: the upgrade names bills exactly as an import does. */
function billNameSpec(mapping: CsvMapping): ValueSpec {
  const bills = mapping.nodes.find((node) => node.file === "bills.csv" && node.type === BILL);
  if (!bills) throw new Error("the US Congress mapping has no bills.csv mapping");
  return bills.name;
}

function currentBioguideIds(directory: string): string[] {
  const rows = parse(readFileSync(path.join(directory, "legislators-current.csv")), { columns: true }) as Record<string, string>[];
  return rows.map((row) => (row.bioguideID ?? "").trim().toLowerCase()).filter((id) => id !== "");
}

export async function upgradeLegisGraph({ directory, mapping, idPrefix = "" }: LegisUpgradeOptions): Promise<LegisUpgradeResult> {
  const nameSpec = billNameSpec(mapping);
  const current = currentBioguideIds(directory).map((id) => `${idPrefix}legislator-${id}`);

  const committees = await write(async (tx) => {
    const result = await tx.run(
      `MATCH (c:${AGENCY}) WHERE c.id STARTS WITH $committee AND c.jurisdiction IN keys($chambers)
       REMOVE c:${AGENCY} SET c:${COMMITTEE}, c.chamber = $chambers[c.jurisdiction]
       REMOVE c.jurisdiction
       RETURN count(c) AS n`,
      { committee: `${idPrefix}committee-`, chambers: CHAMBER_OF_JURISDICTION },
    );
    return Number(result.records[0]?.get("n") ?? 0);
  });

  const bills = await write(async (tx) => {
    const found = await tx.run(
      `MATCH (b:${BILL}) WHERE b.id STARTS WITH $bill RETURN b.id AS id, b.name AS name, coalesce(b.aliases, []) AS aliases`,
      { bill: `${idPrefix}bill-` },
    );
    const changes = found.records.flatMap((record) => {
      const id = record.get("id") as string;
      const billID = id.slice(`${idPrefix}bill-`.length);
      const name = evaluate(nameSpec, { billID }).value;
      const oldName = record.get("name") as string;
      // A bill type the mapping does not know keeps its name rather than be named by its bare id.
      if (typeof name !== "string" || name === oldName || name === billID.split("-")[0]) return [];
      const aliases = [...new Set([oldName, ...(record.get("aliases") as string[])])].filter((alias) => alias !== name);
      return [{ id, name, aliases, aliasText: aliases.join(" | ") }];
    });
    await tx.run(
      `UNWIND $changes AS change MATCH (b:${BILL} {id: change.id})
       SET b.name = change.name, b.aliases = change.aliases, b.aliasText = change.aliasText`,
      { changes },
    );
    return changes.length;
  });

  const legislators = await write(async (tx) => {
    const result = await tx.run(
      // Only the data set's legislators (ids from bioguide ids: a letter and six digits), not ones made by
      // hand or by the demo story ("legislator-marco-rubio"), whose sitting or not this file cannot tell.
      `MATCH (l:${LEGISLATOR}) WHERE l.id STARTS WITH $legislator AND substring(l.id, size($legislator)) =~ '[a-z][0-9]{6}'
       WITH l, l.id IN $current AS sitting WHERE l.current IS NULL OR l.current <> sitting
       SET l.current = sitting
       RETURN count(l) AS n`,
      { legislator: `${idPrefix}legislator-`, current },
    );
    return Number(result.records[0]?.get("n") ?? 0);
  });

  return { committees, bills, legislators };
}
