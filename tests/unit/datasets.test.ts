/**
 * The pure parts of data sets: refused rows summarised by reason (ids, numbers and quoted values taken
 * out), the TSV of refused rows (tabs and line breaks escaped, so a row stays one line of three fields),
 * data-set ids from names, the search's `datasets` parameter, and `datasets` kept through edits and merges.
 */
import { datasetIdFrom } from "@/lib/datasets/ids";
import { REFUSED_TSV_HEADER, ReasonTally, reasonKind, refusedTsvLine } from "@/lib/datasets/model";
import { tsvField } from "@/lib/format/tsv";
import { searchQuerySchema } from "@/lib/api-schemas";
import { datasetsOf, unitedDatasets } from "@/lib/editing/model";

describe("refused rows by reason", () => {
  it("counts rows refused for the same cause together, whatever ids, lines and values they name", () => {
    const reasons = [
      'relationship sponsored-hr1-a000055: unknown end entity "bill-hr1" (neither in the import nor in the database)',
      'relationship sponsored-s22-b001: unknown end entity "bill-s22" (neither in the import nor in the database)',
      'relationship voted-on-hr3-c12: unknown start entity "legislator-c12" (its own row was refused)',
      'entity "x" is already used on line 12 of a.csv, with different values',
      'entity "y" is already used on line 7 of a.csv, with different values',
      "relationship paid-1: MEMBER_OF cannot join Bill to Subject (bill-1 -> subject-2)",
    ];
    const tally = new ReasonTally();
    for (const reason of reasons) tally.add(reason);
    expect(tally.total).toBe(reasons.length);
    const summary = tally.summary();
    // Computed from the list: each distinct wording once, the counts adding up to every row.
    expect(summary.reduce((sum, entry) => sum + entry.rows, 0)).toBe(reasons.length);
    expect(summary).toContainEqual({ reason: "relationship …: unknown end entity … (neither in the import nor in the database)", rows: 2 });
    expect(summary).toContainEqual({ reason: "entity … is already used on line … of a.csv, with different values", rows: 2 });
    expect(summary).toContainEqual({ reason: "relationship …: unknown start entity … (its own row was refused)", rows: 1 });
    expect(summary).toContainEqual({ reason: "relationship …: MEMBER_OF cannot join Bill to Subject (…)", rows: 1 });
    expect(summary).toHaveLength(4);
  });

  it("keeps reasons that differ in wording apart, and orders by rows then wording", () => {
    expect(reasonKind("amount: not a number")).not.toBe(reasonKind("date: not a date"));
    const tally = new ReasonTally();
    for (const reason of ["b", "a", "b"]) tally.add(reason);
    expect(tally.summary()).toEqual([
      { reason: "b", rows: 2 },
      { reason: "a", rows: 1 },
    ]);
  });
});

describe("the refused-rows TSV", () => {
  it("escapes tabs, line breaks and backslashes so that every row is one line of three fields", () => {
    const problem = { file: "odd\tname.csv", line: 3, reason: 'bad value "a\tb"\nsecond line\r\nand a \\ backslash' };
    const line = refusedTsvLine(problem);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
    const fields = line.slice(0, -1).split("\t");
    expect(fields).toHaveLength(3);
    // Reading the escapes back gives the original text.
    const unescape = (field: string) => field.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c] ?? c);
    expect(fields.map(unescape)).toEqual([problem.file, String(problem.line), problem.reason]);
    expect(tsvField("plain")).toBe("plain");
    expect(REFUSED_TSV_HEADER.split("\t")).toHaveLength(3);
  });
});

describe("data set ids", () => {
  it("are slugs of the file or source name, without the data extension", () => {
    expect(datasetIdFrom("donations.ijson")).toBe("donations");
    expect(datasetIdFrom("Spenden 2002–2011.csv")).toBe("spenden-2002-2011");
    expect(datasetIdFrom("???")).toBe("data");
  });

  it("restrict a search through a comma-separated list, refused when malformed", () => {
    expect(searchQuerySchema.parse({ q: "x", datasets: "legis-graph-114, ftm-donations" }).datasets).toEqual(["legis-graph-114", "ftm-donations"]);
    expect(searchQuerySchema.safeParse({ q: "x", datasets: "Not A Slug" }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: "x", datasets: "," }).success).toBe(false);
    expect(searchQuerySchema.parse({ q: "x" }).datasets).toBeUndefined();
  });
});

describe("datasets through edits and merges", () => {
  it("joins both records' lists once each, and adds nothing when neither has one", () => {
    const a = { properties: { name: "A", datasets: ["legis-graph-114"] } };
    const b = { properties: { name: "B", datasets: ["ftm-donations", "legis-graph-114"] } };
    expect(unitedDatasets(a, b)).toEqual({ datasets: ["legis-graph-114", "ftm-donations"] });
    expect(unitedDatasets({ properties: { name: "C" } })).toEqual({});
    expect(datasetsOf({ properties: { datasets: "not a list" } })).toEqual([]);
  });
});
