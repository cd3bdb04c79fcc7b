/**
 * The graph's schema as an analyst reads it (/schema, GET /api/schema, the Cypher editor's completion):
 * every entity type and relationship type with its Neo4j label or type, how many there are, and each
 * property key with its value type, label, how many records carry it, a few example values and the data
 * sets that supply it.
 *
 * Pure (shared with the browser): buildGraphSchema() joins the registry, which declares the types, with
 * what the database holds (lib/schema/read.ts observes it). Declared keys come first, in registry order,
 * even when no record carries them yet; keys an importer wrote that the registry does not declare follow
 * with the type Neo4j holds. Only registry labels and types are ever listed, so Redstring's own records
 * (users, saved queries, snapshots...) cannot appear, and bookkeeping keys are left out (HIDDEN_KEY).
 */
import type { JsonValue } from "../json";
import {
  ENTITY_LABEL,
  ENTITY_TYPES,
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_SPECS,
  precisionFieldOf,
  type EntityType,
  type FieldKind,
  type FieldSpec,
  type RelationshipType,
} from "../model/registry";

/**
 * The shared data-set contract (issue 15): every imported entity and relationship lists the ids of its
 * data sets in this property (the `Dataset` records that name them: lib/schema/read.ts).
 */
export const DATASETS_PROPERTY = "datasets";

/**
 * A value type: the registry's kinds, "list", and for undeclared keys what else Neo4j can hold. "mixed"
 * when records disagree (some hold text, some numbers).
 */
export type ValueType = FieldKind | "list" | "local datetime" | "time" | "duration" | "point" | "mixed" | "other";

export interface DatasetRef {
  id: string;
  /** The Dataset record's name; its id when there is no record (yet). */
  name: string;
}

export interface SchemaProperty {
  key: string;
  label: string;
  /** The registry's kind for a declared key; for any other, the type Neo4j holds. */
  type: ValueType;
  /** For a list: the type of its items, when the records hold any. */
  itemType?: ValueType;
  /** Whether the registry declares the key (its type is then the one every import and edit checks). */
  declared: boolean;
  choices?: readonly string[];
  /** A date known only to its month or year keeps the precision in this key ("month" / "year"). */
  precisionKey?: string;
  /** How many records hold a date known only to its month or year. */
  partialDates?: number;
  /** A number that is money: the key that holds its currency. */
  currencyKey?: string;
  /** The types Neo4j holds under the key; anything beside `type` is worth a look (an unconverted value). */
  observed: ValueType[];
  /** How many records carry the key. */
  count: number;
  /** Up to MAX_EXAMPLES distinct values, as the API gives them. */
  examples: JsonValue[];
  /** The data sets whose records carry the key. */
  datasets: DatasetRef[];
}

export interface SchemaEntityType {
  /** The Neo4j label, beside `Entity`. */
  type: EntityType;
  label: string;
  plural: string;
  count: number;
  datasets: DatasetRef[];
  properties: SchemaProperty[];
}

export interface SchemaRelationshipType {
  /** The Neo4j relationship type. */
  type: RelationshipType;
  /** Reads between the two names: "sponsored". */
  label: string;
  /** The entity types it may join, from the registry. */
  from: readonly EntityType[];
  to: readonly EntityType[];
  count: number;
  datasets: DatasetRef[];
  properties: SchemaProperty[];
}

export interface GraphSchema {
  /** The label every entity carries besides its type. */
  entityLabel: string;
  entityCount: number;
  entityTypes: SchemaEntityType[];
  relationshipTypes: SchemaRelationshipType[];
  /** Every data set some record names. */
  datasets: DatasetRef[];
}

/** What the database holds under one key of one label or type (lib/schema/read.ts). */
export interface KeyObservation {
  key: string;
  count: number;
  /** As valueType() gives them, in a sample of the records (lib/schema/read.ts): "STRING NOT NULL"... */
  neo4jTypes: readonly string[];
  examples: readonly JsonValue[];
  datasetIds: readonly string[];
}

export interface TypeObservation {
  count: number;
  keys: readonly KeyObservation[];
}

export interface SchemaObservations {
  entities: Partial<Record<EntityType, TypeObservation>>;
  relationships: Partial<Record<RelationshipType, TypeObservation>>;
  /** Dataset id -> name, from the Dataset records. */
  datasetNames: Readonly<Record<string, string>>;
}

export const MAX_EXAMPLES = 3;

/** A key the common shape gives every entity or every relationship (not in the registry's field lists). */
interface CommonKey {
  key: string;
  label: string;
  type: ValueType;
  itemType?: ValueType;
}

