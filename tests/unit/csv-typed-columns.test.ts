/**
 * Typed CSV columns (lib/import/column-types.ts, lib/import/mapping.ts): each type, the file's own words
 * for booleans, date formats, a bad cell refused with its line, column and value, and typed columns on
 * fields of another kind refused when the mapping is read.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { legisMapping } from "@/graph-seed/mappings";
import { parseDate } from "@/lib/import/column-types";
import { csvSource } from "@/lib/import/csv";
import { csvMappingSchema, mapNodeRow, mapRelationshipRow, type CsvMapping } from "@/lib/import/mapping";
import type { ImportItem } from "@/lib/import/types";
import { describeIssues } from "@/lib/validation";

const bill = (fields: Record<string, unknown>) =>
  csvMappingSchema.parse({ nodes: [{ file: "bills.csv", type: "Bill", id: "billID", name: "billID", fields }] }).nodes[0]!;
const enacted = { column: "enacted", type: "boolean", true: ["True"], false: ["False"] };

function refusal(mapping: unknown): string {
  const parsed = csvMappingSchema.safeParse(mapping);
  return parsed.success ? "accepted" : describeIssues(parsed.error);
}

describe("typed columns in a row", () => {
  it("turns a boolean column's own words into true and false", () => {
    const node = bill({ enacted });
    expect(mapNodeRow(node, { billID: "hr1", enacted: "True" })).toMatchObject({ entity: { enacted: true } });
    expect(mapNodeRow(node, { billID: "hr1", enacted: "False" })).toMatchObject({ entity: { enacted: false } });
  });

  it.each(["true", "yes", "1", "TRUE", "Maybe"])("does not guess that %s is a boolean: the row is refused naming the column and value", (word) => {
    const result = mapNodeRow(bill({ enacted }), { billID: "hr1", enacted: word });
    expect(result).toEqual({ reason: expect.stringContaining(`column "enacted": "${word}" is neither a true word ("True") nor a false word ("False")`) });
  });

  it("leaves an empty typed cell out, as an empty text cell is", () => {
    const result = mapNodeRow(bill({ enacted }), { billID: "hr1", enacted: "" });
    expect(result).toEqual({ entity: expect.not.objectContaining({ enacted: expect.anything() }) });
  });

  it("reads integers and numbers, and refuses what is not one", () => {
    const node = bill({ congress: { column: "congress", type: "integer" } });
    expect(mapNodeRow(node, { billID: "hr1", congress: "114" })).toMatchObject({ entity: { congress: 114 } });
    expect(mapNodeRow(node, { billID: "hr1", congress: "114.5" })).toEqual({ reason: expect.stringContaining('column "congress": "114.5" is not a whole number') });
    expect(mapNodeRow(node, { billID: "hr1", congress: "CXIV" })).toEqual({ reason: expect.stringContaining('"CXIV" is not a number') });

    const paid = csvMappingSchema.parse({
      relationships: [{ file: "p.csv", type: "PAID", id: "id", from: "from", to: "to", properties: { amount: { column: "amount", type: "number" } } }],
    }).relationships[0]!;
    const row = { id: "p1", from: "a", to: "b" };
    expect(mapRelationshipRow(paid, { ...row, amount: "1234.5" })).toMatchObject({ relationship: { properties: { amount: 1234.5 } } });
    expect(mapRelationshipRow(paid, { ...row, amount: "-3e2" })).toMatchObject({ relationship: { properties: { amount: -300 } } });
    for (const text of ["1,234.50", "$12", "12 EUR", "twelve"]) {
      expect(mapRelationshipRow(paid, { ...row, amount: text })).toEqual({ reason: `amount: column "amount": ${JSON.stringify(text)} is not a number` });
    }
  });

  it.each([
    ["YYYY-MM-DD", "2016-02-29", "2016-02-29"],
    ["DD.MM.YYYY", "14.03.2019", "2019-03-14"],
    ["DD.MM.YYYY", "4.3.2019", "2019-03-04"],
    ["MM/DD/YYYY", "03/14/2019", "2019-03-14"],
    ["MM/YYYY", "03/2019", "2019-03"],
    ["YYYY", "2019", "2019"],
  ])("reads a date written %s: %s is %s", (format, text, date) => {
    expect(parseDate(text, format)).toBe(date);
    const node = csvMappingSchema.parse({
      nodes: [{ file: "r.csv", type: "Report", id: "id", name: "id", fields: { publishedAt: { column: "published", type: "date", format } } }],
    }).nodes[0]!;
    expect(mapNodeRow(node, { id: "r1", published: text })).toMatchObject({ entity: { publishedAt: date } });
  });

  it.each([
    ["DD.MM.YYYY", "2019-03-14"],
    ["DD.MM.YYYY", "30.02.2019"],
    ["MM/DD/YYYY", "14/03/2019"],
    ["YYYY-MM-DD", "2019-3-14x"],
  ])("refuses a date that is not written %s or is no calendar day: %s", (format, text) => {
    expect(parseDate(text, format)).toBeNull();
  });
});

describe("typed columns in a mapping", () => {
  it("needs the file's own words for a boolean and a format for a date", () => {
    expect(refusal({ nodes: [{ file: "b.csv", type: "Bill", id: "id", name: "id", fields: { enacted: { column: "enacted", type: "boolean" } } }] })).toMatch(
      /a boolean column names the file's own words/,
    );
    expect(refusal({ nodes: [{ file: "b.csv", type: "Bill", id: "id", name: "id", fields: { enacted: { ...enacted, false: ["True"] } } }] })).toMatch(
      /cannot mean both true and false/,
    );
    expect(refusal({ nodes: [{ file: "r.csv", type: "Report", id: "id", name: "id", fields: { publishedAt: { column: "p", type: "date" } } }] })).toMatch(
      /a date column names its "format"/,
    );
    expect(
      refusal({ nodes: [{ file: "r.csv", type: "Report", id: "id", name: "id", fields: { publishedAt: { column: "p", type: "date", format: "DD.MM" } } }] }),
    ).toMatch(/has no YYYY/);
  });

  it.each([
    ["a boolean column on an integer field", { congress: enacted }, /Bill.congress is a integer field: a boolean column cannot fill it/],
    ["a number column on a boolean field", { enacted: { column: "enacted", type: "number" } }, /Bill.enacted is a boolean field: a number column cannot fill it/],
    ["a date column on a boolean field", { vetoed: { column: "v", type: "date", format: "YYYY" } }, /Bill.vetoed is a boolean field: a date column/],
  ])("refuses %s", (_what, fields, message) => {
    expect(refusal({ nodes: [{ file: "b.csv", type: "Bill", id: "id", name: "id", fields }] })).toMatch(message);
  });

  it("refuses a typed column as an id or a name, and text transforms on a typed column", () => {
    expect(refusal({ nodes: [{ file: "b.csv", type: "Bill", id: { column: "n", type: "integer" }, name: "id" }] })).toMatch(/the id is a text field/);
    expect(refusal({ nodes: [{ file: "b.csv", type: "Bill", id: "id", name: "id", fields: { enacted: { ...enacted, slug: true } } }] })).toMatch(
      /takes no text transform \(slug\)/,
    );
  });

  it("accepts untyped columns and constants on typed fields: the registry's schema judges them", () => {
    expect(refusal({ nodes: [{ file: "b.csv", type: "Bill", id: "id", name: "id", fields: { congress: { value: "114" }, enacted: "enacted" } }] })).toBe("accepted");
  });
});

describe("typed columns through a CSV file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "redstring-typed-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function itemsOf(mapping: CsvMapping): Promise<ImportItem[]> {
    const items: ImportItem[] = [];
    for await (const item of csvSource({ mapping, directory: dir }).items({ bytes: 0 })) items.push(item);
    return items;
  }

  it("refuses the row with a bad value by its line, and reads the others typed", async () => {
    writeFileSync(path.join(dir, "bills.csv"), "billID,enacted\nhr1,True\nhr2,yes\nhr3,False\n");
    const items = await itemsOf(csvMappingSchema.parse({ nodes: [{ file: "bills.csv", type: "Bill", id: "billID", name: "billID", fields: { enacted } }] }));
    expect(items.map((item) => (item.kind === "entity" ? [item.line, item.entity.enacted] : [item.line, item.kind === "problem" ? item.reason : item.kind]))).toEqual([
      [2, true],
      [3, 'enacted: column "enacted": "yes" is neither a true word ("True") nor a false word ("False")'],
      [4, false],
    ]);
  });

  it("reads only the rows a filter keeps, and gives a repeated id the first row's values", async () => {
    writeFileSync(path.join(dir, "subjects.csv"), "title\nAgriculture and food\nTaxation\nAgriculture and Food\n");
    writeFileSync(path.join(dir, "seats.csv"), "committeeID\nHSAG\nHSAG15\nSSBK04\n");
    const items = await itemsOf(
      csvMappingSchema.parse({
        nodes: [
          { file: "subjects.csv", sameId: "first", type: "Subject", id: { column: "title", slug: true }, name: "title" },
          {
            file: "seats.csv",
            when: { column: "committeeID", minLength: 5 },
            type: "Committee",
            id: { column: "committeeID", slug: true },
            name: { template: "Subcommittee {committeeID}" },
            fields: { chamber: { column: "committeeID", first: 1, map: { H: "house", S: "senate" } } },
          },
        ],
      }),
    );
    const entities = items.flatMap((item) => (item.kind === "entity" ? [item.entity] : []));
    expect(entities.map((entity) => [entity.id, entity.name, entity.chamber ?? null])).toEqual([
      ["agriculture-and-food", "Agriculture and food", null],
      ["taxation", "Taxation", null],
      ["agriculture-and-food", "Agriculture and food", null],
      ["hsag15", "Subcommittee HSAG15", "house"],
      ["ssbk04", "Subcommittee SSBK04", "senate"],
    ]);
  });
});

describe("the US Congress mapping's bills", () => {
  const mapping = legisMapping();
  const bills = mapping.nodes.find((node) => node.file === "bills.csv")!;
  it.each([
    ["hr969-114", "H.R. 969"],
    ["s1603-114", "S. 1603"],
    ["hjres12-114", "H.J.Res. 12"],
    ["sjres8-114", "S.J.Res. 8"],
    ["hconres1-114", "H.Con.Res. 1"],
    ["sconres11-114", "S.Con.Res. 11"],
    ["hres5-114", "H.Res. 5"],
    ["sres20-114", "S.Res. 20"],
  ])("names %s by its number as people write it: %s", (billID, name) => {
    const row = { billID, active: "True", enacted: "False", vetoed: "False", officialTitle: "To do something.", popularTitle: "Something bill" };
    expect(mapNodeRow(bills, row)).toMatchObject({
      entity: { name, description: "To do something.", aliases: ["Something bill", billID.toUpperCase()], active: true, enacted: false, vetoed: false },
    });
  });
});
