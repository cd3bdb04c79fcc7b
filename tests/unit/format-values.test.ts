import {
  formatAmount,
  formatBoolean,
  formatDate,
  formatDateTime,
  formatIntegerText,
  formatLocalDateTime,
  formatNumber,
  precisionOfDateText,
} from "@/lib/format/values";
import { foldedFields, relationshipHighlights, showField, shownProperties, showUntyped } from "@/lib/graph/display";
import { RELATIONSHIP_TYPE_SPECS, type FieldSpec } from "@/lib/model/registry";

describe("formatting typed values", () => {
  it.each([
    [100000, "EUR", "€100,000.00"],
    [1234.5, "usd", "$1,234.50"],
    [1500, "GBP", "£1,500.00"],
    [100000, "JPY", "¥100,000"],
    [2500.5, "XYZ", "2,500.5 XYZ"],
    [42, "euros", "42 euros"],
    [42, null, "42"],
  ] as const)("writes %s %s as %s", (amount, currency, text) => {
    expect(formatAmount(amount, currency)).toBe(text);
  });

  it("groups numbers and hides a float's noise", () => {
    expect(formatNumber(1234567.25)).toBe("1,234,567.25");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(-3)).toBe("-3");
    expect(formatIntegerText("9223372036854775807")).toBe("9,223,372,036,854,775,807");
    expect(formatIntegerText("not digits")).toBe("not digits");
  });

  it("writes booleans as yes / no", () => {
    expect([formatBoolean(true), formatBoolean(false)]).toEqual(["yes", "no"]);
  });

  it("writes a date at the precision its text or its record gives", () => {
    expect(formatDate("2011")).toBe("2011");
    expect(formatDate("2011-03")).toBe("March 2011");
    expect(formatDate("2011-12-29")).toBe("29 December 2011");
    expect(formatDate("2011-03-01", "month")).toBe("March 2011");
    expect(formatDate("2011-01-01", "year")).toBe("2011");
    expect(formatDate("2011-12-29", undefined, "short")).toBe("29 Dec 2011");
    expect(formatDate("29.12.2011")).toBeNull();
    expect(formatDate("2011-13-01")).toBeNull();
    expect(formatDate("2011-02-30")).toBeNull();
    expect([precisionOfDateText("2011"), precisionOfDateText("2011-03"), precisionOfDateText("2011-03-04"), precisionOfDateText("x")]).toEqual([
      "year",
      "month",
      "day",
      null,
    ]);
  });

  it("writes an instant in a zone, and a local date-time without inventing one", () => {
    expect(formatDateTime("2011-12-29T14:03:00Z", "UTC")).toBe("29 December 2011 at 14:03 UTC");
    expect(formatDateTime("2011-12-29T14:03:00+01:00", "Europe/Berlin")).toBe("29 December 2011 at 14:03 CET");
    expect(formatDateTime("yesterday")).toBeNull();
    expect(formatLocalDateTime("2011-12-29T14:03:00")).toBe("29 December 2011 at 14:03");
  });
});

describe("registry fields as people read them", () => {
  const paid = RELATIONSHIP_TYPE_SPECS.PAID.fields;
  const amount = paid.find((field) => field.name === "amount")!;
  const date = paid.find((field) => field.name === "date")!;

  it("reads an amount with its record's currency, and folds the currency into it", () => {
    const record = { amount: 5000, currency: "EUR", date: "2011" };
    expect(showField(amount, 5000, record)).toEqual({ text: "€5,000.00", numeric: true });
    expect(foldedFields(paid, record)).toEqual(new Set(["currency"]));
    expect(shownProperties(paid, record).map((row) => [row.label, row.shown.text])).toEqual([
      ["Amount", "€5,000.00"],
      ["Date", "2011"],
    ]);
    expect(relationshipHighlights(paid, record)).toEqual(["€5,000.00", "2011"]);
  });

  it("keeps a currency that no amount shows, and a value of another type than declared", () => {
    expect(shownProperties(paid, { currency: "EUR" }).map((row) => row.shown.text)).toEqual(["EUR"]);
    expect(showField(amount, "12 500", {})).toEqual({ text: "12 500", numeric: false });
    expect(showField(date, "sometime", {})).toEqual({ text: "sometime", numeric: false });
  });

  it("reads a date with the precision stored beside it, and undeclared values by their JSON type", () => {
    const eventDate: FieldSpec = { name: "date", label: "Date", kind: "date" };
    expect(showField(eventDate, "2018-02-01", { datePrecision: "month" }).text).toBe("February 2018");
    const integer: FieldSpec = { name: "congress", label: "Congress", kind: "integer" };
    expect(showField(integer, 1114, {})).toEqual({ text: "1,114", numeric: true });
    expect(showUntyped(2011)).toEqual({ text: "2011", numeric: true });
    expect(showUntyped([true, "a"]).text).toBe("yes, a");
    expect(showUntyped({ a: 1 }).text).toBe('{"a":1}');
  });
});
