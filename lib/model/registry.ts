/**
 * The type registry: the single source of truth for what Redstring stores.
 *
 * Entity types, their fields, how they look, which relationship types may join which types, and the zod
 * schemas that validate them. The UI (legend, panels, styles), the API validation and the Cypher label
 * allowlists all read this module; a new type or relationship is added here and nowhere else.
 */
import { z } from "zod";

export const ENTITY_TYPES = [
  "Company",
  "Legislator",
  "Person",
  "Agency",
  "Organization",
  "Report",
  "Region",
  "Event",
  // Added for the importers (issue 7): legislative data and FollowTheMoney addresses.
  "Bill",
  "Subject",
  "Address",
  // Congressional committees and subcommittees (issue 15): not agencies, as a journalist would say.
  "Committee",
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATIONSHIP_TYPES = [
  "LOCATED_IN",
  "PART_OF",
  "REPRESENTS",
  "MEMBER_OF",
  "SUPPLIED",
  "PUBLISHED_BY",
  "ACTED_IN",
  "TARGET_OF",
  "CONCERNS",
  "OCCURRED_IN",
  "DOCUMENTS",
  // Added for the importers (issue 7).
  "SPONSORED",
  "VOTED_ON",
  "REFERRED_TO",
  "HAS_SUBJECT",
  "HAS_ADDRESS",
  "PAID",
  "OWNER_OF",
  "DIRECTOR_OF",
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Every node carries this label besides its type label; constraints and indexes hang on it. */
export const ENTITY_LABEL = "Entity";

/**
 * The full-text index over entities' names, aliases and descriptions: the search box uses it, and it is the
 * only index a saved query may search (lib/queries/text-check.ts), since other indexes could cover other labels.
 */
export const ENTITY_SEARCH_INDEX = "entity_search";

/**
 * How a field is stored, edited and shown: its value type. In JSON and in Neo4j alike a value keeps its
 * type (lib/db/values.ts converts both ways):
 * - text, longText, url, choice: strings;
 * - number: a float (`sum(r.amount)` works); integer: a Neo4j Integer; boolean: true / false;
 * - date: `YYYY-MM-DD`, or only `YYYY-MM` / `YYYY` when the source knows no more. Stored as a Neo4j Date
 *   (the first day of the month or year, so range filters work) with the precision beside it in
 *   `<field>Precision` ("month" / "year"), so the value reads back as written;
 * - datetime: ISO-8601 with an offset, a Neo4j DateTime.
 */
export type FieldKind = "text" | "longText" | "url" | "date" | "datetime" | "choice" | "number" | "integer" | "boolean";

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly choices?: readonly string[];
  /** For a number that is money: the field of the same record that holds its ISO 4217 currency code. */
  readonly currencyField?: string;
}

/** The kinds whose values are strings in JSON and Neo4j. */
export const TEXT_KINDS: readonly FieldKind[] = ["text", "longText", "url", "choice"];

/** Cytoscape node shapes we use; kept as a union so a typo fails the typecheck. */
export type NodeShape =
  | "round-rectangle"
  | "ellipse"
  | "hexagon"
  | "octagon"
  | "tag"
  | "diamond"
  | "star"
  | "barrel"
  | "pentagon";

export interface EntityTypeSpec {
  readonly type: EntityType;
  readonly label: string;
  readonly plural: string;
  /** Fill colour; chosen to stay distinguishable for the common colour-vision deficiencies. */
  readonly color: string;
  readonly shape: NodeShape;
  readonly fields: readonly FieldSpec[];
}

/** A calendar date to the day, month or year: `2019-03-14`, `2019-03` or `2019`. */
export const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether text is a real calendar date (to the day, month or year); Date.parse would roll 2019-02-30 over to 2 March. */
export function isCalendarDate(value: string): boolean {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const [, year, month = "01", day = "01"] = match;
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
}

/** How much of a date is known, from how it is written. */
export function precisionOf(date: string): DatePrecision {
  const parts = date.split("-").length;
  return parts === 1 ? "year" : parts === 2 ? "month" : "day";
}

const isoDate = z
  .string()
  .trim()
  // abort: text that is not a date at all gets one message, not also "not a real calendar date".
  .regex(PARTIAL_DATE, { message: "must be a date written YYYY-MM-DD (or YYYY-MM, or YYYY)", abort: true })
  .refine(isCalendarDate, "must be a real calendar date");

/** ISO-8601 date and time with an offset or Z: an instant, never a wall-clock time of unknown zone. */
const isoDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: "must be a date and time written YYYY-MM-DDTHH:MM:SSZ (or with an offset)",
    abort: true,
  })
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a real date and time");

