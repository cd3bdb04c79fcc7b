/**
 * The type a merge gives the merged entity (lib/editing/merge.ts): one kind only, the narrower type when
 * it can hold every relationship, else the survivor's or the duplicate's, and a refusal that names the
 * relationship neither can hold.
 */
import { mergedEntityState, mergedType } from "@/lib/editing/merge";
import type { EntityState, RelationshipState } from "@/lib/editing/model";
import type { EntityType, RelationshipType } from "@/lib/model/registry";

const entity = (type: EntityType, properties: EntityState["properties"] = {}): EntityState => ({ type, properties: { name: type, ...properties } }) as EntityState;
const link = (type: RelationshipType, from: string, to: string): RelationshipState => ({ type, from, to, properties: { sources: ["r"] } }) as RelationshipState;
const name = (id: string) => id;

describe("mergedType", () => {
  it("keeps one type when both have it", () => {
    expect(mergedType(entity("Company"), entity("Company"), "s", [], name)).toBe("Company");
  });

  it("prefers the narrower type of a kind: a Person and a Legislator become a Legislator", () => {
    expect(mergedType(entity("Person"), entity("Legislator"), "s", [link("MEMBER_OF", "s", "org")], name)).toBe("Legislator");
    expect(mergedType(entity("Legislator"), entity("Person"), "s", [], name)).toBe("Legislator");
  });

  it("falls back to the survivor's, then the duplicate's type, by what the relationships allow", () => {
    // A company and an agency: only a Company may have SUPPLIED something.
    expect(mergedType(entity("Company"), entity("Agency"), "s", [link("SUPPLIED", "s", "agency")], name)).toBe("Company");
    expect(mergedType(entity("Agency"), entity("Company"), "s", [link("SUPPLIED", "s", "agency")], name)).toBe("Company");
  });

  it("refuses two kinds of thing, and a relationship that fits neither type, in words", () => {
    expect(() => mergedType(entity("Company"), entity("Report"), "s", [], name)).toThrow(/different kinds/);
    expect(() => mergedType(entity("Company"), entity("Agency"), "s", [link("SUPPLIED", "s", "x"), link("SPONSORED", "s", "bill")], name)).toThrow(/s sponsored bill/);
  });
});

describe("mergedEntityState across types", () => {
  it("takes the chosen type and fills gaps from both types' fields", () => {
    const merged = mergedEntityState(entity("Person", { name: "Pat", occupation: "lawyer" }), entity("Legislator", { name: "Patricia", party: "Independent" }), "Legislator");
    expect(merged.type).toBe("Legislator");
    expect(merged.properties).toMatchObject({ name: "Pat", occupation: "lawyer", party: "Independent", aliases: ["Patricia"] });
  });
});
