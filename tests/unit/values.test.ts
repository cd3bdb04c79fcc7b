import neo4j from "neo4j-driver";
import { entityPropertiesForNeo4j, isoToNeo4jDate, mapToPlain, toPlain } from "@/lib/db/values";

describe("toPlain", () => {
  it("passes JSON scalars through and turns missing or non-finite values into null", () => {
    expect(toPlain("text")).toBe("text");
    expect(toPlain(true)).toBe(true);
    expect(toPlain(1.5)).toBe(1.5);
    expect(toPlain(null)).toBeNull();
    expect(toPlain(undefined)).toBeNull();
    expect(toPlain(Number.NaN)).toBeNull();
    expect(toPlain(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("turns driver integers into numbers when they are safe", () => {
    expect(toPlain(neo4j.int(5))).toBe(5);
    expect(toPlain(neo4j.int(-42))).toBe(-42);
    expect(toPlain(neo4j.int(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("turns driver integers beyond 2^53 into exact strings, not rounded numbers", () => {
    expect(toPlain(neo4j.int("9007199254740993"))).toBe("9007199254740993");
    expect(toPlain(neo4j.int("-9223372036854775808"))).toBe("-9223372036854775808");
  });

  it("handles bigints the same way", () => {
    expect(toPlain(5n)).toBe(5);
    expect(toPlain(2n ** 60n)).toBe("1152921504606846976");
  });

  it("writes a Neo4j Date as YYYY-MM-DD, zero-padded", () => {
    expect(toPlain(new neo4j.types.Date(2019, 2, 20))).toBe("2019-02-20");
    expect(toPlain(new neo4j.types.Date(neo4j.int(2018), neo4j.int(5), neo4j.int(1)))).toBe("2018-05-01");
    expect(toPlain(new neo4j.types.Date(33, 12, 31))).toBe("0033-12-31");
  });

  it("writes a UTC DateTime as an ISO-8601 string with milliseconds", () => {
    const plain = toPlain(new neo4j.types.DateTime(2024, 5, 1, 10, 0, 0, 123_456_789, 0));
    expect(plain).toBe("2024-05-01T10:00:00.123Z");
    expect(Date.parse(plain as string)).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123));
  });

  it("keeps the offset of a DateTime with one", () => {
    const plain = toPlain(new neo4j.types.DateTime(2024, 5, 1, 10, 0, 0, 0, 3600));
    expect(plain).toBe("2024-05-01T10:00:00+01:00");
    expect(Date.parse(plain as string)).toBe(Date.UTC(2024, 4, 1, 9, 0, 0));
  });

  it("writes a LocalDateTime as an ISO-8601 local date-time", () => {
    expect(toPlain(new neo4j.types.LocalDateTime(2024, 5, 1, 10, 30, 0, 5_000_000))).toBe("2024-05-01T10:30:00.005");
  });

  it("writes a DateTime that has both an offset and a zone name (as Bolt 5 sends it) as plain ISO-8601", () => {
    const plain = toPlain(new neo4j.types.DateTime(2024, 5, 1, 10, 0, 0, 0, 7200, "Europe/Berlin"));
    expect(plain).toBe("2024-05-01T10:00:00+02:00");
    expect(Date.parse(String(plain))).toBe(Date.UTC(2024, 4, 1, 8));
  });

  it("writes a DateTime with only a zone name as the UTC instant, in ISO-8601", () => {
    // 10:00 in Berlin on 1 May 2024 is summer time (UTC+2); on 1 January it is UTC+1.
    expect(toPlain(new neo4j.types.DateTime(2024, 5, 1, 10, 0, 0, 0, undefined, "Europe/Berlin"))).toBe(
      "2024-05-01T08:00:00.000Z",
    );
    expect(toPlain(new neo4j.types.DateTime(2024, 1, 1, 10, 0, 0, 0, undefined, "Europe/Berlin"))).toBe(
      "2024-01-01T09:00:00.000Z",
    );
  });

  it("converts nested lists and maps all the way down", () => {
    const plain = toPlain({
      counts: [neo4j.int(1), neo4j.int("9007199254740993")],
      when: { start: new neo4j.types.Date(2019, 2, 20), tags: ["a", null] },
      empty: [],
    });
    expect(plain).toEqual({
      counts: [1, "9007199254740993"],
      when: { start: "2019-02-20", tags: ["a", null] },
      empty: [],
    });
  });

  it("returns only the properties of a node or relationship, never its driver identity", () => {
    const node = new neo4j.types.Node(neo4j.int(7), ["Entity", "Company"], { id: "acme", founded: neo4j.int(1956) }, "4:x:7");
    expect(toPlain(node)).toEqual({ id: "acme", founded: 1956 });
    const rel = new neo4j.types.Relationship(
      neo4j.int(9),
      neo4j.int(7),
      neo4j.int(8),
      "SUPPLIED",
      { id: "rel-1", sources: ["report-1"] },
      "5:x:9",
      "4:x:7",
      "4:x:8",
    );
    expect(toPlain(rel)).toEqual({ id: "rel-1", sources: ["report-1"] });
  });

  it("mapToPlain converts each value of a record", () => {
    expect(mapToPlain({ n: neo4j.int(3), d: new neo4j.types.Date(2020, 1, 2), s: "x" })).toEqual({
      n: 3,
      d: "2020-01-02",
      s: "x",
    });
  });
});

describe("isoToNeo4jDate", () => {
  it("builds a Neo4j Date that maps back to the same string", () => {
    const date = isoToNeo4jDate("2019-02-20");
    expect(neo4j.isDate(date)).toBe(true);
    expect([Number(date.year), Number(date.month), Number(date.day)]).toEqual([2019, 2, 20]);
    expect(toPlain(date)).toBe("2019-02-20");
  });
});

describe("entityPropertiesForNeo4j", () => {
  it("stores an Event's date fields as Neo4j Dates and leaves the other fields alone", () => {
    const stored = entityPropertiesForNeo4j("Event", {
      id: "event-1",
      type: "Event",
      name: "A decision",
      aliases: [],
      date: "2019-02-20",
      endDate: "2019-03-01",
      datePrecision: "day",
    });
    expect(neo4j.isDate(stored.date)).toBe(true);
    expect(neo4j.isDate(stored.endDate)).toBe(true);
    expect(toPlain(stored.date)).toBe("2019-02-20");
    expect(toPlain(stored.endDate)).toBe("2019-03-01");
    expect(stored.datePrecision).toBe("day");
    expect(stored.name).toBe("A decision");
  });

  it("converts a Report's publishedAt but not a same-named string on a type without date fields", () => {
    const report = entityPropertiesForNeo4j("Report", { id: "r", name: "R", publishedAt: "2017-12-01" });
    expect(neo4j.isDate(report.publishedAt)).toBe(true);
    const company = entityPropertiesForNeo4j("Company", { id: "c", name: "C", publishedAt: "2017-12-01" });
    expect(company.publishedAt).toBe("2017-12-01");
  });

  it("joins the aliases into aliasText for the full-text index", () => {
    const stored = entityPropertiesForNeo4j("Company", {
      id: "company-thermo-fisher",
      name: "Thermo Fisher Scientific Inc.",
      aliases: ["Thermo Fisher", "Thermo Fisher Scientific"],
    });
    expect(stored.aliases).toEqual(["Thermo Fisher", "Thermo Fisher Scientific"]);
    expect(stored.aliasText).toBe("Thermo Fisher | Thermo Fisher Scientific");
  });

  it("stores an empty alias list and empty aliasText when there are no aliases", () => {
    const stored = entityPropertiesForNeo4j("Person", { id: "p", name: "P" });
    expect(stored.aliases).toEqual([]);
    expect(stored.aliasText).toBe("");
  });

  it("drops the type (it becomes the label) and undefined values, and does not touch its input", () => {
    const input = { id: "e", type: "Event", name: "E", date: "2019-02-20", endDate: undefined, aliases: ["x"] };
    const stored = entityPropertiesForNeo4j("Event", input);
    expect(stored).not.toHaveProperty("type");
    expect(stored).not.toHaveProperty("endDate");
    expect(input.date).toBe("2019-02-20");
    expect(input).not.toHaveProperty("aliasText");
  });
});
