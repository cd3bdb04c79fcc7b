import { closeDriver } from "@/lib/db/driver";
import { BadRequestError } from "@/lib/errors";
import { searchEntities } from "@/lib/search";
import { closeTestDriver } from "../support/neo4j";

afterAll(async () => {
  await closeDriver();
  await closeTestDriver();
});

describe("full-text search over the seed story", () => {
  it("finds Thermo Fisher first for 'thermo'", async () => {
    const hits = await searchEntities("thermo", { limit: 5 });
    expect(hits[0]?.id).toBe("company-thermo-fisher");
  });

  it("tolerates typos: 'thermo fischer' finds Thermo Fisher", async () => {
    const hits = await searchEntities("thermo fischer", { limit: 5 });
    expect(hits[0]).toMatchObject({ id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher Scientific Inc." });
  });

  it("matches aliases: 'CECC' finds the commission", async () => {
    const hits = await searchEntities("CECC", { limit: 5 });
    expect(hits.map((hit) => hit.id)).toContain("agency-cecc");
  });

  it("filters by type", async () => {
    const hits = await searchEntities("rubio", { limit: 10, type: "Event" });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.type === "Event")).toBe(true);
  });

  it.each(["AND (", "thermo AND (", "rubio)", "title:rubio~", "rubio\\", "*", "x OR", "[thermo TO", "{!}", "rub?o", "/regex/"])(
    "treats Lucene syntax in %j as plain words instead of failing",
    async (text) => {
      try {
        const hits = await searchEntities(text, { limit: 5 });
        expect(Array.isArray(hits)).toBe(true);
      } catch (error) {
        // Text with no letters or digits is a clear 400, never a database error.
        expect(error).toBeInstanceOf(BadRequestError);
      }
    },
  );

  it("refuses text without letters or digits, such as a lone quote, with a readable message", async () => {
    await expect(searchEntities('"', { limit: 5 })).rejects.toThrow("at least one letter or digit");
    await expect(searchEntities("   ", { limit: 5 })).rejects.toThrow("Type something");
  });
});
