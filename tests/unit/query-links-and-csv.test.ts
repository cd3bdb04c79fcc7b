import { parameterNamesIn } from "@/lib/queries/cypher-text";
import { csvField } from "@/lib/format/csv";
import { resultToCsv } from "@/lib/queries/csv";
import { savedQueryInputSchema } from "@/lib/queries/model";
import type { ParameterDeclaration } from "@/lib/queries/parameters";
import { initialValues, parseRunLink, runLinkSearch } from "@/lib/queries/run-link";

const declarations: ParameterDeclaration[] = [
  { name: "entity", type: "entity", required: true },
  { name: "from", type: "date", defaultValue: "2018-01-01", required: false },
  { name: "to", type: "date", required: false },
];

describe("run links", () => {
  it("write the version, then the values in declaration order, leaving empty ones out", () => {
    expect(runLinkSearch(3, declarations, { to: "2019-12-31", entity: "company-thermo-fisher", from: "" })).toBe(
      "version=3&entity=company-thermo-fisher&to=2019-12-31",
    );
  });

  it("read back what they wrote", () => {
    const search = runLinkSearch(2, declarations, { entity: "legislator-marco-rubio", from: "2018-01-01" });
    expect(parseRunLink(new URLSearchParams(search))).toEqual({
      version: 2,
      values: { entity: "legislator-marco-rubio", from: "2018-01-01" },
    });
  });

  it("are no run at all without a query string", () => {
    expect(parseRunLink(new URLSearchParams(""))).toBeNull();
  });

  it("keep unknown names for the server to refuse, and ignore a version that is not a number", () => {
    expect(parseRunLink(new URLSearchParams("version=abc&junk=1"))).toEqual({ version: undefined, values: { junk: "1" } });
  });

  it("start the form from the link's values, or else from the defaults", () => {
    expect(initialValues(declarations, null)).toEqual({ entity: "", from: "2018-01-01", to: "" });
    expect(initialValues(declarations, { values: { entity: "company-thermo-fisher" } })).toEqual({
      entity: "company-thermo-fisher",
      from: "",
      to: "",
    });
  });
});

describe("CSV of a result", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvField('a "quoted", text\nnext')).toBe('"a ""quoted"", text\nnext"');
  });

  it("defuses spreadsheet formulas but keeps negative numbers", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-12.5")).toBe("-12.5");
  });

  it("writes nodes and relationships by id, paths as their node ids, lists as JSON", () => {
    const csv = resultToCsv({
      columns: ["n", "r", "p", "list", "nothing"],
      rows: [
        [
          { kind: "node", id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher", properties: {} },
          { kind: "relationship", id: "rel-1", type: "SUPPLIED", source: "a", target: "b", properties: {} },
          { kind: "path", nodes: ["a", "b"], relationships: ["rel-1"] },
          [1, "two"],
          null,
        ],
      ],
    });
    expect(csv).toBe('n,r,p,list,nothing\r\ncompany-thermo-fisher,rel-1,a > b,"[1,""two""]",\r\n');
  });

  it("keeps typed values raw: numbers unformatted, booleans as true/false, dates and big integers as their text", () => {
    const csv = resultToCsv({
      columns: ["total", "enacted", "day", "at", "big"],
      rows: [[1234567.5, true, { kind: "date", value: "2011-12-29" }, { kind: "datetime", value: "2011-12-29T14:03:00Z" }, { kind: "integer", value: "9007199254740993" }]],
    });
    expect(csv).toBe("total,enacted,day,at,big\r\n1234567.5,true,2011-12-29,2011-12-29T14:03:00Z,9007199254740993\r\n");
  });
});

describe("the saved-query form", () => {
  it("finds $parameters, skipping strings and comments", () => {
    expect(parameterNamesIn("MATCH (n {id: $entity}) // $notThis\nWHERE n.name <> '$nor' AND n.date >= $from RETURN $entity")).toEqual([
      "entity",
      "from",
    ]);
  });

  it("trims, lower-cases and de-duplicates tags", () => {
    const parsed = savedQueryInputSchema.parse({ title: " T ", cypher: "RETURN 1", tags: ["Events", "events ", "x"] });
    expect(parsed).toMatchObject({ title: "T", description: "", tags: ["events", "x"], parameters: [] });
  });

  it.each([
    [{ title: "", cypher: "RETURN 1" }, "title"],
    [{ title: "T", cypher: "   " }, "empty"],
    [{ title: "T", cypher: "RETURN 1", tags: ["<script>"] }, "tag"],
    [{ title: "T", cypher: "RETURN 1", extra: true }, "extra"],
  ])("refuses %j", (input, message) => {
    const parsed = savedQueryInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });
});