const BOOKKEEPING_KEYS: readonly CommonKey[] = [
  { key: DATASETS_PROPERTY, label: "Data sets", type: "list", itemType: "text" },
  { key: "createdAt", label: "Created", type: "datetime" },
  { key: "updatedAt", label: "Last changed", type: "datetime" },
];

const ENTITY_COMMON_KEYS: readonly CommonKey[] = [
  { key: "id", label: "Id", type: "text" },
  { key: "name", label: "Name", type: "text" },
  { key: "aliases", label: "Also known as", type: "list", itemType: "text" },
  { key: "description", label: "Description", type: "longText" },
  ...BOOKKEEPING_KEYS,
];

const RELATIONSHIP_COMMON_KEYS: readonly CommonKey[] = [
  { key: "id", label: "Id", type: "text" },
  { key: "sources", label: "Sources (report ids)", type: "list", itemType: "text" },
  { key: "quote", label: "Quote", type: "text" },
  ...BOOKKEEPING_KEYS,
];

/**
 * Keys that are Redstring's bookkeeping, not data: `aliasText` (the aliases joined for the full-text index)
 * and anything starting with an underscore (the edit lock, `_redstringLock`, set and removed in one
 * transaction, so a record never keeps it; left out all the same).
 */
export const HIDDEN_KEY = (key: string) => key === "aliasText" || key.startsWith("_");

/** "LIST<STRING NOT NULL> NOT NULL" -> list of text; "FLOAT NOT NULL" -> number. */
export function valueTypeOf(neo4jType: string): { type: ValueType; itemType?: ValueType } {
  const bare = neo4jType.replace(/\s+NOT NULL/g, "").trim();
  const list = /^LIST<(.*)>$/.exec(bare);
  if (list) {
    const inner = list[1] ?? "";
    if (inner === "NOTHING" || inner === "") return { type: "list" };
    return { type: "list", itemType: inner.includes("|") ? "mixed" : scalarTypeOf(inner) };
  }
  return { type: scalarTypeOf(bare) };
}

const SCALAR_TYPES: Readonly<Record<string, ValueType>> = {
  STRING: "text",
  FLOAT: "number",
  INTEGER: "integer",
  BOOLEAN: "boolean",
  DATE: "date",
  "ZONED DATETIME": "datetime",
  "LOCAL DATETIME": "local datetime",
  "ZONED TIME": "time",
  "LOCAL TIME": "time",
  DURATION: "duration",
  POINT: "point",
};

function scalarTypeOf(bare: string): ValueType {
  return SCALAR_TYPES[bare] ?? "other";
}

/** The types observed under a key, in a stable order; an empty list holds no type of its own. */
function observedTypes(observation: KeyObservation | undefined): { types: ValueType[]; itemTypes: ValueType[] } {
  const types = new Set<ValueType>();
  const itemTypes = new Set<ValueType>();
  for (const neo4jType of observation?.neo4jTypes ?? []) {
    const { type, itemType } = valueTypeOf(neo4jType);
    types.add(type);
    if (itemType) itemTypes.add(itemType);
  }
  return { types: [...types].sort(), itemTypes: [...itemTypes].sort() };
}

function datasetRefs(ids: Iterable<string>, names: Readonly<Record<string, string>>): DatasetRef[] {
  return [...new Set(ids)].sort().map((id) => ({ id, name: names[id] ?? id }));
}

/** A list holds declared text; what the kinds mean for a key the registry declares. */
function declaredProperty(
  common: CommonKey | null,
  field: FieldSpec | null,
  observation: KeyObservation | undefined,
  precisionCount: number,
  names: Readonly<Record<string, string>>,
): SchemaProperty {
  const key = common?.key ?? field?.name ?? "";
  const { types } = observedTypes(observation);
  const property: SchemaProperty = {
    key,
    label: common?.label ?? field?.label ?? key,
    type: common?.type ?? field?.kind ?? "text",
    declared: true,
    observed: types,
    count: observation?.count ?? 0,
    examples: [...(observation?.examples ?? [])].slice(0, MAX_EXAMPLES),
    datasets: datasetRefs(observation?.datasetIds ?? [], names),
  };
  if (common?.itemType) property.itemType = common.itemType;
  if (field?.choices) property.choices = field.choices;
  if (field?.currencyField) property.currencyKey = field.currencyField;
  if (field?.kind === "date") {
    property.precisionKey = precisionFieldOf(field.name);
    property.partialDates = precisionCount;
  }
  return property;
}

