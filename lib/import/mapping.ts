/**
 * The CSV column mapping: a JSON file, validated here, that says which file holds which entity or
 * relationship type and how each property is built from the columns. Kept as a file so a newsroom can
 * save it next to the data and re-run the same import (graph-seed/mappings/ holds the committed ones).
 *
 * A value is built from a row by a ValueSpec:
 *   "column"                                   the column as it is (shorthand for {column})
 *   {column, map?, default?, ...transforms}    one column, optionally translated through `map`
 *   {template: "{firstName} {lastName}"}       columns spliced into text
 *   {value: "114"}                             a constant
 *   {firstOf: [spec, spec]}                    the first spec that gives a non-empty value
 * A column's text goes through, in this order: `first` (keep its first n characters), `before` (keep what
 * comes before the first occurrence of a separator), `map`, `replacePrefix` (the longest key the value
 * starts with is replaced: {"hr": "H.R. "} makes "hr10" "H.R. 10"), then the transforms every spec has:
 * slug (lowercase, anything but a-z 0-9 . _ - becomes "-"), lowercase, upper, truncate (to n characters,
 * with an ellipsis), then prefix and suffix.
 *
 * Typed columns (column-types.ts): {column, type: "number" | "integer"} (plain decimals: "1234.5", "-3";
 * a thousands separator or a currency sign is refused), {column, type: "boolean", true: [...], false:
 * [...]} with the file's own words (required: "yes", "1" or "True" are never guessed), {column, type:
 * "date", format: "DD.MM.YYYY"} (YYYY, MM and DD around any separators; "YYYY" or "MM/YYYY" give a date
 * known to the year or month). A cell that does not parse refuses its row, with the column and the value.
 * A typed column may fill only a field of that kind in the registry (a boolean column a boolean field...),
 * and not an id, a name or an alias; the mapping is refused otherwise.
 *
 * Rows: a mapping with `when: {column, minLength?, in?}` reads only the rows whose column has at least
 * that many characters and (with `in`) is one of those values: one file can feed two mappings (committee
 * seats and the subcommittees they name). A node mapping with `sameId: "first"` treats a later row that
 * gives an id an earlier row of it gave as the same entity spelled differently ("Agriculture and food" /
 * "Agriculture and Food"): the first row's values are kept and the repeat counts as a duplicate, instead
 * of being refused for its different values. It keeps one entity per id in memory: meant for small files.
 */
import { z } from "zod";
import { datasetIdSchema } from "../datasets/model";
import {
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPE_SPECS,
  entityTypeSchema,
  relationshipTypeSchema,
  type FieldKind,
} from "../model/registry";
import { COLUMN_TYPES, KINDS_FOR_COLUMN_TYPE, dateFormatProblem, parseColumnValue, type ColumnType, type TypedValue } from "./column-types";

const transforms = {
  slug: z.boolean().optional(),
  lowercase: z.boolean().optional(),
  upper: z.boolean().optional(),
  truncate: z.number().int().min(1).max(5000).optional(),
  prefix: z.string().max(100).optional(),
  suffix: z.string().max(100).optional(),
};

const TEMPLATE_PLACEHOLDER = /\{([^{}]+)\}/g;

export interface ColumnSpec extends Transforms {
  column: string;
  first?: number;
  before?: string;
  map?: Record<string, string>;
  replacePrefix?: Record<string, string>;
  default?: string;
  type?: ColumnType;
  true?: string[];
  false?: string[];
  format?: string;
}

export type ValueSpec =
  | string
  | ColumnSpec
  | ({ template: string } & Transforms)
  | ({ value: string } & Transforms)
  | { firstOf: ValueSpec[] };
type Transforms = { slug?: boolean; lowercase?: boolean; upper?: boolean; truncate?: number; prefix?: string; suffix?: string };

const words = z.array(z.string().min(1).max(100)).min(1).max(20);
const TRANSFORM_NAMES = Object.keys(transforms);

