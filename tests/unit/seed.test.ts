import type { EntityInput, RelationshipInput } from "@/lib/model/registry";
import { SEED_ARTICLE_ID, seedEntities, seedRelationships } from "@/graph-seed/seed-story";
import { validateGraphInput } from "@/graph-seed/validate";
import { type GraphInput } from "@/lib/model/registry";

const seed: GraphInput = { entities: seedEntities, relationships: seedRelationships };
const byId = new Map(seedEntities.map((entity) => [entity.id, entity]));

function entityNamed(type: EntityInput["type"], name: string): EntityInput {
  const found = seedEntities.find((entity) => entity.type === type && (entity.name === name || entity.aliases.includes(name)));
  if (!found) throw new Error(`the seed has no ${type} named ${name}`);
  return found;
}

function relationshipsBetween(type: RelationshipInput["type"], from: string, to: string): RelationshipInput[] {
  return seedRelationships.filter((rel) => rel.type === type && rel.from === from && rel.to === to);
}

function events(datePrefix: string): EntityInput[] {
  return seedEntities.filter((entity) => entity.type === "Event" && String(entity.date).startsWith(datePrefix));
}

describe("the seed story", () => {
  it("validates without a single problem", async () => {
    expect(await validateGraphInput(seed)).toEqual([]);
  });

  it("uses every entity id and every relationship id once", () => {
    expect(new Set(seedEntities.map((entity) => entity.id)).size).toBe(seedEntities.length);
    expect(new Set(seedRelationships.map((rel) => rel.id)).size).toBe(seedRelationships.length);
  });

  it("cites at least one Report of the seed for every relationship, with a quote", () => {
    for (const rel of seedRelationships) {
      expect(rel.sources.length, rel.id).toBeGreaterThanOrEqual(1);
      for (const source of rel.sources) expect(byId.get(source)?.type, `${rel.id} cites ${source}`).toBe("Report");
      expect(rel.quote?.trim().length ?? 0, rel.id).toBeGreaterThan(0);
    }
  });

  it("holds the article itself, published by the WSJ on 2019-02-20", () => {
    const article = byId.get(SEED_ARTICLE_ID);
    expect(article).toMatchObject({ type: "Report", publisher: "The Wall Street Journal", publishedAt: "2019-02-20" });
    const wsj = entityNamed("Organization", "The Wall Street Journal");
    expect(relationshipsBetween("PUBLISHED_BY", SEED_ARTICLE_ID, wsj.id)).toHaveLength(1);
  });

  it("has an Event dated 2019-02-20 in which Thermo Fisher acted", () => {
    const thermo = entityNamed("Company", "Thermo Fisher");
    const decisions = events("2019-02-20");
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    const involved = decisions.filter((event) =>
      seedRelationships.some((rel) => rel.from === thermo.id && rel.to === event.id && rel.type === "ACTED_IN"),
    );
    expect(involved).toHaveLength(1);
    expect(involved[0]).toMatchObject({ datePrecision: "day" });
  });

  it("has December 2017 reports by the WSJ and by Human Rights Watch, each with its publisher", () => {
    const december = seedEntities.filter((entity) => entity.type === "Report" && String(entity.publishedAt).startsWith("2017-12"));
    const publishers = december.map((report) => report.publisher);
    expect(publishers).toContain("The Wall Street Journal");
    expect(publishers).toContain("Human Rights Watch");
    const hrw = entityNamed("Organization", "Human Rights Watch");
    const hrwReport = december.find((report) => report.publisher === "Human Rights Watch");
    expect(hrwReport && relationshipsBetween("PUBLISHED_BY", hrwReport.id, hrw.id)).toHaveLength(1);
  });

  it("has Rubio acting in an event of February 2018 that targets Thermo Fisher", () => {
    const rubio = entityNamed("Legislator", "Marco Rubio");
    const thermo = entityNamed("Company", "Thermo Fisher");
    const february = events("2018-02");
    const urging = february.find((event) => relationshipsBetween("ACTED_IN", rubio.id, event.id).length > 0);
    expect(urging).toBeDefined();
    expect(urging?.datePrecision).toBe("month");
    expect(relationshipsBetween("TARGET_OF", thermo.id, urging?.id ?? "")).toHaveLength(1);
  });

  it("has a CECC letter event in May 2018 targeting the Commerce Department", () => {
    const cecc = entityNamed("Agency", "CECC");
    const commerce = entityNamed("Agency", "Commerce Department");
    const letter = events("2018-05").find((event) => relationshipsBetween("ACTED_IN", cecc.id, event.id).length > 0);
    expect(letter).toBeDefined();
    expect(relationshipsBetween("TARGET_OF", commerce.id, letter?.id ?? "")).toHaveLength(1);
  });

  it("has Rubio as a member of the CECC and representing Florida", () => {
    const rubio = entityNamed("Legislator", "Marco Rubio");
    expect(rubio).toMatchObject({ state: "FL", chamber: "senate" });
    expect(relationshipsBetween("MEMBER_OF", rubio.id, entityNamed("Agency", "CECC").id)).toHaveLength(1);
    expect(relationshipsBetween("REPRESENTS", rubio.id, entityNamed("Region", "Florida").id)).toHaveLength(1);
  });

  it("has the regions of the story, nested where the article says", () => {
    for (const name of ["Waltham", "Massachusetts", "Florida", "China", "Xinjiang"]) expect(entityNamed("Region", name)).toBeDefined();
    const region = (name: string) => entityNamed("Region", name).id;
    expect(relationshipsBetween("PART_OF", region("Waltham"), region("Massachusetts"))).toHaveLength(1);
    expect(relationshipsBetween("PART_OF", region("Xinjiang"), region("China"))).toHaveLength(1);
    expect(relationshipsBetween("LOCATED_IN", entityNamed("Company", "Thermo Fisher").id, region("Waltham"))).toHaveLength(1);
  });
});

