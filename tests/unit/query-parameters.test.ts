import neo4j from "neo4j-driver";
import {
  PARAMETER_TYPES,
  coerceParameterValues,
  parameterDeclarationSchema,
  parameterDeclarationsSchema,
  type ParameterDeclaration,
} from "@/lib/queries/parameters";
import { QueryParameterError } from "@/lib/queries/errors";

const declare = (name: string, type: ParameterDeclaration["type"], extra: Partial<ParameterDeclaration> = {}) =>
  ({ name, type, required: true, ...extra }) satisfies ParameterDeclaration;

function coerceOne(type: ParameterDeclaration["type"], text: string) {
  const { values, problems } = coerceParameterValues([declare("x", type)], { x: text });
  return { value: values.x, problem: problems[0]?.message };
}

describe("parameter declarations", () => {
  it("accepts every type, with an optional label and default", () => {
    for (const type of PARAMETER_TYPES) {
      expect(parameterDeclarationSchema.safeParse({ name: "p", type, required: false }).success).toBe(true);
    }
    expect(
      parameterDeclarationSchema.parse({ name: "from", type: "date", label: "From", defaultValue: "2018-01-01", required: false }),
    ).toEqual({ name: "from", type: "date", label: "From", defaultValue: "2018-01-01", required: false });
  });

  it("refuses bad names, the reserved name, unknown types and unknown fields", () => {
    const bad = [
      { name: "1abc", type: "string", required: true },
      { name: "with space", type: "string", required: true },
      { name: "a".repeat(41), type: "string", required: true },
      { name: "version", type: "string", required: true },
      { name: "p", type: "uuid", required: true },
      { name: "p", type: "string", required: true, extra: 1 },
      { name: "p", type: "string", required: true, label: "x".repeat(81) },
      { name: "p", type: "string" },
    ];
    for (const declaration of bad) expect(parameterDeclarationSchema.safeParse(declaration).success).toBe(false);
    expect(parameterDeclarationSchema.safeParse({ name: "_a1", type: "string", required: true }).success).toBe(true);
  });

  it("requires a default to be valid for its type, and reads an empty default as none", () => {
    const parsed = parameterDeclarationSchema.safeParse({ name: "n", type: "integer", defaultValue: "ten", required: false });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["defaultValue"]);
    expect(parameterDeclarationSchema.safeParse({ name: "d", type: "date", defaultValue: "2019-02-30", required: false }).success).toBe(false);
    expect(parameterDeclarationSchema.parse({ name: "n", type: "integer", defaultValue: "", required: false }).defaultValue).toBeUndefined();
  });

  it("refuses duplicate names, naming the duplicate, and more than 20 parameters", () => {
    const parsed = parameterDeclarationsSchema.safeParse([declare("a", "string"), declare("b", "string"), declare("a", "integer")]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('"a"');
    expect(parsed.error?.issues[0]?.path).toEqual([2, "name"]);
    const many = Array.from({ length: 21 }, (_, index) => declare(`p${index}`, "string"));
    expect(parameterDeclarationsSchema.safeParse(many).success).toBe(false);
    expect(parameterDeclarationsSchema.safeParse(many.slice(0, 20)).success).toBe(true);
  });
});

describe("coerceParameterValues", () => {
  it("turns integers into Neo4j Integers, including beyond 2^53, and refuses the rest", () => {
    const big = coerceOne("integer", "9223372036854775807").value;
    expect(neo4j.isInt(big)).toBe(true);
    expect(String(big)).toBe("9223372036854775807");
    expect(String(coerceOne("integer", " -42 ").value)).toBe("-42");
    expect(coerceOne("integer", "9223372036854775808").problem).toMatch(/too large/);
    for (const text of ["1.5", "1e3", "0x10", "ten", "--1"]) expect(coerceOne("integer", text).problem).toMatch(/whole number/);
  });

  it("turns floats into finite numbers", () => {
    expect(coerceOne("float", "2.5").value).toBe(2.5);
    expect(coerceOne("float", "-1e3").value).toBe(-1000);
    expect(coerceOne("float", ".5").value).toBe(0.5);
    for (const text of ["Infinity", "NaN", "0x10", "1,5", "abc"]) expect(coerceOne("float", text).problem).toBeDefined();
    expect(coerceOne("float", "1e999").problem).toMatch(/too large/);
  });

  it("reads booleans as true/false only", () => {
    expect(coerceOne("boolean", "true").value).toBe(true);
    expect(coerceOne("boolean", "FALSE").value).toBe(false);
    for (const text of ["1", "yes", "t"]) expect(coerceOne("boolean", text).problem).toMatch(/"true" or "false"/);
  });

  it("turns real calendar dates into Neo4j Dates", () => {
    const value = coerceOne("date", "2019-02-20").value;
    expect(neo4j.isDate(value)).toBe(true);
    expect(String(value)).toBe("2019-02-20");
    expect(String(coerceOne("date", "2020-02-29").value)).toBe("2020-02-29");
    for (const text of ["2019-02-29", "2019-13-01", "2019-00-10", "0000-01-01"]) {
      expect(coerceOne("date", text).problem).toMatch(/real calendar date/);
    }
    for (const text of ["20-02-2019", "2019-2-1", "2019-02-20T00:00"]) expect(coerceOne("date", text).problem).toMatch(/YYYY-MM-DD/);
  });

  it("checks entity ids against the registry's id syntax and entity types against the registry", () => {
    expect(coerceOne("entity", "company-thermo-fisher").value).toBe("company-thermo-fisher");
    expect(coerceOne("entity", "Company Thermo").problem).toMatch(/entity id/);
    expect(coerceOne("entityType", "Legislator").value).toBe("Legislator");
    expect(coerceOne("entityType", "legislator").problem).toMatch(/one of Company/);
  });

  it("keeps strings as typed (spaces too) and limits their length", () => {
    expect(coerceOne("string", "  Thermo ").value).toBe("  Thermo ");
    expect(coerceOne("string", "x".repeat(1001)).problem).toMatch(/1000 characters/);
  });

  it("applies defaults, treats an empty value as not given, and sends optional missing values as null", () => {
    const declarations = [
      declare("from", "date", { required: false, defaultValue: "2018-01-01" }),
      declare("to", "date", { required: false }),
      declare("limit", "integer", { required: true, defaultValue: "10" }),
    ];
    const { values, problems } = coerceParameterValues(declarations, { from: "", limit: undefined });
    expect(problems).toEqual([]);
    expect(String(values.from)).toBe("2018-01-01");
    expect(values.to).toBeNull();
    expect(String(values.limit)).toBe("10");
  });

  it("reports every problem at once: missing required values, bad values and unknown names", () => {
    const { problems } = coerceParameterValues([declare("entity", "entity"), declare("n", "integer")], {
      n: "many",
      entitty: "company-thermo-fisher",
      ignored: undefined,
    });
    expect(problems).toEqual([
      { name: "entitty", message: "is not a parameter of this query" },
      { name: "entity", message: "is required" },
      { name: "n", message: "must be a whole number" },
    ]);
    const error = new QueryParameterError(problems);
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      "Check the parameters: $entitty: is not a parameter of this query; $entity: is required; $n: must be a whole number.",
    );
    expect(error.details).toEqual(problems);
  });

  it("does not read inherited keys as values", () => {
    const { values, problems } = coerceParameterValues([declare("constructor", "string", { required: false })], {});
    expect(problems).toEqual([]);
    expect(values.constructor).toBeNull();
  });
});