const columnSpecSchema = z
  .object({
    column: z.string().min(1),
    first: z.number().int().min(1).max(1000).optional(),
    before: z.string().min(1).max(20).optional(),
    map: z.record(z.string(), z.string()).optional(),
    replacePrefix: z.record(z.string().min(1), z.string()).optional(),
    default: z.string().optional(),
    type: z.enum(COLUMN_TYPES).optional(),
    true: words.optional(),
    false: words.optional(),
    format: z.string().min(4).max(40).optional(),
    ...transforms,
  })
  .strict()
  .superRefine((spec, ctx) => {
    const type = spec.type ?? "text";
    const issue = (message: string) => ctx.addIssue({ code: "custom", message: `column "${spec.column}": ${message}` });
    if (type === "boolean") {
      if (!spec.true || !spec.false) issue('a boolean column names the file\'s own words: "true": [...] and "false": [...] (none is guessed)');
      else if (spec.true.some((word) => spec.false?.includes(word))) issue("a word cannot mean both true and false");
    } else if (spec.true || spec.false) issue('"true" and "false" are for a boolean column');
    if (type === "date") {
      const problem = spec.format === undefined ? 'a date column names its "format", e.g. "YYYY-MM-DD" or "DD.MM.YYYY"' : dateFormatProblem(spec.format);
      if (problem) issue(problem);
    } else if (spec.format !== undefined) issue('"format" is for a date column');
    if (type !== "text") {
      const used = TRANSFORM_NAMES.filter((name) => (spec as Record<string, unknown>)[name] !== undefined);
      if (used.length > 0) issue(`a ${type} column takes no text transform (${used.join(", ")})`);
    }
  });

export const valueSpecSchema: z.ZodType<ValueSpec> = z.lazy(() =>
  z.union([
    z.string().min(1),
    columnSpecSchema,
    z
      .object({ template: z.string().min(1).refine((text) => /\{[^{}]+\}/.test(text), "a template names at least one {column}"), ...transforms })
      .strict(),
    z.object({ value: z.string(), ...transforms }).strict(),
    z.object({ firstOf: z.array(valueSpecSchema).min(1) }).strict(),
  ]),
);

/** The types a spec declares: only typed columns declare one (the registry's schema judges the rest). */
export function declaredTypes(spec: ValueSpec): ColumnType[] {
  if (typeof spec === "string") return [];
  if ("firstOf" in spec) return [...new Set(spec.firstOf.flatMap(declaredTypes))];
  return "column" in spec && spec.type !== undefined ? [spec.type] : [];
}

/** Refuses a typed column where the registry expects another kind of value (or text: ids, names, aliases). */
function checkKinds(ctx: z.RefinementCtx, path: (string | number)[], spec: ValueSpec | undefined, kind: FieldKind, what: string) {
  if (spec === undefined) return;
  for (const type of declaredTypes(spec)) {
    if (!KINDS_FOR_COLUMN_TYPE[type].includes(kind)) {
      ctx.addIssue({ code: "custom", path, message: `${what} is a ${kind} field: a ${type} column cannot fill it` });
    }
  }
}

const rowFilterSchema = z
  .object({ column: z.string().min(1), minLength: z.number().int().min(1).max(1000).optional(), in: z.array(z.string()).min(1).max(1000).optional() })
  .strict();
export type RowFilter = z.infer<typeof rowFilterSchema>;

const nodeMappingSchema = z
  .object({
    file: z.string().min(1),
    when: rowFilterSchema.optional(),
    sameId: z.literal("first").optional(),
    type: entityTypeSchema,
    id: valueSpecSchema,
    name: valueSpecSchema,
    aliases: z.array(valueSpecSchema).optional(),
    description: valueSpecSchema.optional(),
    fields: z.record(z.string(), valueSpecSchema).default({}),
  })
  .strict()
  .superRefine((node, ctx) => {
    const known = new Map(ENTITY_TYPE_SPECS[node.type].fields.map((field) => [field.name, field.kind]));
    for (const [name, spec] of Object.entries(node.fields)) {
      const kind = known.get(name);
      if (!kind) ctx.addIssue({ code: "custom", path: ["fields", name], message: `${node.type} has no field "${name}"` });
      else checkKinds(ctx, ["fields", name], spec, kind, `${node.type}.${name}`);
    }
    checkKinds(ctx, ["id"], node.id, "text", "the id");
    checkKinds(ctx, ["name"], node.name, "text", "the name");
    (node.aliases ?? []).forEach((alias, index) => checkKinds(ctx, ["aliases", index], alias, "text", "an alias"));
    checkKinds(ctx, ["description"], node.description, "longText", "the description");
  });

const relationshipMappingSchema = z
  .object({
    file: z.string().min(1),
    when: rowFilterSchema.optional(),
    type: relationshipTypeSchema,
    id: valueSpecSchema,
    from: valueSpecSchema,
    to: valueSpecSchema,
    properties: z.record(z.string(), valueSpecSchema).default({}),
    quote: valueSpecSchema.optional(),
  })
  .strict()
  .superRefine((relationship, ctx) => {
    const known = new Map(RELATIONSHIP_TYPE_SPECS[relationship.type].fields.map((field) => [field.name, field.kind]));
    for (const [name, spec] of Object.entries(relationship.properties)) {
      const kind = known.get(name);
      if (!kind) ctx.addIssue({ code: "custom", path: ["properties", name], message: `${relationship.type} has no field "${name}"` });
      else checkKinds(ctx, ["properties", name], spec, kind, `${relationship.type}.${name}`);
    }
    for (const end of ["id", "from", "to"] as const) checkKinds(ctx, [end], relationship[end], "text", `the ${end}`);
    checkKinds(ctx, ["quote"], relationship.quote, "longText", "the quote");
  });