// The import pipeline's checks (graph-seed/validate.ts is its in-memory adapter), in its words.
describe("validateGraphInput", () => {
  const report: EntityInput = { id: "report-1", type: "Report", name: "A report", aliases: [] };
  const company: EntityInput = { id: "company-acme", type: "Company", name: "Acme", aliases: [] };
  const region: EntityInput = { id: "region-x", type: "Region", name: "X", aliases: [] };
  const locatedIn: RelationshipInput = {
    id: "rel-acme-in-x",
    type: "LOCATED_IN",
    from: company.id,
    to: region.id,
    properties: {},
    sources: [report.id],
  };
  const graph = (entities: EntityInput[], relationships: RelationshipInput[]): GraphInput => ({ entities, relationships });

  it("accepts a small valid graph", async () => {
    expect(await validateGraphInput(graph([report, company, region], [locatedIn]))).toEqual([]);
  });

  it("reports a relationship whose end does not exist", async () => {
    expect(await validateGraphInput(graph([report, company], [locatedIn]))).toEqual([
      'relationship rel-acme-in-x: unknown end entity "region-x" (neither in the import nor in the database)',
    ]);
    expect(await validateGraphInput(graph([report, region], [locatedIn]))).toEqual([
      'relationship rel-acme-in-x: unknown start entity "company-acme" (neither in the import nor in the database)',
    ]);
  });

  it("reports a source that is not a Report, or not in the graph", async () => {
    expect(await validateGraphInput(graph([report, company, region], [{ ...locatedIn, sources: [company.id] }]))).toEqual([
      'relationship rel-acme-in-x: source "company-acme" is not a Report',
    ]);
    expect(await validateGraphInput(graph([report, company, region], [{ ...locatedIn, sources: ["report-missing"] }]))).toEqual([
      'relationship rel-acme-in-x: source "report-missing" is not a Report that exists',
    ]);
  });

  it("reports duplicate entity and relationship ids", async () => {
    // An identical repeat is ignored (counted, not refused): an id reused with other values is refused.
    const problems = await validateGraphInput(
      graph([report, company, region, { ...company, name: "Acme again" }], [locatedIn, { ...locatedIn, quote: "Another quote" }]),
    );
    expect(problems).toEqual([
      'entity id "company-acme" is already used on line 2 of graph (entities), with different values',
      'relationship id "rel-acme-in-x" is already used on line 1 of graph (relationships), with different values',
    ]);
    expect(await validateGraphInput(graph([report, company, region], [locatedIn, locatedIn]))).toEqual([]);
  });

  it("reports endpoint types the relationship does not allow", async () => {
    const represents: RelationshipInput = { ...locatedIn, id: "rel-acme-represents-x", type: "REPRESENTS" };
    expect(await validateGraphInput(graph([report, company, region], [represents]))).toEqual([
      "relationship rel-acme-represents-x: REPRESENTS cannot start at a Company (company-acme -> region-x)",
    ]);
  });

  it("reports schema problems with the field at fault, and every problem in one go", async () => {
    const badEntity = { ...company, id: "company-bad", website: "javascript:alert(1)" };
    const badRelationship = { ...locatedIn, id: "rel-bad", sources: [] };
    const problems = await validateGraphInput(graph([report, company, region, badEntity], [badRelationship, { ...locatedIn, to: "nowhere" }]));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^entity company-bad: website: /);
    expect(problems[1]).toMatch(/^relationship rel-bad: sources: a relationship needs at least one source report/);
    expect(problems[2]).toBe('relationship rel-acme-in-x: unknown end entity "nowhere" (neither in the import nor in the database)');
  });

  it("reports an entity of an unknown type instead of throwing", async () => {
    const alien = { ...company, id: "alien", type: "Spaceship" } as unknown as EntityInput;
    expect(await validateGraphInput(graph([alien], []))).toEqual(['unknown entity type "Spaceship"']);
  });
});
