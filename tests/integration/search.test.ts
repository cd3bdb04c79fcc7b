import { closeDriver } from "@/lib/db/driver";
import { BadRequestError } from "@/lib/errors";
import { searchEntities } from "@/lib/explore/search";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver } from "../support/neo4j";

afterAll(async () => {
  await closeDriver();
  await closeTestDriver();
});

describe("full-text search over the seed story", () => {
  it("finds Thermo Fisher first for 'thermo'", async () => {
    const hits = await searchEntities(TEST_VIEWER, "thermo", { limit: 5 });
    expect(hits[0]?.id).toBe("company-thermo-fisher");
  });

  it("tolerates typos: 'thermo fischer' finds Thermo Fisher", async () => {
    const hits = await searchEntities(TEST_VIEWER, "thermo fischer", { limit: 5 });
    expect(hits[0]).toMatchObject({ id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher Scientific Inc." });
  });

  it("matches aliases: 'CECC' finds the commission", async () => {
    const hits = await searchEntities(TEST_VIEWER, "CECC", { limit: 5 });
    expect(hits.map((hit) => hit.id)).toContain("agency-cecc");
  });

  it("filters by type", async () => {
    const hits = await searchEntities(TEST_VIEWER, "rubio", { limit: 10, type: "Event" });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.type === "Event")).toBe(true);
  });

  it.each([
    ['"thermo" OR', "thermo or"],
    ["thermo AND (", "thermo and"],
    ["title:rubio~", "title rubio"],
    ["[thermo TO", "thermo to"],
    ["rubio)", "rubio"],
    ["rubio\\", "rubio"],
    ["rub?o*", "rub o"],
    ["/xinjiang/", "xinjiang"],
  ])("treats the Lucene syntax in %j as the plain words %j", async (text, words) => {
    const withSyntax = await searchEntities(TEST_VIEWER, text, { limit: 10 });
    const plain = await searchEntities(TEST_VIEWER, words, { limit: 10 });
    expect(withSyntax.map((hit) => hit.id)).toEqual(plain.map((hit) => hit.id));
  });

  it.each([
    ["rubio)", "legislator-marco-rubio"],
    ["/xinjiang/", "region-xinjiang"],
    // No entity has both "title" and "rubio": the search falls back to any word rather than nothing.
    ["title:rubio~", "legislator-marco-rubio"],
  ])("still finds what %j names", async (text, expected) => {
    const hits = await searchEntities(TEST_VIEWER, text, { limit: 10 });
    expect(hits.map((hit) => hit.id)).toContain(expected);
  });

  it("answers with hits, not an error, for operators typed as words", async () => {
    // Any answer at all would be an Array: what matters is that the operators were searched as the words
    // they are, which gives the hits of the plain word.
    const hits = await searchEntities(TEST_VIEWER, "AND (", { limit: 5 });
    expect(hits.map((hit) => hit.id)).toEqual((await searchEntities(TEST_VIEWER, "and", { limit: 5 })).map((hit) => hit.id));
  });

  it.each(["*", "{!}", "()", "~^"])("refuses %j, which holds no letter or digit, with a BadRequestError", async (text) => {
    await expect(searchEntities(TEST_VIEWER, text, { limit: 5 })).rejects.toBeInstanceOf(BadRequestError);
  });

  it("refuses text without letters or digits, such as a lone quote, with a readable message", async () => {
    await expect(searchEntities(TEST_VIEWER, '"', { limit: 5 })).rejects.toThrow("at least one letter or digit");
    await expect(searchEntities(TEST_VIEWER, "   ", { limit: 5 })).rejects.toThrow("Type something");
  });
});