/**
 * A number from JSON, or from text a form or a file wrote: "1234.5", "-3", "1e6". Thousands separators,
 * currency signs and words are refused rather than guessed at.
 */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const numberValue = z.preprocess(
  (value) => (typeof value === "string" && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value),
  z.number({ error: "must be a number" }).finite("must be a finite number"),
);
const integerValue = numberValue.pipe(z.number().int("must be a whole number").min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER));

/** true / false, also as the words "true" / "false" a form sends; any other word is refused, not guessed. */
const booleanValue = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean({ error: "must be true or false" }),
);
const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), "must be an http(s) address");

const shortText = z.string().trim().min(1).max(300);
const longText = z.string().trim().max(5000);

export const DATE_PRECISIONS = ["day", "month", "year"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** Where a person or an organisation is from or registered: a country code as the source gives it ("DE"). */
const COUNTRY_FIELD: FieldSpec = { name: "country", label: "Country", kind: "text" };

export const ENTITY_TYPE_SPECS: Readonly<Record<EntityType, EntityTypeSpec>> = {
  Company: {
    type: "Company",
    label: "Company",
    plural: "Companies",
    color: "#1f77b4",
    shape: "round-rectangle",
    fields: [
      { name: "industry", label: "Industry", kind: "text" },
      { name: "website", label: "Website", kind: "url" },
      COUNTRY_FIELD,
    ],
  },
  Legislator: {
    type: "Legislator",
    label: "Legislator",
    plural: "Legislators",
    color: "#d62728",
    shape: "ellipse",
    fields: [
      { name: "party", label: "Party", kind: "text" },
      { name: "state", label: "State", kind: "text" },
      { name: "chamber", label: "Chamber", kind: "choice", choices: ["senate", "house"] },
      { name: "current", label: "Sitting now", kind: "boolean" },
      { name: "birthDate", label: "Born", kind: "date" },
    ],
  },
  Person: {
    type: "Person",
    label: "Person",
    plural: "People",
    color: "#ff7f0e",
    shape: "ellipse",
    fields: [{ name: "occupation", label: "Occupation", kind: "text" }, COUNTRY_FIELD],
  },
  Agency: {
    type: "Agency",
    label: "Agency or commission",
    plural: "Agencies and commissions",
    color: "#9467bd",
    shape: "hexagon",
    fields: [{ name: "jurisdiction", label: "Jurisdiction", kind: "text" }],
  },
  Organization: {
    type: "Organization",
    label: "Organisation",
    plural: "Organisations",
    color: "#2ca02c",
    shape: "octagon",
    fields: [
      { name: "kind", label: "Kind", kind: "text" },
      { name: "website", label: "Website", kind: "url" },
      COUNTRY_FIELD,
    ],
  },
  Report: {
    type: "Report",
    label: "Report or article",
    plural: "Reports and articles",
    color: "#7f7f7f",
    shape: "tag",
    fields: [
      { name: "publisher", label: "Publisher", kind: "text" },
      { name: "url", label: "Link", kind: "url" },
      { name: "publishedAt", label: "Published", kind: "date" },
      { name: "kind", label: "Kind", kind: "choice", choices: ["article", "report", "letter", "statement"] },
    ],
  },
  Region: {
    type: "Region",
    label: "Region",
    plural: "Regions",
    color: "#17becf",
    shape: "diamond",
    fields: [
      { name: "kind", label: "Kind", kind: "choice", choices: ["country", "state", "province", "city", "region"] },
      { name: "code", label: "Code", kind: "text" },
    ],
  },
  Event: {
    type: "Event",
    label: "Event",
    plural: "Events",
    color: "#e6b800",
    shape: "star",
    fields: [
      { name: "date", label: "Date", kind: "date" },
      { name: "endDate", label: "Until", kind: "date" },
      { name: "datePrecision", label: "Date known to the", kind: "choice", choices: DATE_PRECISIONS },
      { name: "kind", label: "Kind", kind: "text" },
    ],
  },
  Bill: {
    type: "Bill",
    label: "Bill",
    plural: "Bills",
    color: "#8c564b",
    shape: "barrel",
    fields: [
      { name: "congress", label: "Congress", kind: "integer" },
      { name: "active", label: "Active", kind: "boolean" },
      { name: "enacted", label: "Enacted", kind: "boolean" },
      { name: "vetoed", label: "Vetoed", kind: "boolean" },
    ],
  },
  Subject: {
    type: "Subject",
    label: "Subject",
    plural: "Subjects",
    color: "#bcbd22",
    shape: "tag",
    fields: [{ name: "vocabulary", label: "Vocabulary", kind: "text" }],
  },
  Address: {
    type: "Address",
    label: "Address",
    plural: "Addresses",
    color: "#e377c2",
    shape: "round-rectangle",
    fields: [
      { name: "street", label: "Street", kind: "text" },
      { name: "postalCode", label: "Postal code", kind: "text" },
      { name: "city", label: "City", kind: "text" },
      { name: "country", label: "Country", kind: "text" },
    ],
  },
  Committee: {
    type: "Committee",
    label: "Committee",
    plural: "Committees",
    color: "#5254a3",
    shape: "pentagon",
    fields: [
      { name: "chamber", label: "Chamber", kind: "choice", choices: ["house", "senate", "joint"] },
      { name: "website", label: "Website", kind: "url" },
    ],
  },
};

/**
 * Types that may record one thing two ways, by kind: a Legislator is a Person who holds a seat; a Company,
 * an Organisation and an Agency may be one body that two sources filed differently. Entities of one kind
 * may be merged (and the matcher proposes them as pairs); a person and a bill never are.
 */
export const ENTITY_KINDS: Readonly<Partial<Record<EntityType, "person" | "organisation">>> = {
  Person: "person",
  Legislator: "person",
  Company: "organisation",
  Organization: "organisation",
  Agency: "organisation",
};

export const sameKind = (a: EntityType, b: EntityType): boolean => a === b || (ENTITY_KINDS[a] !== undefined && ENTITY_KINDS[a] === ENTITY_KINDS[b]);

/** Of two types of one kind, the narrower one, which a merge keeps when it can: a Legislator over a Person. */
export const NARROWER_TYPE: Readonly<Partial<Record<EntityType, EntityType>>> = { Person: "Legislator" };

export interface RelationshipTypeSpec {
  readonly type: RelationshipType;
  /** Reads between the two names: "Marco Rubio" + "member of" + "CECC". */
  readonly verb: string;
  readonly from: readonly EntityType[];
  readonly to: readonly EntityType[];
  /** Relationship-specific fields besides the provenance every relationship has. */
  readonly fields: readonly FieldSpec[];
  /** A role that ties a participant (or a place, or a document) to an Event. */
  readonly eventRole: boolean;
}

const PARTICIPANTS: readonly EntityType[] = ["Company", "Legislator", "Person", "Agency", "Organization"];
const ALL_TYPES: readonly EntityType[] = ENTITY_TYPES;
const roleField: FieldSpec = { name: "role", label: "Role", kind: "text" };

export const RELATIONSHIP_TYPE_SPECS: Readonly<Record<RelationshipType, RelationshipTypeSpec>> = {
  LOCATED_IN: {
    type: "LOCATED_IN",
    verb: "located in",
    from: [...PARTICIPANTS, "Region"],
    to: ["Region"],
    fields: [roleField],
    eventRole: false,
  },
  PART_OF: {
    type: "PART_OF",
    verb: "part of",
    from: ["Region", "Agency", "Organization", "Company", "Committee"],
    to: ["Region", "Agency", "Organization", "Company", "Committee"],
    fields: [],
    eventRole: false,
  },
  REPRESENTS: {
    type: "REPRESENTS",
    verb: "represents",
    from: ["Legislator"],
    to: ["Region"],
    fields: [roleField],
    eventRole: false,
  },
  MEMBER_OF: {
    type: "MEMBER_OF",
    verb: "member of",
    from: ["Legislator", "Person", "Organization", "Agency"],
    to: ["Agency", "Organization", "Committee"],
    fields: [roleField],
    eventRole: false,
  },
  SUPPLIED: {
    type: "SUPPLIED",
    verb: "supplied",
    from: ["Company"],
    to: ["Agency", "Organization", "Company"],
    fields: [{ name: "product", label: "Product", kind: "text" }],
    eventRole: false,
  },
  PUBLISHED_BY: {
    type: "PUBLISHED_BY",
    verb: "published by",
    from: ["Report"],
    to: ["Organization", "Company", "Agency", "Person", "Legislator"],
    fields: [],
    eventRole: false,
  },
  ACTED_IN: {
    type: "ACTED_IN",
    verb: "acted in",
    from: PARTICIPANTS,
    to: ["Event"],
    fields: [roleField],
    eventRole: true,
  },
  TARGET_OF: {
    type: "TARGET_OF",
    verb: "target of",
    from: PARTICIPANTS,
    to: ["Event"],
    fields: [roleField],
    eventRole: true,
  },
  CONCERNS: {
    type: "CONCERNS",
    verb: "concerns",
    from: ["Event"],
    to: ALL_TYPES,
    fields: [],
    eventRole: true,
  },
  OCCURRED_IN: {
    type: "OCCURRED_IN",
    verb: "occurred in",
    from: ["Event"],
    to: ["Region"],
    fields: [],
    eventRole: true,
  },
  DOCUMENTS: {
    type: "DOCUMENTS",
    verb: "documents",
    from: ["Report"],
    to: ["Event"],
    fields: [],
    eventRole: true,
  },
  SPONSORED: {
    type: "SPONSORED",
    verb: "sponsored",
    from: ["Legislator"],
    to: ["Bill"],
    // "sponsor" or "cosponsor".
    fields: [roleField],
    eventRole: false,
  },
  VOTED_ON: {
    type: "VOTED_ON",
    verb: "voted on",
    from: ["Legislator"],
    to: ["Bill"],
    fields: [{ name: "vote", label: "Vote", kind: "text" }],
    eventRole: false,
  },
  REFERRED_TO: {
    type: "REFERRED_TO",
    verb: "referred to",
    from: ["Bill"],
    // Agency too: a database imported before committees had their own type (see lib/import/legis-upgrade.ts).
    to: ["Committee", "Agency"],
    fields: [],
    eventRole: false,
  },
  HAS_SUBJECT: {
    type: "HAS_SUBJECT",
    verb: "deals with",
    from: ["Bill", "Report", "Event"],
    to: ["Subject"],
    fields: [],
    eventRole: false,
  },
  HAS_ADDRESS: {
    type: "HAS_ADDRESS",
    verb: "has address",
    from: PARTICIPANTS,
    to: ["Address"],
    fields: [roleField],
    eventRole: false,
  },
  PAID: {
    type: "PAID",
    verb: "paid",
    from: PARTICIPANTS,
    to: PARTICIPANTS,
    // A date may be only a year or a month: the source's precision is kept (see FieldKind).
    fields: [
      { name: "amount", label: "Amount", kind: "number", currencyField: "currency" },
      { name: "currency", label: "Currency", kind: "text" },
      { name: "date", label: "Date", kind: "date" },
      { name: "purpose", label: "Purpose", kind: "text" },
    ],
    eventRole: false,
  },
  OWNER_OF: {
    type: "OWNER_OF",
    verb: "owner of",
    from: PARTICIPANTS,
    to: ["Company", "Organization"],
    fields: [
      { name: "percentage", label: "Share (%)", kind: "number" },
      roleField,
      { name: "startDate", label: "From", kind: "date" },
      { name: "endDate", label: "Until", kind: "date" },
    ],
    eventRole: false,
  },
  DIRECTOR_OF: {
    type: "DIRECTOR_OF",
    verb: "director of",
    from: ["Person", "Legislator", "Company", "Organization"],
    to: ["Company", "Organization", "Agency"],
    fields: [
      roleField,
      { name: "startDate", label: "From", kind: "date" },
      { name: "endDate", label: "Until", kind: "date" },
    ],
    eventRole: false,
  },
};

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === "string" && (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isRelationshipType(value: unknown): value is RelationshipType {
  return typeof value === "string" && (RELATIONSHIP_TYPES as readonly string[]).includes(value);
}

/** The type label of a node, from all its labels; null when it has none we know. */
export function entityTypeOf(labels: readonly string[]): EntityType | null {
  return labels.find(isEntityType) ?? null;
}

/* ---------------------------------------------------------------- zod schemas */

/** Our own stable ids: lowercase slugs. Never Neo4j elementIds, which are reused after deletes. */
export const entityIdSchema = z
  .string()
  .min(1, "id is empty")
  .max(128, "id is longer than 128 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "id may hold only lowercase letters, digits, '.', '_' and '-'");

export const entityTypeSchema = z.enum(ENTITY_TYPES);
export const relationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);

/** The schema of one field's value: what it accepts, and the typed value it gives. */
export function fieldSchema(field: FieldSpec): z.ZodType {
  switch (field.kind) {
    case "date":
      return isoDate;
    case "datetime":
      return isoDateTime;
    case "number":
      return numberValue;
    case "integer":
      return integerValue;
    case "boolean":
      return booleanValue;
    case "url":
      return httpUrl;
    case "choice":
      return z.enum((field.choices ?? []) as [string, ...string[]]);
    case "longText":
      return longText;
    case "text":
      return shortText;
  }
}

function fieldsShape(fields: readonly FieldSpec[]): Record<string, z.ZodType> {
  return Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field).optional()]));
}

