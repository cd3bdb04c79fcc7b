import {
  ENTITY_LABEL,
  ENTITY_TYPES,
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_SPECS,
  precisionFieldOf,
} from "@/lib/model/registry";
import {
  HIDDEN_KEY,
  MAX_EXAMPLES,
  buildGraphSchema,
  completionOf,
  describeType,
  registrySchema,
  valueTypeOf,
  type KeyObservation,
  type SchemaObservations,
} from "@/lib/schema/model";

const key = (name: string, count: number, neo4jTypes: string[], extra: Partial<KeyObservation> = {}): KeyObservation => ({
  key: name,
  count,
  neo4jTypes,
  examples: [],
  datasetIds: [],
  ...extra,
});

const observations: SchemaObservations = {
  entities: {
    Bill: {
      count: 4,
      keys: [
        key("id", 4, ["STRING NOT NULL"], { datasetIds: ["legis-graph-114"] }),
        key("congress", 4, ["INTEGER NOT NULL"], { examples: [114] }),
        // Two bills still hold the text an older import wrote: the page must show both.
        key("enacted", 4, ["BOOLEAN NOT NULL", "STRING NOT NULL"], { examples: [true, "no", false, "yes"] }),
        key("aliasText", 4, ["STRING NOT NULL"]),
        key("_redstringLock", 1, ["BOOLEAN NOT NULL"]),
        key("govtrackUrl", 3, ["STRING NOT NULL"], { examples: ["https://www.govtrack.us/x"], datasetIds: ["legis-graph-114", "other"] }),
        key("tags", 2, ["LIST<STRING NOT NULL> NOT NULL"]),
        key("score", 2, ["FLOAT NOT NULL", "INTEGER NOT NULL"]),
      ],
    },
  },
  relationships: {
    PAID: {
      count: 10,
      keys: [
        key("amount", 10, ["FLOAT NOT NULL"], { examples: [1500, 20.5], datasetIds: ["ftm-donations"] }),
        key("date", 8, ["DATE NOT NULL"], { examples: ["2009", "2010-03-01"] }),
        key(precisionFieldOf("date"), 3, ["STRING NOT NULL"]),
        key("sources", 10, ["LIST<STRING NOT NULL> NOT NULL"]),
      ],
    },
  },
  datasetNames: { "legis-graph-114": "US Congress, 114th", "ftm-donations": "German party donations" },
};

describe("the schema built from the registry and what the database holds", () => {
  const schema = buildGraphSchema(observations);
  const bill = schema.entityTypes.find((type) => type.type === "Bill")!;
  const paid = schema.relationshipTypes.find((type) => type.type === "PAID")!;
  const property = (properties: typeof bill.properties, name: string) => properties.find((item) => item.key === name);

  it("lists every registry type and only those, with its registry label and count", () => {
    expect(schema.entityLabel).toBe(ENTITY_LABEL);
    expect(schema.entityTypes.map((type) => type.type)).toEqual([...ENTITY_TYPES]);
    expect(schema.relationshipTypes.map((type) => type.type)).toEqual([...RELATIONSHIP_TYPES]);
    expect(bill).toMatchObject({ label: ENTITY_TYPE_SPECS.Bill.label, plural: ENTITY_TYPE_SPECS.Bill.plural, count: 4 });
    expect(paid).toMatchObject({ label: RELATIONSHIP_TYPE_SPECS.PAID.verb, from: RELATIONSHIP_TYPE_SPECS.PAID.from, count: 10 });
    expect(schema.entityCount).toBe(4);
  });

  it("gives declared keys the registry's kind, with choices, currency and precision, even when no record carries them", () => {
    for (const type of ENTITY_TYPES) {
      const keys = schema.entityTypes.find((item) => item.type === type)!.properties.map((item) => item.key);
      for (const field of ENTITY_TYPE_SPECS[type].fields) expect(keys).toContain(field.name);
    }
    expect(property(bill.properties, "congress")).toMatchObject({ type: "integer", declared: true, count: 4, examples: [114] });
    expect(property(bill.properties, "vetoed")).toMatchObject({ type: "boolean", declared: true, count: 0, observed: [] });
    const chamber = property(schema.entityTypes.find((type) => type.type === "Legislator")!.properties, "chamber");
    expect(chamber).toMatchObject({ type: "choice", choices: ["senate", "house"] });
    expect(property(paid.properties, "amount")).toMatchObject({ type: "number", currencyKey: "currency", observed: ["number"] });
    expect(property(paid.properties, "date")).toMatchObject({ type: "date", precisionKey: "datePrecision", partialDates: 3, count: 8 });
  });

  it("shows what Neo4j holds beside the declared type, so an unconverted value is visible", () => {
    expect(property(bill.properties, "enacted")).toMatchObject({ type: "boolean", observed: ["boolean", "text"] });
  });

  it("keeps at most a few examples", () => {
    expect(property(bill.properties, "enacted")!.examples).toHaveLength(MAX_EXAMPLES);
  });

  it("gives undeclared keys their observed type, after the declared ones, and the list types of common keys", () => {
    const keys = bill.properties.map((item) => item.key);
    expect(keys.indexOf("govtrackUrl")).toBeGreaterThan(keys.indexOf("vetoed"));
    expect(property(bill.properties, "govtrackUrl")).toMatchObject({ type: "text", declared: false, label: "govtrackUrl", count: 3 });
    expect(property(bill.properties, "tags")).toMatchObject({ type: "list", itemType: "text", declared: false });
    expect(property(bill.properties, "score")).toMatchObject({ type: "mixed", observed: ["integer", "number"] });
    expect(property(bill.properties, "aliases")).toMatchObject({ type: "list", itemType: "text", declared: true });
    expect(property(paid.properties, "sources")).toMatchObject({ type: "list", itemType: "text", count: 10 });
    expect(property(paid.properties, "datasets")).toMatchObject({ type: "list", itemType: "text", count: 0 });
  });

  it("leaves bookkeeping out: aliasText, the edit lock, and a date's precision key (folded into the date)", () => {
    const keys = [...schema.entityTypes, ...schema.relationshipTypes].flatMap((type) => type.properties.map((item) => item.key));
    expect(keys).not.toContain("aliasText");
    expect(keys).not.toContain("_redstringLock");
    expect(paid.properties.map((item) => item.key)).not.toContain("datePrecision");
    // Event declares its precision as a field of its own: it stays.
    expect(schema.entityTypes.find((type) => type.type === "Event")!.properties.map((item) => item.key)).toContain("datePrecision");
    expect(HIDDEN_KEY("_anything")).toBe(true);
  });

  it("names the data sets that supply each key and each type, by their record's name or else their id", () => {
    expect(property(bill.properties, "govtrackUrl")!.datasets).toEqual([
      { id: "legis-graph-114", name: "US Congress, 114th" },
      { id: "other", name: "other" },
    ]);
    expect(bill.datasets.map((dataset) => dataset.id)).toEqual(["legis-graph-114", "other"]);
    expect(schema.datasets.map((dataset) => dataset.id)).toEqual(["ftm-donations", "legis-graph-114", "other"]);
  });
});

