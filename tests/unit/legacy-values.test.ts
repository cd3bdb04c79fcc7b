import { convertLegacyValue } from "@/lib/model/legacy-values";
import type { FieldSpec } from "@/lib/model/registry";

const field = (kind: FieldSpec["kind"]): FieldSpec => ({ name: "f", label: "F", kind });

describe("convertLegacyValue: text older versions stored, as the declared type", () => {
  it.each([
    ["boolean", "yes", true],
    ["boolean", "No", false],
    ["boolean", "True", true],
    ["boolean", "0", false],
    ["integer", "114", 114],
    ["number", "113969.15", 113969.15],
    ["number", " 100000 ", 100000],
    ["date", "2011", "2011"],
    ["date", "2011-12", "2011-12"],
    ["date", "2011-12-29T00:00:00Z", "2011-12-29"],
    ["datetime", "2024-05-01T10:00:00+02:00", "2024-05-01T08:00:00.000Z"],
  ] as const)("%s %j -> %j", (kind, text, value) => {
    expect(convertLegacyValue(field(kind), text)).toEqual({ value });
  });

  it.each([
    ["boolean", "maybe"],
    ["integer", "11.5"],
    ["number", "1,000"],
    ["number", "€ 12"],
    ["date", "2019-02-30"],
    ["date", "29.12.2011"],
    ["datetime", "yesterday"],
  ] as const)("leaves %s %j alone and says why", (kind, text) => {
    const result = convertLegacyValue(field(kind), text);
    expect(result).toEqual({ unconvertible: expect.stringContaining(text) });
  });

  it("has nothing to do for text kinds", () => {
    expect(convertLegacyValue(field("text"), "yes")).toBeNull();
    expect(convertLegacyValue(field("choice"), "house")).toBeNull();
  });
});
