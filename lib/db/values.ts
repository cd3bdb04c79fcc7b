/**
 * The one place where Neo4j values become plain JSON and back.
 *
 * Integers (64-bit in Neo4j) become numbers when they fit, strings when they do not; dates become
 * `YYYY-MM-DD`; date-times become ISO-8601 strings. Nodes, relationships and paths are never passed to
 * the client raw: data-access code returns maps built from our own ids.
 */
import "server-only";
import neo4j from "neo4j-driver";
import type { JsonValue } from "../json";
import {
  fieldsOf,
  precisionFieldOf,
  precisionOf,
  type EntityType,
  type FieldSpec,
  type RelationshipType,
} from "../model/registry";

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** Nanosecond precision is noise for people reading dates; JSON carries milliseconds. */
const trimToMilliseconds = (iso: string) => iso.replace(/(\.\d{3})\d+/, "$1");

export function toPlain(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (neo4j.isInt(value)) return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
  if (neo4j.isDate(value)) {
    return `${pad(toNumber(value.year), 4)}-${pad(toNumber(value.month))}-${pad(toNumber(value.day))}`;
  }
  if (neo4j.isDateTime(value)) return dateTimeToIso(value);
  if (neo4j.isLocalDateTime(value)) return trimToMilliseconds(value.toString());
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return mapToPlain(value.properties);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "object") return mapToPlain(value as Record<string, unknown>);
  return String(value);
}

function toNumber(value: unknown): number {
  return neo4j.isInt(value) ? value.toNumber() : Number(value);
}

type Neo4jDateTime = InstanceType<typeof neo4j.types.DateTime>;

/** A zoned date-time as ISO-8601: with its offset when it has one, else as the UTC instant. */
function dateTimeToIso(value: Neo4jDateTime): string {
  if (value.timeZoneOffsetSeconds !== undefined && value.timeZoneOffsetSeconds !== null) {
    // The driver prints ISO-8601 (2024-05-01T10:00:00.123000000+02:00), followed by [Europe/Berlin] when
    // the value also names its zone; the offset already fixes the instant, so the name is dropped.
    return trimToMilliseconds(value.toString()).replace(/\[[^\]]*\]$/, "");
  }
  // Only a zone name (e.g. Europe/Berlin): find the instant whose wall-clock time in that zone matches.
  const wallClockAsUtc = Date.UTC(
    toNumber(value.year),
    toNumber(value.month) - 1,
    toNumber(value.day),
    toNumber(value.hour),
    toNumber(value.minute),
    toNumber(value.second),
    Math.floor(toNumber(value.nanosecond) / 1e6),
  );
  const zone = value.timeZoneId ?? "UTC";
  let instant = wallClockAsUtc - zoneOffsetMs(zone, wallClockAsUtc);
  instant = wallClockAsUtc - zoneOffsetMs(zone, instant); // once more, in case the offset changed (DST)
  return new Date(instant).toISOString();
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function zoneOffsetMs(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value ?? 0);
  const wallClock = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wallClock - Math.floor(instant / 1000) * 1000;
}

export function mapToPlain(record: Record<string, unknown>): { [key: string]: JsonValue } {
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(record)) result[key] = toPlain(item);
  return result;
}

/** An ISO date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY`) as a Neo4j Date: the first day of the month or year. */
export function isoToNeo4jDate(iso: string) {
  const [year, month, day] = iso.split("-").map(Number);
  return new neo4j.types.Date(year ?? 0, month ?? 1, day ?? 1);
}

/**
 * One record's typed fields as they are stored: numbers as floats, integers as Neo4j Integers, dates as
 * Neo4j Dates with their precision beside them (FieldKind), date-times as Neo4j DateTimes. Values are
 * already checked by the registry's schemas; a value of the wrong JavaScript type is left as it is.
 */
export function typedPropertiesForNeo4j(fields: readonly FieldSpec[], properties: Record<string, unknown>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== undefined && key !== "type") stored[key] = value;
  }
  for (const field of fields) {
    const value = stored[field.name];
    if (value === undefined || value === null) continue;
    if (field.kind === "date" && typeof value === "string") {
      stored[field.name] = isoToNeo4jDate(value);
      const precision = precisionOf(value);
      const precisionField = precisionFieldOf(field.name);
      // Event has its own datePrecision field; an explicit value there wins over what the date's form says.
      if (precision !== "day" && stored[precisionField] === undefined) stored[precisionField] = precision;
    } else if (field.kind === "datetime" && typeof value === "string") {
      stored[field.name] = neo4j.types.DateTime.fromStandardDate(new Date(value));
    } else if (field.kind === "integer" && typeof value === "number") {
      stored[field.name] = neo4j.int(value);
    } else if (field.kind === "number" && typeof value === "number") {
      // A whole amount is still a float: Cypher's sum() and comparisons then never mix Integer and Float.
      stored[field.name] = value;
    }
  }
  return stored;
}

/**
 * A record's stored properties as typed JSON: the reverse of typedPropertiesForNeo4j. A date known only
 * to its month or year reads back as written ("2019-03", "2019"), and its precision property, kept for
 * that, is not shown unless the type declares it as a field (Event.datePrecision).
 */
export function typedPropertiesFromNeo4j(fields: readonly FieldSpec[], properties: Record<string, unknown>): { [key: string]: JsonValue } {
  const plain = mapToPlain(properties);
  const declared = new Set(fields.map((field) => field.name));
  for (const field of fields) {
    if (field.kind !== "date") continue;
    const precisionField = precisionFieldOf(field.name);
    const value = plain[field.name];
    const precision = plain[precisionField];
    if (typeof value === "string" && !declared.has(precisionField)) {
      if (precision === "year") plain[field.name] = value.slice(0, 4);
      else if (precision === "month") plain[field.name] = value.slice(0, 7);
    }
    if (!declared.has(precisionField)) delete plain[precisionField];
  }
  return plain;
}

/**
 * Entity properties as they are stored: typed fields converted (typedPropertiesForNeo4j), and the
 * aliases also joined into `aliasText`, because full-text indexes only index string properties, not lists.
 */
export function entityPropertiesForNeo4j(type: EntityType, properties: Record<string, unknown>): Record<string, unknown> {
  const stored = typedPropertiesForNeo4j(fieldsOf(type), properties);
  const aliases = Array.isArray(stored.aliases) ? (stored.aliases as string[]) : [];
  stored.aliases = aliases;
  stored.aliasText = aliases.join(" | ");
  return stored;
}

/** A relationship's own properties as they are stored (provenance and bookkeeping pass through). */
export function relationshipPropertiesForNeo4j(type: RelationshipType, properties: Record<string, unknown>): Record<string, unknown> {
  return typedPropertiesForNeo4j(fieldsOf(type), properties);
}

/** Stored properties of an entity or a relationship as typed JSON. */
export function propertiesFromNeo4j(type: EntityType | RelationshipType, properties: Record<string, unknown>): { [key: string]: JsonValue } {
  return typedPropertiesFromNeo4j(fieldsOf(type), properties);
}
