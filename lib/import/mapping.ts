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
 * Transforms, in this order: slug (lowercase, anything but a-z 0-9 . _ - becomes "-"), lowercase,
 * upper, truncate (to n characters, with an ellipsis), then prefix and suffix.
 */
import { z } from "zod";
import {
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPE_SPECS,
  entityTypeSchema,
  relationshipTypeSchema,
} from "../model/registry";

const transforms = {
  slug: z.boolean().optional(),
  lowercase: z.boolean().optional(),
  upper: z.boolean().optional(),
  truncate: z.number().int().min(1).max(5000).optional(),
  prefix: z.string().max(100).optional(),
  suffix: z.string().max(100).optional(),
};

const TEMPLATE_PLACEHOLDER = /\{([^{}]+)\}/g;

export type ValueSpec =
  | string
  | ({ column: string; map?: Record<string, string>; default?: string } & Transforms)
  | ({ template: string } & Transforms)
  | ({ value: string } & Transforms)
  | { firstOf: ValueSpec[] };
type Transforms = { slug?: boolean; lowercase?: boolean; upper?: boolean; truncate?: number; prefix?: string; suffix?: string };

export const valueSpecSchema: z.ZodType<ValueSpec> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.object({ column: z.string().min(1), map: z.record(z.string(), z.string()).optional(), default: z.string().optional(), ...transforms }).strict(),
    z
      .object({ template: z.string().min(1).refine((text) => /\{[^{}]+\}/.test(text), "a template names at least one {column}"), ...transforms })
      .strict(),
    z.object({ value: z.string(), ...transforms }).strict(),
    z.object({ firstOf: z.array(valueSpecSchema).min(1) }).strict(),
  ]),
);

const nodeMappingSchema = z
  .object({
    file: z.string().min(1),
    type: entityTypeSchema,
    id: valueSpecSchema,
    name: valueSpecSchema,
    aliases: z.array(valueSpecSchema).optional(),
    description: valueSpecSchema.optional(),
    fields: z.record(z.string(), valueSpecSchema).default({}),
  })
  .strict()
  .superRefine((node, ctx) => {
    const known = new Set(ENTITY_TYPE_SPECS[node.type].fields.map((field) => field.name));
    for (const name of Object.keys(node.fields)) {
      if (!known.has(name)) ctx.addIssue({ code: "custom", path: ["fields", name], message: `${node.type} has no field "${name}"` });
    }
  });

const relationshipMappingSchema = z
  .object({
    file: z.string().min(1),
    type: relationshipTypeSchema,
    id: valueSpecSchema,
    from: valueSpecSchema,
    to: valueSpecSchema,
    properties: z.record(z.string(), valueSpecSchema).default({}),
    quote: valueSpecSchema.optional(),
  })
  .strict()
  .superRefine((relationship, ctx) => {
    const known = new Set(RELATIONSHIP_TYPE_SPECS[relationship.type].fields.map((field) => field.name));
    for (const name of Object.keys(relationship.properties)) {
      if (!known.has(name)) {
        ctx.addIssue({ code: "custom", path: ["properties", name], message: `${relationship.type} has no field "${name}"` });
      }
    }
  });

export const csvMappingSchema = z
  .object({
    /** The data set, for the provenance Report every imported relationship cites. */
    source: z
      .object({ name: z.string().trim().min(1).max(300), description: z.string().max(5000).optional(), url: z.string().optional() })
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
  /** Undefined when empty. */
  value: string | undefined;
  /** Columns the spec read that were empty: an id built from them is missing, not just shorter. */
  empty: string[];
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
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
      if (last.value !== undefined) return last;
    }
    return last;
  }
  if ("value" in spec) return { value: transform(spec.value, spec), empty: [] };
  if ("column" in spec) {
    const raw = (row[spec.column] ?? "").trim();
    const text = raw === "" ? (spec.default ?? "") : (spec.map?.[raw] ?? raw);
    return { value: transform(text, spec), empty: raw === "" && spec.default === undefined ? [spec.column] : [] };
  }
  const empty: string[] = [];
  const text = spec.template.replace(TEMPLATE_PLACEHOLDER, (_match, column: string) => {
    const raw = (row[column] ?? "").trim();
    if (raw === "") empty.push(column);
    return raw;
  });
  return { value: transform(text, spec), empty };
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
  return { value };
}

/** One CSV row as an entity (not yet validated against the registry), or why it cannot be one. */
export function mapNodeRow(node: NodeMapping, row: Row): { entity: Record<string, unknown> } | { reason: string } {
  const id = required("id", node.id, row);
  if ("reason" in id) return id;
  const entity: Record<string, unknown> = { type: node.type, id: id.value, name: evaluate(node.name, row).value ?? "" };
  const aliases = (node.aliases ?? []).map((spec) => evaluate(spec, row).value).filter((alias): alias is string => alias !== undefined);
  entity.aliases = [...new Set(aliases)].filter((alias) => alias !== entity.name);
  if (node.description) {
    const description = evaluate(node.description, row).value;
    if (description !== undefined) entity.description = description;
  }
  for (const [field, spec] of Object.entries(node.fields)) {
    const value = evaluate(spec, row).value;
    if (value !== undefined) entity[field] = value;
  }
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
  const properties: Record<string, string> = {};
  for (const [field, spec] of Object.entries(relationship.properties)) {
    const value = evaluate(spec, row).value;
    if (value !== undefined) properties[field] = value;
  }
  const result: Record<string, unknown> = { type: relationship.type, id: id.value, from: from.value, to: to.value, properties };
  if (relationship.quote) {
    const quote = evaluate(relationship.quote, row).value;
    if (quote !== undefined) result.quote = quote;
  }
  return { relationship: result };
}
