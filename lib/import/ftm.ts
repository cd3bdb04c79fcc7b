/**
 * FollowTheMoney (Aleph, OpenSanctions) JSON lines as import items: one entity per line,
 * `{"id", "schema", "properties": {name: [values]}}`.
 *
 * Things become entities: Person, Company, Organization (and LegalEntity), PublicBody (an Agency),
 * Address; a country is their `country` field. Values are typed by the registry's schemas the pipeline
 * applies: an amount is a number, a date keeps the precision FtM gives it (year, month or day). Interval schemata become relationships carrying their dates and amounts: Payment -> PAID
 * (payer to beneficiary), Ownership -> OWNER_OF, Directorship -> DIRECTOR_OF, Membership -> MEMBER_OF (its
 * dates are dropped: MEMBER_OF has only a role). An `addressEntity` becomes HAS_ADDRESS. Any other
 * schema is refused with its name, so nothing is dropped silently.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { EntityType, RelationshipType } from "../model/registry";
import { readLines } from "./lines";
import { slugify } from "./mapping";
import type { ImportItem, ImportSource, ReadCounter } from "./types";

type FtmProperties = Record<string, unknown>;

interface FtmEntity {
  id: string;
  schema: string;
  properties: FtmProperties;
}

const ENTITY_SCHEMATA: Readonly<Record<string, EntityType>> = {
  Person: "Person",
  Company: "Company",
  Organization: "Organization",
  LegalEntity: "Organization",
  PublicBody: "Agency",
  Address: "Address",
};

interface IntervalRule {
  type: RelationshipType;
  from: string;
  to: string;
  properties: (values: (name: string) => string | undefined) => Record<string, string>;
}

/** FtM dates may be a year or a month; kept as written, cut to the day (no times in the graph). */
const ftmDate = (value: string | undefined) => (value && /^\d{4}(-\d{2}(-\d{2})?)?/.test(value) ? value.slice(0, 10) : undefined);

function compact(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}

const INTERVAL_SCHEMATA: Readonly<Record<string, IntervalRule>> = {
  Payment: {
    type: "PAID",
    from: "payer",
    to: "beneficiary",
    properties: (value) => {
      const eur = value("amountEur");
      return compact({
        amount: eur ?? value("amount"),
        currency: eur !== undefined ? "EUR" : value("currency")?.toUpperCase(),
        date: ftmDate(value("date") ?? value("startDate")),
        purpose: value("purpose")?.slice(0, 300),
      });
    },
  },
  Ownership: {
    type: "OWNER_OF",
    from: "owner",
    to: "asset",
    properties: (value) =>
      compact({
        percentage: value("percentage"),
        role: value("role") ?? value("ownershipType"),
        startDate: ftmDate(value("startDate")),
        endDate: ftmDate(value("endDate")),
      }),
  },
  Directorship: {
    type: "DIRECTOR_OF",
    from: "director",
    to: "organization",
    properties: (value) =>
      compact({ role: value("role") ?? "director", startDate: ftmDate(value("startDate")), endDate: ftmDate(value("endDate")) }),
  },
  Membership: {
    type: "MEMBER_OF",
    from: "member",
    to: "organization",
    properties: (value) => compact({ role: value("role") ?? "member" }),
  },
};

/** Our id for an FtM id: ids are case-sensitive there and lowercase slugs here, so "ftm-" + the slug. */
export function ftmId(id: string): string {
  return `ftm-${slugify(id)}`;
}