describe("value types from Neo4j's valueType()", () => {
  it.each([
    ["STRING NOT NULL", { type: "text" }],
    ["FLOAT NOT NULL", { type: "number" }],
    ["INTEGER NOT NULL", { type: "integer" }],
    ["BOOLEAN NOT NULL", { type: "boolean" }],
    ["DATE NOT NULL", { type: "date" }],
    ["ZONED DATETIME NOT NULL", { type: "datetime" }],
    ["LOCAL DATETIME NOT NULL", { type: "local datetime" }],
    ["POINT NOT NULL", { type: "point" }],
    ["LIST<STRING NOT NULL> NOT NULL", { type: "list", itemType: "text" }],
    ["LIST<NOTHING> NOT NULL", { type: "list" }],
    ["LIST<STRING NOT NULL | INTEGER NOT NULL> NOT NULL", { type: "list", itemType: "mixed" }],
    ["VECTOR<INT8>(3)", { type: "other" }],
  ])("%s", (neo4jType, expected) => {
    expect(valueTypeOf(neo4jType)).toEqual(expected);
  });

  it("reads as words", () => {
    expect(describeType({ type: "list", itemType: "text" })).toBe("list of text");
    expect(describeType({ type: "number" })).toBe("number");
  });
});

describe("completion from the same schema", () => {
  it("offers labels, relationship types and the property keys of entities and relationships alike", () => {
    const completion = completionOf(buildGraphSchema(observations));
    expect(completion.labels).toEqual([ENTITY_LABEL, ...ENTITY_TYPES]);
    expect(completion.relationshipTypes).toEqual([...RELATIONSHIP_TYPES]);
    for (const expected of ["amount", "currency", "vote", "role", "percentage", "sources", "datePrecision", "govtrackUrl", "name", "current"]) {
      expect(completion.propertyKeys).toContain(expected);
    }
    expect(completion.propertyKeys).not.toContain("aliasText");
    expect(completion.propertyKeys).toEqual([...completion.propertyKeys].sort());
  });

  it("offers every registry field before any data has been read", () => {
    const keys = completionOf(registrySchema()).propertyKeys;
    for (const type of RELATIONSHIP_TYPES) for (const field of RELATIONSHIP_TYPE_SPECS[type].fields) expect(keys).toContain(field.name);
    for (const type of ENTITY_TYPES) for (const field of ENTITY_TYPE_SPECS[type].fields) expect(keys).toContain(field.name);
  });
});