export const csvMappingSchema = z
  .object({
    /** The data set: its record (lib/datasets) and the provenance Report every imported relationship cites. */
    source: z
      .object({
        /** The data set's id (its `Dataset` record, the `datasets` lists); absent: a slug of the name. */
        id: datasetIdSchema.optional(),
        name: z.string().trim().min(1).max(300),
        description: z.string().max(5000).optional(),
        url: z.string().optional(),
        publisher: z.string().max(300).optional(),
        licence: z.string().max(300).optional(),
      })
      .strict()
      .optional(),
    delimiter: z.string().length(1).default(","),
    nodes: z.array(nodeMappingSchema).default([]),
    relationships: z.array(relationshipMappingSchema).default([]),
  })
  .strict()
  .refine((mapping) => mapping.nodes.length + mapping.relationships.length > 0, "the mapping names no file");

export type CsvMapping = z.infer<typeof csvMappingSchema>;
export type NodeMapping = CsvMapping["nodes"][number];
export type RelationshipMapping = CsvMapping["relationships"][number];

/* ---------------------------------------------------------------- evaluation */

export type Row = Readonly<Record<string, string | undefined>>;

export interface Evaluated {
  /** Undefined when empty; text unless a typed column gave it (ids, names and aliases are always text). */
  value: TypedValue | undefined;
  /** Columns the spec read that were empty: an id built from them is missing, not just shorter. */
  empty: string[];
  /** Why a typed column's cell is not a value of its type (the row is refused). */
  invalid?: string;
}

/** Text with nothing past ASCII, which NFKD leaves as it is: most ids, and they are slugged on every row. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function slugify(text: string): string {
  const letters = ASCII_ONLY.test(text) ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return letters
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-._]+|-+$/g, "");
}

function transform(text: string, spec: Transforms): string | undefined {
  let value = text.trim();
  if (spec.slug) value = slugify(value);
  if (spec.lowercase) value = value.toLowerCase();
  if (spec.upper) value = value.toUpperCase();
  if (spec.truncate !== undefined && value.length > spec.truncate) value = `${value.slice(0, spec.truncate - 1).trimEnd()}…`;
  if (value === "") return undefined;
  return `${spec.prefix ?? ""}${value}${spec.suffix ?? ""}`;
}

export function evaluate(spec: ValueSpec, row: Row): Evaluated {
  if (typeof spec === "string") return evaluate({ column: spec }, row);
  if ("firstOf" in spec) {
    let last: Evaluated = { value: undefined, empty: [] };
    for (const option of spec.firstOf) {
      last = evaluate(option, row);
      // A cell that does not parse refuses the row rather than falling through to the next option.
      if (last.value !== undefined || last.invalid !== undefined) return last;
    }
    return last;
  }
  if ("value" in spec) return { value: transform(spec.value, spec), empty: [] };
  if ("column" in spec) return evaluateColumn(spec, row);
  const empty: string[] = [];
  const text = spec.template.replace(TEMPLATE_PLACEHOLDER, (_match, column: string) => {
    const raw = (row[column] ?? "").trim();
    if (raw === "") empty.push(column);
    return raw;
  });
  return { value: transform(text, spec), empty };
}

/** The longest key of `replacements` the text starts with, replaced by its value. */
function replacePrefix(text: string, replacements: Record<string, string>): string {
  let best = "";
  for (const key of Object.keys(replacements)) if (key.length > best.length && text.startsWith(key)) best = key;
  return best === "" ? text : `${replacements[best]}${text.slice(best.length)}`;
}

function evaluateColumn(spec: ColumnSpec, row: Row): Evaluated {
  const raw = (row[spec.column] ?? "").trim();
  const empty = raw === "" && spec.default === undefined ? [spec.column] : [];
  // The default stands as written: first, before, map and replacePrefix read the file's own text.
  let text = raw;
  if (raw === "") text = spec.default ?? "";
  else {
    if (spec.first !== undefined) text = text.slice(0, spec.first);
    if (spec.before !== undefined && text.includes(spec.before)) text = text.slice(0, text.indexOf(spec.before));
    text = spec.map?.[text] ?? text;
    if (spec.replacePrefix) text = replacePrefix(text, spec.replacePrefix);
  }
  if (spec.type === undefined || spec.type === "text") return { value: transform(text, spec), empty };
  text = text.trim();
  if (text === "") return { value: undefined, empty };
  const parsed = parseColumnValue(text, spec);
  return "invalid" in parsed ? { value: undefined, empty, invalid: parsed.invalid } : { value: parsed.value, empty };
}