const commonEntityShape = {
  id: entityIdSchema,
  name: shortText,
  aliases: z.array(shortText).max(50).default([]),
  description: longText.optional(),
};

/** One strict schema per entity type: unknown fields are refused rather than stored silently. */
export const entitySchemas = Object.fromEntries(
  ENTITY_TYPES.map((type) => [
    type,
    z
      .object({ ...commonEntityShape, type: z.literal(type), ...fieldsShape(ENTITY_TYPE_SPECS[type].fields) })
      .strict(),
  ]),
) as unknown as Record<EntityType, z.ZodObject>;

export const entityInputSchema = z.discriminatedUnion(
  "type",
  ENTITY_TYPES.map((type) => entitySchemas[type]) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
/** A validated entity: common fields plus the type-specific ones its schema allowed. */
export interface EntityInput {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  description?: string;
  [field: string]: unknown;
}

/** Provenance: every relationship cites at least one Report by id, optionally with a short quote. */
export const provenanceSchema = z.object({
  sources: z.array(entityIdSchema).min(1, "a relationship needs at least one source report").max(50),
  quote: z.string().trim().min(1).max(500).optional(),
});

/** A relationship property's value once checked: typed as its field declares. */
export type PropertyValue = string | number | boolean;

/** The strict schema of one relationship type's own properties (`PAID`: amount a number, date a date...). */
export const relationshipPropertySchemas = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [type, z.object(fieldsShape(RELATIONSHIP_TYPE_SPECS[type].fields)).strict()]),
) as unknown as Record<RelationshipType, z.ZodObject>;

