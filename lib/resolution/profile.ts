/**
 * What the matcher knows of an entity (its profile) and the blocking keys it files it under. Pure.
 *
 * Only entity types that name people, organisations or places are matched: a Bill, Subject, Committee,
 * Report, Event or Region is identified by its source's own id or by our hand, and two bills with
 * similar titles are usually two bills. Types are compatible within a group: a Legislator may be the same
 * as a Person; a Company, an Organisation and an Agency may be one body recorded two ways.
 */
import doubleMetaphone from "talisman/phonetics/double-metaphone";
import { ENTITY_KINDS } from "../model/registry";
import { addressForm, nameForm, type NameForm } from "./normalise";

export const TYPE_GROUPS: Readonly<Record<string, string>> = { ...ENTITY_KINDS, Address: "address" };

export const MATCHED_TYPES: readonly string[] = Object.keys(TYPE_GROUPS);

export const compatibleTypes = (a: string, b: string): boolean => TYPE_GROUPS[a] !== undefined && TYPE_GROUPS[a] === TYPE_GROUPS[b];

export interface MatchProfile {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  datasets: string[];
  country: string | null;
  /** The entity's address (an Address entity's own name, or the one it HAS_ADDRESS), as written. */
  address: string | null;
  birthDate: string | null;
  /** Ids its source gave it, by kind: { bioguide: "r000595" }. */
  identifiers: Record<string, string>;
  /** Ids of (some of) its neighbours: shared ones count as evidence. */
  neighbours: string[];
}

/** Identifiers read from our own ids, where an importer built them from the source's id. */
const IDENTIFIER_PATTERNS: readonly { kind: string; label: string; pattern: RegExp }[] = [
  // legis-graph-114's mapping: "legislator-" + the bioguide id (R000595), slugged.
  { kind: "bioguide", label: "bioguide id", pattern: /^(?:.*-)?legislator-([a-z]\d{6})$/ },
];

export const IDENTIFIER_LABELS: Readonly<Record<string, string>> = Object.fromEntries(IDENTIFIER_PATTERNS.map((p) => [p.kind, p.label]));

export function identifiersFromId(id: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const { kind, pattern } of IDENTIFIER_PATTERNS) {
    const match = pattern.exec(id);
    if (match?.[1]) found[kind] = match[1];
  }
  return found;
}

/** Every name the entity goes by, in comparable form: its name, its aliases, a parenthetical. */
export function nameFormsOf(profile: Pick<MatchProfile, "name" | "aliases" | "type">): NameForm[] {
  const forms = [profile.name, ...profile.aliases].filter((name) => name.trim() !== "").map(nameForm);
  const extra = forms.filter((form) => form.parenthetical.length > 0).map((form) => nameForm(form.parenthetical.join(" ")));
  // An Address's "name" is the address itself: compare it as an address, not as a name.
  return profile.type === "Address" ? forms.map((form) => ({ ...form, core: addressForm(form.folded).split(" "), fingerprint: addressForm(form.folded) })) : [...forms, ...extra];
}

/** The double-metaphone codes of the core words, sorted: "Meier" and "Mayer" share "MR". */
export function phoneticKey(form: NameForm): string {
  return form.core
    .filter((word) => /\p{L}/u.test(word))
    .map((word) => doubleMetaphone(word)[0])
    .filter(Boolean)
    .sort()
    .join(" ");
}

/**
 * A name written as an acronym ("CSU", "BMW AG"): its one core word of 3 to 6 letters, in capitals where
 * it was written. Null for any other name (a person's "Li" or "Herr Mayer" is not an acronym).
 */
export function acronymOf(raw: string): string | null {
  const form = nameForm(raw);
  const word = form.core.length === 1 ? form.core[0]! : "";
  return /^[a-z]{3,6}$/.test(word) && raw.includes(word.toUpperCase()) ? word : null;
}

/** Words an acronym skips: "Federal Bureau of Investigation" is the FBI, "Christlich-Soziale Union in Bayern" the CSU(B). */
const ACRONYM_SKIPS = new Set(["in", "of", "the", "and", "for", "de", "la", "le", "du", "des", "der", "die", "das", "und", "fur", "von", "zu", "e"]);

/**
 * What a longer name may be abbreviated to: the initials of all its words but the small ones, and of all
 * but its last (a trailing place: "Christlich-Soziale Union in Bayern" gives "csub" and "csu"), when 3 to 6
 * letters long. Never a prefix of a longer name, so "CSU" does not meet "Central States Union Pension Fund".
 */
export function initialsOf(form: NameForm): string[] {
  const letters = form.core.filter((word) => !ACRONYM_SKIPS.has(word)).map((word) => word[0] ?? "").filter((letter) => /\p{L}/u.test(letter));
  const initials = [letters.join(""), ...(letters.length >= 4 ? [letters.slice(0, -1).join("")] : [])];
  return initials.filter((text) => text.length >= 3 && text.length <= 6);
}

/**
 * The blocks an entity is filed under; only entities sharing a block are compared. Keys carry the type
 * group, so a Person is never compared with a Company. Per name: the fingerprint, every core word and
 * every pair of core words (a surname alone is often too common, a pair of first and last name is not),
 * the phonetic key, an organisation's initials and acronym; then
 * identifiers and the normalised address.
 */
export function blockingKeys(profile: MatchProfile): string[] {
  const group = TYPE_GROUPS[profile.type];
  if (!group) return [];
  const keys = new Set<string>();
  for (const form of nameFormsOf(profile)) {
    if (form.fingerprint === "") continue;
    keys.add(`${group}|fp|${form.fingerprint}`);
    const core = [...new Set(form.core)].filter((word) => word.length > 1).slice(0, 6);
    // Single words too ("daimler" joins "Daimler AG" and "Daimler Chrysler AG"); the block cap drops the
    // common ones ("verband", "john").
    for (const word of core) if (word.length >= 4 && !/^\d+$/.test(word)) keys.add(`${group}|w|${word}`);
    for (let i = 0; i < core.length; i += 1) {
      for (let j = i + 1; j < core.length; j += 1) keys.add(`${group}|ww|${[core[i], core[j]].sort().join(" ")}`);
    }
    const phonetic = phoneticKey(form);
    if (phonetic.length >= 3) keys.add(`${group}|ph|${phonetic}`);
    // An organisation's acronym meets the names it abbreviates: "CSU" and "Christlich-Soziale Union in Bayern".
    if (group === "organisation") for (const initials of initialsOf(form)) keys.add(`${group}|acr|${initials}`);
  }
  if (group === "organisation") {
    for (const raw of [profile.name, ...profile.aliases]) {
      const acronym = acronymOf(raw);
      if (acronym) keys.add(`${group}|acr|${acronym}`);
    }
  }
  for (const [kind, value] of Object.entries(profile.identifiers)) keys.add(`id|${kind}|${value}`);
  if (profile.address && group !== "address") keys.add(`${group}|addr|${addressForm(profile.address)}`);
  return [...keys];
}