function undeclaredProperty(observation: KeyObservation, names: Readonly<Record<string, string>>): SchemaProperty {
  const { types, itemTypes } = observedTypes(observation);
  const property: SchemaProperty = {
    key: observation.key,
    label: observation.key,
    type: types.length === 1 ? (types[0] as ValueType) : types.length === 0 ? "other" : "mixed",
    declared: false,
    observed: types,
    count: observation.count,
    examples: [...observation.examples].slice(0, MAX_EXAMPLES),
    datasets: datasetRefs(observation.datasetIds, names),
  };
  if (property.type === "list" && itemTypes.length > 0) property.itemType = itemTypes.length === 1 ? itemTypes[0] : "mixed";
  return property;
}

/**
 * The properties of one label or type: the common keys, then the registry's fields, then what else the
 * records hold. A date field's precision key is folded into the date (unless the type declares it as a
 * field of its own, as Event does), since it only says how much of the date is known.
 */
function propertiesOf(
  common: readonly CommonKey[],
  fields: readonly FieldSpec[],
  observation: TypeObservation | undefined,
  names: Readonly<Record<string, string>>,
): SchemaProperty[] {
  const observed = new Map((observation?.keys ?? []).map((key) => [key.key, key]));
  const declaredKeys = new Set([...common.map((key) => key.key), ...fields.map((field) => field.name)]);
  const folded = new Set(
    fields.filter((field) => field.kind === "date").map((field) => precisionFieldOf(field.name)).filter((key) => !declaredKeys.has(key)),
  );
  const properties = [
    ...common.map((key) => declaredProperty(key, null, observed.get(key.key), 0, names)),
    ...fields.map((field) =>
      declaredProperty(null, field, observed.get(field.name), field.kind === "date" ? (observed.get(precisionFieldOf(field.name))?.count ?? 0) : 0, names),
    ),
  ];
  const others = [...observed.values()]
    .filter((key) => !declaredKeys.has(key.key) && !folded.has(key.key) && !HIDDEN_KEY(key.key))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((key) => undeclaredProperty(key, names));
  return [...properties, ...others];
}

function datasetsOfProperties(properties: readonly SchemaProperty[]): DatasetRef[] {
  const byId = new Map(properties.flatMap((property) => property.datasets).map((dataset) => [dataset.id, dataset]));
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The registry joined with what the database holds: see the module comment. */
export function buildGraphSchema(observations: SchemaObservations): GraphSchema {
  const names = observations.datasetNames;
  const entityTypes = ENTITY_TYPES.map((type): SchemaEntityType => {
    const spec = ENTITY_TYPE_SPECS[type];
    const observation = observations.entities[type];
    const properties = propertiesOf(ENTITY_COMMON_KEYS, spec.fields, observation, names);
    return { type, label: spec.label, plural: spec.plural, count: observation?.count ?? 0, datasets: datasetsOfProperties(properties), properties };
  });
  const relationshipTypes = RELATIONSHIP_TYPES.map((type): SchemaRelationshipType => {
    const spec = RELATIONSHIP_TYPE_SPECS[type];
    const observation = observations.relationships[type];
    const properties = propertiesOf(RELATIONSHIP_COMMON_KEYS, spec.fields, observation, names);
    return { type, label: spec.verb, from: spec.from, to: spec.to, count: observation?.count ?? 0, datasets: datasetsOfProperties(properties), properties };
  });
  return {
    entityLabel: ENTITY_LABEL,
    entityCount: entityTypes.reduce((sum, type) => sum + type.count, 0),
    entityTypes,
    relationshipTypes,
    datasets: datasetsOfProperties([...entityTypes, ...relationshipTypes].flatMap((type) => type.properties)),
  };
}

/** The schema the registry alone gives (no counts, no examples): what completion offers before the real one arrives. */
export const registrySchema = (): GraphSchema => buildGraphSchema({ entities: {}, relationships: {}, datasetNames: {} });

/** What the Cypher editor completes: labels, relationship types and every property key of both. */
export interface CompletionSchema {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
}

export function completionOf(schema: GraphSchema): CompletionSchema {
  const keys = new Set<string>();
  for (const type of [...schema.entityTypes, ...schema.relationshipTypes]) {
    for (const property of type.properties) {
      keys.add(property.key);
      // The precision of a partial date is a key a query may filter on (r.datePrecision = 'year').
      if (property.precisionKey) keys.add(property.precisionKey);
    }
  }
  return {
    labels: [schema.entityLabel, ...schema.entityTypes.map((type) => type.type)],
    relationshipTypes: schema.relationshipTypes.map((type) => type.type),
    propertyKeys: [...keys].sort(),
  };
}

/** How a property's type reads: "list of text", "date", "choice". */
export function describeType(property: Pick<SchemaProperty, "type" | "itemType">): string {
  if (property.type === "list") return property.itemType ? `list of ${property.itemType}` : "list";
  return property.type;
}
