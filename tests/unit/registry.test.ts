import {
  ENTITY_TYPES,
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_SPECS,
  checkEndpoints,
  fieldsOf,
  entityIdSchema,
  entityInputSchema,
  entitySchemas,
  entityTypeOf,
  relationshipInputSchema,
  type EntityType,
} from "@/lib/model/registry";

/** One valid entity per type, each using every type-specific field it has. */
const VALID: Record<EntityType, Record<string, unknown>> = {
  Company: { id: "company-acme", type: "Company", name: "Acme Corp.", industry: "Widgets", website: "https://acme.example" },
  Legislator: { id: "legislator-jane-doe", type: "Legislator", name: "Jane Doe", party: "Independent", state: "VT", chamber: "senate" },
  Person: { id: "person-john-roe", type: "Person", name: "John Roe", occupation: "Engineer" },
  Agency: { id: "agency-ftc", type: "Agency", name: "Federal Trade Commission", jurisdiction: "United States" },
  Organization: { id: "org-ngo", type: "Organization", name: "Some NGO", kind: "NGO", website: "http://ngo.example/about" },
  Report: {
    id: "report-1",
    type: "Report",
    name: "A report",
    publisher: "Someone",
    url: "https://news.example/a",
    publishedAt: "2017-12-01",
    kind: "report",
  },
  Region: { id: "region-xinjiang", type: "Region", name: "Xinjiang", kind: "province", code: "CN-XJ" },
  Event: {
    id: "event-2019-02-20-decision",
    type: "Event",
    name: "A decision",
    date: "2019-02-20",
    endDate: "2019-02-28",
    datePrecision: "day",
    kind: "decision",
  },
  Bill: { id: "bill-hr10-114", type: "Bill", name: "SOAR Reauthorization Act", congress: 114, active: true, enacted: false, vetoed: false },
  Subject: { id: "subject-taxation", type: "Subject", name: "Taxation", vocabulary: "Legislative subject terms" },
  Address: { id: "address-1", type: "Address", name: "1 Main St, Springfield", street: "1 Main St", postalCode: "12345", city: "Springfield", country: "us" },
  Committee: { id: "committee-ssfr", type: "Committee", name: "Senate Committee on Foreign Relations", chamber: "senate", website: "https://www.foreign.senate.gov/" },
};

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; code: string }[] } }) {
  return result.error?.issues ?? [];
}

