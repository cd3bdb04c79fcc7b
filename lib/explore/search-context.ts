/**
 * What tells two entities of the same name apart in a list of search hits: a legislator's party, state,
 * chamber and birth date (the data has no terms of office), a company's country, an event's date, a report's publisher and date. Pure and browser-safe:
 * the server computes it from the stored, typed properties (lib/graph/display.ts formats them, so a date
 * reads at its precision), and any list of hits shows it the same way.
 */
import { showField } from "../graph/display";
import { capitalise } from "../text/article";
import type { JsonValue } from "../json";
import { fieldsOf, type EntityType } from "../model/registry";

/**
 * The fields that distinguish namesakes, per type, most telling first. Links and long text are left out:
 * they do not fit a line. Booleans read by their label ("Sitting now"), or the word given for false.
 */
const CONTEXT_FIELDS: Readonly<Record<EntityType, readonly string[]>> = {
  Legislator: ["party", "state", "chamber", "current", "birthDate"],
  Company: ["country", "industry"],
  Person: ["occupation", "country"],
  Agency: ["jurisdiction"],
  Organization: ["kind", "country"],
  Report: ["publisher", "publishedAt"],
  Region: ["kind", "code"],
  Event: ["date", "endDate"],
  Bill: ["congress"],
  Subject: [],
  Address: ["city", "postalCode", "country"],
  Committee: ["chamber"],
};

/** What a boolean says, where its label would read oddly in a line: a legislator "sitting" or "former". */
const TRUE_WORDS: Readonly<Record<string, string>> = { current: "sitting" };
const FALSE_WORDS: Readonly<Record<string, string>> = { current: "former" };

/** Dates that need a word before them to say what they are: "born 19 May 1971". */
const DATE_WORDS: Readonly<Record<string, string>> = { birthDate: "born" };

/** 114 -> "114th", 101 -> "101st", 112 -> "112th": how a congress is numbered in English. */
function ordinal(value: number): string {
  const teen = value % 100 >= 11 && value % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[value % 10] ?? "th";
  return `${value}${suffix}`;
}

/** An Event "2017-12 – 2018-02" reads as one range rather than two loose dates. */
function joinRange(type: EntityType, parts: { name: string; text: string }[]): string[] {
  if (type !== "Event") return parts.map((part) => part.text);
  const start = parts.find((part) => part.name === "date");
  const end = parts.find((part) => part.name === "endDate");
  if (!start || !end) return parts.map((part) => part.text);
  return parts.filter((part) => part !== end).map((part) => (part === start ? `${start.text} – ${end.text}` : part.text));
}

/**
 * The context of one entity as short phrases, in the order CONTEXT_FIELDS gives: e.g. a legislator
 * ["Republican", "FL", "Senate", "sitting"], an event ["29 December 2011"]. Empty values are left out.
 */
export function searchContext(type: EntityType, properties: Readonly<Record<string, JsonValue | undefined>>): string[] {
  const fields = fieldsOf(type);
  const parts: { name: string; text: string }[] = [];
  for (const name of CONTEXT_FIELDS[type]) {
    const field = fields.find((candidate) => candidate.name === name);
    const value = properties[name];
    if (!field || value === undefined || value === null || value === "") continue;
    let text: string;
    if (field.kind === "boolean" && typeof value === "boolean") {
      const falseWord = FALSE_WORDS[name];
      if (!value && !falseWord) continue;
      text = value ? (TRUE_WORDS[name] ?? field.label) : (falseWord ?? "");
    } else if (field.kind === "choice" && typeof value === "string") {
      text = capitalise(value);
    } else if (name === "congress" && typeof value === "number") {
      text = `${ordinal(value)} Congress`;
    } else {
      text = showField(field, value, properties).text;
      if (DATE_WORDS[name] && text !== "") text = `${DATE_WORDS[name]} ${text}`;
    }
    if (text !== "") parts.push({ name, text });
  }
  return joinRange(type, parts);
}
