import { MAX_EXPANSION, MAX_VIEW_IDS, neighbourQuerySchema, searchQuerySchema, subgraphQuerySchema } from "@/lib/api-schemas";

function messages(result: { error?: { issues: readonly { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe("searchQuerySchema", () => {
  it("fills in defaults", () => {
    expect(searchQuerySchema.parse({ q: "thermo" })).toEqual({ q: "thermo", limit: 10 });
    expect(searchQuerySchema.parse({})).toEqual({ q: "", limit: 10 });
  });

  it("accepts a limit and a type filter", () => {
    expect(searchQuerySchema.parse({ q: "x", limit: "25", type: "Company" })).toEqual({ q: "x", limit: 25, type: "Company" });
    expect(searchQuerySchema.parse({ q: "x", limit: "1" }).limit).toBe(1);
    expect(searchQuerySchema.parse({ q: "x", limit: "50" }).limit).toBe(50);
  });

  it.each([
    ["abc", "limit must be a whole number"],
    ["0", "limit must be at least 1"],
    ["51", "limit must be at most 50"],
    ["-1", "limit must be a whole number"],
    ["1.5", "limit must be a whole number"],
    ["", "limit must be a whole number"],
  ])("refuses limit=%s", (limit, message) => {
    const result = searchQuerySchema.safeParse({ q: "x", limit });
    expect(result.success).toBe(false);
    expect(messages(result)).toContain(message);
  });

  it("refuses unknown keys, unknown types and overlong text", () => {
    expect(searchQuerySchema.safeParse({ q: "x", foo: "1" }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: "x", type: "Spaceship" }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: "x", type: "company" }).success).toBe(false);
    expect(messages(searchQuerySchema.safeParse({ q: "a".repeat(201) }))).toContain("q is too long: at most 200 characters");
  });
});

describe("neighbourQuerySchema", () => {
  it("fills in defaults and accepts paging", () => {
    expect(neighbourQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(neighbourQuerySchema.parse({ limit: "500", offset: "100", type: "Event" })).toEqual({
      limit: 500,
      offset: 100,
      type: "Event",
    });
  });

  it("refuses junk", () => {
    expect(neighbourQuerySchema.safeParse({ limit: "abc" }).success).toBe(false);
    expect(neighbourQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    // One expansion brings at most MAX_EXPANSION (a hub's thousand neighbours fit in one page).
    expect(neighbourQuerySchema.safeParse({ limit: "1000" }).success).toBe(true);
    expect(neighbourQuerySchema.safeParse({ limit: String(MAX_EXPANSION + 1) }).success).toBe(false);
    expect(neighbourQuerySchema.safeParse({ offset: "-5" }).success).toBe(false);
    expect(neighbourQuerySchema.safeParse({ offset: "1e3" }).success).toBe(false);
    expect(neighbourQuerySchema.safeParse({ page: "2" }).success).toBe(false);
  });
});

describe("neighbourQuerySchema within (the explorer's view)", () => {
  it("reads a comma-separated list of ids, once each, and allows an empty view", () => {
    expect(neighbourQuerySchema.parse({ within: "a,b,,a" }).within).toEqual(["a", "b"]);
    expect(neighbourQuerySchema.parse({ within: "" }).within).toEqual([]);
    expect(neighbourQuerySchema.parse({}).within).toBeUndefined();
  });

  it("refuses an id that is not one, and more ids than a view holds", () => {
    expect(neighbourQuerySchema.safeParse({ within: "a,Not An Id" }).success).toBe(false);
    const ids = Array.from({ length: MAX_VIEW_IDS + 1 }, (_, index) => `id-${index}`).join(",");
    expect(neighbourQuerySchema.safeParse({ within: ids }).success).toBe(false);
  });
});

describe("subgraphQuerySchema", () => {
  const ids = (count: number) => Array.from({ length: count }, (_, index) => `n${index}`).join(",");

  it("splits, drops empty items and dedupes the ids", () => {
    expect(subgraphQuerySchema.parse({ ids: "a,b,,a" })).toEqual({ ids: ["a", "b"] });
  });

  it(`accepts up to ${MAX_VIEW_IDS} ids, counted after removing duplicates`, () => {
    expect(subgraphQuerySchema.parse({ ids: ids(MAX_VIEW_IDS) }).ids).toHaveLength(MAX_VIEW_IDS);
    expect(subgraphQuerySchema.parse({ ids: `${ids(MAX_VIEW_IDS)},n0,n1` }).ids).toHaveLength(MAX_VIEW_IDS);
  });

  it(`refuses ${MAX_VIEW_IDS + 1} ids`, () => {
    const result = subgraphQuerySchema.safeParse({ ids: ids(MAX_VIEW_IDS + 1) });
    expect(result.success).toBe(false);
    expect(messages(result)).toContain(`at most ${MAX_VIEW_IDS} ids`);
  });

  it("refuses no ids, invalid ids and unknown keys", () => {
    expect(subgraphQuerySchema.safeParse({}).success).toBe(false);
    expect(subgraphQuerySchema.safeParse({ ids: "" }).success).toBe(false);
    expect(subgraphQuerySchema.safeParse({ ids: ",," }).success).toBe(false);
    expect(subgraphQuerySchema.safeParse({ ids: "a,Not Valid" }).success).toBe(false);
    expect(subgraphQuerySchema.safeParse({ ids: "a", depth: "2" }).success).toBe(false);
  });
});