describe("entity type specs", () => {
  it.each(ENTITY_TYPES)("%s has a spec with its own type, a label, a colour, a shape and fields", (type) => {
    const spec = ENTITY_TYPE_SPECS[type];
    expect(spec.type).toBe(type);
    expect(spec.label.length).toBeGreaterThan(0);
    expect(spec.plural.length).toBeGreaterThan(0);
    expect(spec.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(spec.shape.length).toBeGreaterThan(0);
    expect(spec.fields.length).toBeGreaterThan(0);
    for (const field of spec.fields) {
      expect(field.label.length).toBeGreaterThan(0);
      if (field.kind === "choice") expect(field.choices?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it("gives every type its own colour, so the legend can tell them apart", () => {
    const colours = ENTITY_TYPES.map((type) => ENTITY_TYPE_SPECS[type].color.toLowerCase());
    expect(new Set(colours).size).toBe(ENTITY_TYPES.length);
  });

  it("has a spec for every relationship type, whose endpoints are known entity types", () => {
    for (const type of RELATIONSHIP_TYPES) {
      const spec = RELATIONSHIP_TYPE_SPECS[type];
      expect(spec.type).toBe(type);
      expect(spec.verb.length).toBeGreaterThan(0);
      expect(spec.from.length).toBeGreaterThan(0);
      expect(spec.to.length).toBeGreaterThan(0);
      for (const end of [...spec.from, ...spec.to]) expect(ENTITY_TYPES).toContain(end);
    }
  });

  it("finds the type label among a node's labels", () => {
    expect(entityTypeOf(["Entity", "Company"])).toBe("Company");
    expect(entityTypeOf(["Region", "Entity"])).toBe("Region");
    expect(entityTypeOf(["Entity"])).toBeNull();
    expect(entityTypeOf(["Entity", "Spaceship"])).toBeNull();
    expect(entityTypeOf([])).toBeNull();
  });

  it("lists the date fields of each type", () => {
    const dateFields = (type: EntityType) => fieldsOf(type).filter((field) => field.kind === "date").map((field) => field.name);
    expect(dateFields("Event")).toEqual(["date", "endDate"]);
    expect(dateFields("Report")).toEqual(["publishedAt"]);
    expect(dateFields("Company")).toEqual([]);
  });
});

describe("entitySchemas", () => {
  it.each(ENTITY_TYPES)("accepts a valid %s and defaults aliases to []", (type) => {
    const result = entitySchemas[type].safeParse(VALID[type]);
    expect(issuesOf(result)).toEqual([]);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ ...VALID[type], aliases: [] });
  });

  it("lets the discriminated union pick the schema from the type", () => {
    expect(entityInputSchema.safeParse(VALID.Legislator).success).toBe(true);
    // A Legislator field on a Company is an unknown field there.
    expect(entityInputSchema.safeParse({ ...VALID.Company, chamber: "senate" }).success).toBe(false);
    expect(entityInputSchema.safeParse({ ...VALID.Company, type: "Spaceship" }).success).toBe(false);
  });

  it.each(ENTITY_TYPES)("refuses an unknown field on a %s", (type) => {
    const result = entitySchemas[type].safeParse({ ...VALID[type], favouriteColour: "red" });
    expect(result.success).toBe(false);
    expect(issuesOf(result).some((issue) => issue.code === "unrecognized_keys")).toBe(true);
  });

  it("refuses an entity whose type literal does not match its schema", () => {
    expect(entitySchemas.Company.safeParse({ ...VALID.Company, type: "Person" }).success).toBe(false);
  });

  it.each([
    ["uppercase", "Company-Acme"],
    ["a space", "company acme"],
    ["too long", "a".repeat(129)],
    ["empty", ""],
    ["a leading dash", "-acme"],
    ["a slash", "acme/corp"],
    ["a non-ASCII letter", "société"],
  ])("refuses an id with %s", (_why, id) => {
    expect(entitySchemas.Company.safeParse({ ...VALID.Company, id }).success).toBe(false);
    expect(entityIdSchema.safeParse(id).success).toBe(false);
  });

  it("accepts ids of up to 128 lowercase characters, digits, dots, underscores and dashes", () => {
    expect(entityIdSchema.safeParse("a".repeat(128)).success).toBe(true);
    expect(entityIdSchema.safeParse("0.report_2019-02-20").success).toBe(true);
  });

  it.each(["2019-13-01", "2019-02-32", "2019-00-10", "20-02-2019", "2019-2-20", "2019-02-20T10:00:00Z", "yesterday"])(
    "refuses the date %s",
    (date) => {
      expect(entitySchemas.Event.safeParse({ ...VALID.Event, date }).success).toBe(false);
      expect(entitySchemas.Report.safeParse({ ...VALID.Report, publishedAt: date }).success).toBe(false);
    },
  );

  it.each(["2019-02-30", "2019-02-29", "2019-04-31", "2019-13-01", "2019-00-10"])(
    "refuses the impossible calendar date %s",
    (date) => {
      expect(entitySchemas.Event.safeParse({ ...VALID.Event, date }).success).toBe(false);
    },
  );
  it("accepts a leap day", () => {
    expect(entitySchemas.Event.safeParse({ ...VALID.Event, date: "2020-02-29" }).success).toBe(true);
  });

  it.each(["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://files.example/a", "not a url"])(
    "refuses the non-http URL %s",
    (url) => {
      const result = entitySchemas.Report.safeParse({ ...VALID.Report, url });
      expect(result.success).toBe(false);
      expect(issuesOf(result).every((issue) => issue.path.join(".") === "url")).toBe(true);
      expect(entitySchemas.Company.safeParse({ ...VALID.Company, website: url }).success).toBe(false);
    },
  );

  it("refuses a choice outside the list and a blank name", () => {
    expect(entitySchemas.Legislator.safeParse({ ...VALID.Legislator, chamber: "Senate" }).success).toBe(false);
    expect(entitySchemas.Event.safeParse({ ...VALID.Event, datePrecision: "week" }).success).toBe(false);
    expect(entitySchemas.Person.safeParse({ ...VALID.Person, name: "   " }).success).toBe(false);
    expect(entitySchemas.Person.safeParse({ ...VALID.Person, name: "x".repeat(301) }).success).toBe(false);
  });
});

describe("relationshipInputSchema", () => {
  const valid = {
    id: "rel-acme-supplied-ftc",
    type: "SUPPLIED",
    from: "company-acme",
    to: "agency-ftc",
    properties: { product: "Widgets" },
    sources: ["report-1"],
    quote: "Acme supplied widgets.",
  };

  it("accepts a relationship with a source, a quote and a declared property", () => {
    const result = relationshipInputSchema.safeParse(valid);
    expect(issuesOf(result)).toEqual([]);
    expect(result.data).toEqual(valid);
  });

  it("defaults properties to {} and the quote is optional", () => {
    const bare: Record<string, unknown> = { ...valid };
    delete bare.properties;
    delete bare.quote;
    const result = relationshipInputSchema.safeParse(bare);
    expect(result.success).toBe(true);
    expect(result.data?.properties).toEqual({});
  });

  it("requires at least one source", () => {
    const empty = relationshipInputSchema.safeParse({ ...valid, sources: [] });
    expect(empty.success).toBe(false);
    expect(issuesOf(empty).map((issue) => issue.message)).toContain("a relationship needs at least one source report");
    const missing: Record<string, unknown> = { ...valid };
    delete missing.sources;
    expect(relationshipInputSchema.safeParse(missing).success).toBe(false);
  });

  it("refuses a source that is not an entity id", () => {
    expect(relationshipInputSchema.safeParse({ ...valid, sources: ["Report 1"] }).success).toBe(false);
  });

  it("refuses properties the type does not declare", () => {
    const result = relationshipInputSchema.safeParse({ ...valid, type: "MEMBER_OF", properties: { product: "Widgets" } });
    expect(result.success).toBe(false);
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ path: ["properties", "product"], message: 'MEMBER_OF has no field "product"' }),
    ]);
    expect(relationshipInputSchema.safeParse({ ...valid, type: "MEMBER_OF", properties: { role: "chair" } }).success).toBe(
      true,
    );
    expect(relationshipInputSchema.safeParse({ ...valid, type: "PART_OF", properties: { role: "x" } }).success).toBe(false);
  });

  it("types each property as its type declares: a PAID amount is a number, its date a date to the day, month or year", () => {
    const paid = { ...valid, type: "PAID", properties: { amount: "113969.15", currency: "EUR", date: "2011" } };
    expect(relationshipInputSchema.parse(paid).properties).toEqual({ amount: 113969.15, currency: "EUR", date: "2011" });
    expect(relationshipInputSchema.parse({ ...paid, properties: { amount: 100000, date: "2011-12-29" } }).properties).toEqual({
      amount: 100000,
      date: "2011-12-29",
    });
    const refused = (properties: Record<string, unknown>) => issuesOf(relationshipInputSchema.safeParse({ ...paid, properties }));
    expect(refused({ amount: "1,000" })).toEqual([expect.objectContaining({ path: ["properties", "amount"], message: "must be a number" })]);
    expect(refused({ amount: true })).toEqual([expect.objectContaining({ path: ["properties", "amount"] })]);
    expect(refused({ date: "2011-13" })).toEqual([expect.objectContaining({ path: ["properties", "date"], message: "must be a real calendar date" })]);
    expect(refused({ date: "29.12.2011" })).toEqual([expect.objectContaining({ path: ["properties", "date"] })]);
  });

  it("types entity fields too: booleans from true/false (never from other words), integers, partial dates", () => {
    const bill = entitySchemas.Bill.parse({ ...VALID.Bill, congress: "114", enacted: "true", active: false });
    expect(bill).toMatchObject({ congress: 114, enacted: true, active: false });
    expect(entitySchemas.Bill.safeParse({ ...VALID.Bill, enacted: "yes" }).success).toBe(false);
    expect(entitySchemas.Bill.safeParse({ ...VALID.Bill, congress: 114.5 }).success).toBe(false);
    expect(entitySchemas.Report.parse({ ...VALID.Report, publishedAt: "2019-03" })).toMatchObject({ publishedAt: "2019-03" });
  });

  it("refuses unknown top-level keys, unknown types and bad ids", () => {
    expect(relationshipInputSchema.safeParse({ ...valid, weight: "3" }).success).toBe(false);
    expect(relationshipInputSchema.safeParse({ ...valid, type: "LIKES" }).success).toBe(false);
    expect(relationshipInputSchema.safeParse({ ...valid, from: "Company Acme" }).success).toBe(false);
    expect(relationshipInputSchema.safeParse({ ...valid, quote: "x".repeat(501) }).success).toBe(false);
  });
});

describe("checkEndpoints", () => {
  it("refuses REPRESENTS from a Company", () => {
    expect(checkEndpoints("REPRESENTS", "Company", "Region")).toBe("REPRESENTS cannot start at a Company");
  });

  it("refuses an end type the relationship does not allow", () => {
    expect(checkEndpoints("REPRESENTS", "Legislator", "Company")).toBe("REPRESENTS cannot end at a Company");
    expect(checkEndpoints("DOCUMENTS", "Report", "Company")).toBe("DOCUMENTS cannot end at a Company");
  });

  it("accepts allowed pairs", () => {
    expect(checkEndpoints("REPRESENTS", "Legislator", "Region")).toBeNull();
    expect(checkEndpoints("MEMBER_OF", "Legislator", "Agency")).toBeNull();
    expect(checkEndpoints("CONCERNS", "Event", "Report")).toBeNull();
  });
});