export const relationshipInputSchema = z
  .object({
    id: entityIdSchema,
    type: relationshipTypeSchema,
    from: entityIdSchema,
    to: entityIdSchema,
    properties: z.record(z.string(), z.union([z.string().max(300), z.number(), z.boolean()])).default({}),
  })
  .extend(provenanceSchema.shape)
  .strict()
  .transform((rel, ctx) => {
    const allowed = new Set(RELATIONSHIP_TYPE_SPECS[rel.type].fields.map((field) => field.name));
    for (const key of Object.keys(rel.properties)) {
      if (!allowed.has(key)) {
        ctx.addIssue({ code: "custom", path: ["properties", key], message: `${rel.type} has no field "${key}"` });
      }
    }
    if (Object.keys(rel.properties).some((key) => !allowed.has(key))) return z.NEVER;
    const parsed = relationshipPropertySchemas[rel.type].safeParse(rel.properties);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", path: ["properties", ...issue.path.map(String)], message: issue.message });
      }
      return z.NEVER;
    }
    const properties = Object.fromEntries(
      Object.entries(parsed.data).filter((entry): entry is [string, PropertyValue] => entry[1] !== undefined),
    );
    return { ...rel, properties };
  });
export type RelationshipInput = z.output<typeof relationshipInputSchema>;