/** Whether a mapping with this filter reads the row. */
export function rowPasses(filter: RowFilter | undefined, row: Row): boolean {
  if (!filter) return true;
  const value = (row[filter.column] ?? "").trim();
  if (filter.minLength !== undefined && value.length < filter.minLength) return false;
  return filter.in === undefined || filter.in.includes(value);
}

/** Every column a spec reads, to check them against the file's header before the first row. */
export function columnsOf(spec: ValueSpec | undefined): string[] {
  if (spec === undefined) return [];
  if (typeof spec === "string") return [spec];
  if ("firstOf" in spec) return spec.firstOf.flatMap(columnsOf);
  if ("column" in spec) return [spec.column];
  if ("template" in spec) return [...spec.template.matchAll(TEMPLATE_PLACEHOLDER)].map((match) => match[1] ?? "");
  return [];
}

export function nodeColumns(node: NodeMapping): string[] {
  return [
    ...new Set([
      ...(node.when ? [node.when.column] : []),
      ...columnsOf(node.id),
      ...columnsOf(node.name),
      ...(node.aliases ?? []).flatMap(columnsOf),
      ...columnsOf(node.description),
      ...Object.values(node.fields).flatMap(columnsOf),
    ]),
  ];
}

export function relationshipColumns(relationship: RelationshipMapping): string[] {
  return [
    ...new Set([
      ...(relationship.when ? [relationship.when.column] : []),
      ...columnsOf(relationship.id),
      ...columnsOf(relationship.from),
      ...columnsOf(relationship.to),
      ...Object.values(relationship.properties).flatMap(columnsOf),
      ...columnsOf(relationship.quote),
    ]),
  ];
}

/** A required value (an id, an endpoint): the text, or why the row cannot have one. */
function required(what: string, spec: ValueSpec, row: Row): { value: string } | { reason: string } {
  const { value, empty } = evaluate(spec, row);
  if (empty.length > 0 || value === undefined) {
    return { reason: `missing ${what}: ${empty.length > 0 ? `column ${empty.map((c) => `"${c}"`).join(", ")} is empty` : "the value is empty"}` };
  }
  // Validation keeps typed columns out of ids and ends, so this is text.
  return { value: String(value) };
}

/** The typed values of fields or properties, or the first reason a cell did not parse. */
function fieldValues(specs: Record<string, ValueSpec>, row: Row): { values: Record<string, TypedValue> } | { reason: string } {
  const values: Record<string, TypedValue> = {};
  for (const [field, spec] of Object.entries(specs)) {
    const { value, invalid } = evaluate(spec, row);
    if (invalid !== undefined) return { reason: `${field}: ${invalid}` };
    if (value !== undefined) values[field] = value;
  }
  return { values };
}

const text = (value: TypedValue | undefined) => (value === undefined ? undefined : String(value));

/** One CSV row as an entity (not yet validated against the registry), or why it cannot be one. */
export function mapNodeRow(node: NodeMapping, row: Row): { entity: Record<string, unknown> } | { reason: string } {
  const id = required("id", node.id, row);
  if ("reason" in id) return id;
  const fields = fieldValues(node.fields, row);
  if ("reason" in fields) return fields;
  const entity: Record<string, unknown> = { type: node.type, id: id.value, name: text(evaluate(node.name, row).value) ?? "" };
  const aliases = (node.aliases ?? []).map((spec) => text(evaluate(spec, row).value)).filter((alias): alias is string => alias !== undefined);
  entity.aliases = [...new Set(aliases)].filter((alias) => alias !== entity.name);
  if (node.description) {
    const description = text(evaluate(node.description, row).value);
    if (description !== undefined) entity.description = description;
  }
  Object.assign(entity, fields.values);
  return { entity };
}

/** One CSV row as a relationship (sources are added by the pipeline), or why it cannot be one. */
export function mapRelationshipRow(
  relationship: RelationshipMapping,
  row: Row,
): { relationship: Record<string, unknown> } | { reason: string } {
  const id = required("id", relationship.id, row);
  if ("reason" in id) return id;
  const from = required("start id", relationship.from, row);
  if ("reason" in from) return from;
  const to = required("end id", relationship.to, row);
  if ("reason" in to) return to;
  const properties = fieldValues(relationship.properties, row);
  if ("reason" in properties) return properties;
  const result: Record<string, unknown> = { type: relationship.type, id: id.value, from: from.value, to: to.value, properties: properties.values };
  if (relationship.quote) {
    const quote = text(evaluate(relationship.quote, row).value);
    if (quote !== undefined) result.quote = quote;
  }
  return { relationship: result };
}