function parseLine(text: string): FtmEntity | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return `not valid JSON (a truncated line?): ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const { id, schema, properties } = value as Record<string, unknown>;
  if (typeof id !== "string" || id.trim() === "") return "missing id";
  if (typeof schema !== "string" || schema === "") return "missing schema";
  if (properties !== undefined && (typeof properties !== "object" || properties === null || Array.isArray(properties))) {
    return "properties is not an object";
  }
  return { id, schema, properties: (properties ?? {}) as FtmProperties };
}

function valuesOf(properties: FtmProperties, name: string): string[] {
  const value = properties[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string" && item.trim() !== "").map((item) => item.trim());
  return typeof value === "string" && value.trim() !== "" ? [value.trim()] : [];
}

type Mapped = { kind: "entity"; entity: Record<string, unknown> } | { kind: "relationship"; relationship: Record<string, unknown> } | { kind: "problem"; reason: string };

/** One FtM entity as Redstring items (an entity and its address link, or relationships), or a problem. */
export function mapFtmEntity(ftm: FtmEntity): Mapped[] {
  const first = (name: string) => valuesOf(ftm.properties, name)[0];
  const id = ftmId(ftm.id);
  const type = ENTITY_SCHEMATA[ftm.schema];
  if (type) {
    const names = type === "Address" ? [...valuesOf(ftm.properties, "full"), ...valuesOf(ftm.properties, "name")] : valuesOf(ftm.properties, "name");
    const aliases = [...names.slice(1), ...valuesOf(ftm.properties, "alias"), ...valuesOf(ftm.properties, "previousName")];
    const entity: Record<string, unknown> = { type, id, name: names[0] ?? "", aliases: [...new Set(aliases)].slice(0, 50) };
    const notes = [first("description") ?? first("summary") ?? first("notes")];
    const countries = valuesOf(ftm.properties, "country").concat(valuesOf(ftm.properties, "jurisdiction"));
    if (type === "Address") {
      Object.assign(entity, compact({ street: first("street"), postalCode: first("postalCode"), city: first("city"), country: countries[0]?.toUpperCase() }));
    } else if (countries.length > 0) {
      const codes = [...new Set(countries.map((country) => country.toUpperCase()))];
      // An Agency has no country field, and a second country (a jurisdiction besides a nationality) no
      // field of its own: said in the description, so it is kept and stays searchable.
      if (type !== "Agency") entity.country = codes[0];
      if (type === "Agency" || codes.length > 1) notes.push(`${codes.length > 1 ? "Countries" : "Country"}: ${codes.join(", ")}`);
    }
    if (type === "Person" && first("position")) entity.occupation = first("position");
    if (type === "Company" && first("sector")) entity.industry = first("sector");
    if ((type === "Company" || type === "Organization") && /^https?:\/\//.test(first("website") ?? "")) entity.website = first("website");
    const description = notes.filter(Boolean).join("\n");
    if (description) entity.description = description;
    const items: Mapped[] = [{ kind: "entity", entity }];
    if (type !== "Address") {
      valuesOf(ftm.properties, "addressEntity").forEach((address, index) => {
        items.push({
          kind: "relationship",
          relationship: { type: "HAS_ADDRESS", id: `${id}-address${index > 0 ? `-${index + 1}` : ""}`, from: id, to: ftmId(address), properties: {} },
        });
      });
    }
    return items;
  }

  const rule = INTERVAL_SCHEMATA[ftm.schema];
  if (!rule) return [{ kind: "problem", reason: `unsupported FollowTheMoney schema "${ftm.schema}"` }];
  const from = valuesOf(ftm.properties, rule.from);
  const to = valuesOf(ftm.properties, rule.to);
  if (from.length === 0) return [{ kind: "problem", reason: `${ftm.schema} ${ftm.id} has no ${rule.from}` }];
  if (to.length === 0) return [{ kind: "problem", reason: `${ftm.schema} ${ftm.id} has no ${rule.to}` }];
  const properties = rule.properties(first);
  const pairs = from.flatMap((start) => to.map((end) => [start, end] as const));
  return pairs.map(([start, end], index) => ({
    kind: "relationship",
    relationship: { type: rule.type, id: pairs.length > 1 ? `${id}-${index + 1}` : id, from: ftmId(start), to: ftmId(end), properties },
  }));
}

/**
 * An FtM JSON-lines file (.ijson / .jsonl) as an import source; `shownAs` names the file in problems. A
 * line over 1 MB is refused with its number, like any bad row (lines.ts never assembles it).
 */
export function ftmSource(file: string, name?: string, shownAs: string = file): ImportSource {
  return {
    name: name ?? path.basename(file),
    files: [file],
    totalBytes: statSync(file).size,
    async *items(counter: ReadCounter): AsyncGenerator<ImportItem> {
      for await (const line of readLines(file, counter)) {
        const origin = { file: shownAs, line: line.line };
        if (line.invalid) {
          yield { kind: "problem", ...origin, index: 0, reason: line.invalid };
          continue;
        }
        if (line.text.trim() === "") continue;
        const parsed = parseLine(line.text);
        if (typeof parsed === "string") {
          yield { kind: "problem", ...origin, index: 0, reason: parsed };
          continue;
        }
        for (const [index, item] of mapFtmEntity(parsed).entries()) yield { ...item, ...origin, index } as ImportItem;
      }
    },
  };
}