/** A whole graph as data: what the seed story, a Redstring JSON export and graph-seed/validate.ts take. */
export interface GraphInput {
  entities: EntityInput[];
  relationships: RelationshipInput[];
}

/** Whether a relationship type may join these two entity types, and if not, why. */
export function checkEndpoints(type: RelationshipType, from: EntityType, to: EntityType): string | null {
  const spec = RELATIONSHIP_TYPE_SPECS[type];
  if (!spec.from.includes(from)) return `${type} cannot start at a ${from}`;
  if (!spec.to.includes(to)) return `${type} cannot end at a ${to}`;
  return null;
}

/** The relationship types that may go from an entity of one type to an entity of another, in registry order. */
export function relationshipTypesBetween(from: EntityType, to: EntityType): RelationshipType[] {
  return RELATIONSHIP_TYPES.filter((type) => checkEndpoints(type, from, to) === null);
}

/** The field specs of an entity type, or of a relationship type's own properties. */
export function fieldsOf(type: EntityType | RelationshipType): readonly FieldSpec[] {
  return isEntityType(type) ? ENTITY_TYPE_SPECS[type].fields : RELATIONSHIP_TYPE_SPECS[type].fields;
}

/** Where a date field's precision is kept when the source knew only its month or year. */
export const precisionFieldOf = (field: string) => `${field}Precision`;
