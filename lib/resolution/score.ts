/**
 * Scoring a pair of profiles and saying why, in words. Pure. The score (0..1) starts from the best
 * name similarity over every name either side goes by (token-set overlap and Jaro-Winkler of the
 * fingerprints, talisman), then evidence moves it: a shared identifier or address raises it, a different
 * identifier of the same kind (two bioguide ids: two legislators) or a different country or date of
 * birth lowers it, shared neighbours raise it a little. Weights are set by reading the labelled pairs
 * (tests/fixtures/resolution/) and the Congress data's namesakes, not fitted.
 */
import jaroWinkler from "talisman/metrics/jaro-winkler";
import { withArticle } from "../text/article";
import { addressDigits, addressForm, nameForm, type NameForm } from "./normalise";
import { acronymOf, compatibleTypes, IDENTIFIER_LABELS, initialsOf, nameFormsOf, phoneticKey, TYPE_GROUPS, type MatchProfile } from "./profile";

export interface PairScore {
  score: number;
  reasons: string[];
}

/** Below this a pair is not worth a reviewer's time; stored candidates and "similar" answers start here. */
export const CANDIDATE_THRESHOLD = 0.6;
/** Names less alike than this are never proposed on other evidence alone. */
const MIN_NAME_SIMILARITY = 0.7;

const similarity = (a: string, b: string): number => (typeof jaroWinkler === "function" ? jaroWinkler(a, b) : (jaroWinkler as { similarity: (x: string, y: string) => number }).similarity(a, b));

/** Words of one side found in the other (a word within Jaro-Winkler 0.92 counts), over the shorter side. */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  const left = [...new Set(a)];
  const right = [...new Set(b)];
  if (left.length === 0 || right.length === 0) return 0;
  const [short, long] = left.length <= right.length ? [left, right] : [right, left];
  let found = 0;
  for (const word of short) if (long.some((other) => other === word || (word.length > 3 && similarity(word, other) >= 0.92))) found += 1;
  // Dice-like: one-word names matching one word of a long name ("Thermo" in "Thermo Fisher") score lower.
  return (2 * found) / (short.length + long.length) * 0.5 + (found / short.length) * 0.5;
}

const quote = (text: string) => `'${text}'`;
const listed = (items: readonly string[]) => items.map(quote).join(", ");

interface NameMatch {
  similarity: number;
  reason: string;
}

function compareForms(a: NameForm, b: NameForm, viaAlias: string | null, noun: "name" | "address"): NameMatch {
  const aliasNote = viaAlias ? ` (the alias ${quote(viaAlias)})` : "";
  if (a.folded === b.folded) return { similarity: 1, reason: `same ${noun}${aliasNote}` };
  if (noun === "address" && a.fingerprint === b.fingerprint) return { similarity: 0.98, reason: "same address once abbreviations are expanded" };
  if (a.fingerprint === b.fingerprint) {
    const removed = [...new Set([...a.removed, ...b.removed])];
    if (removed.length > 0) return { similarity: 0.98, reason: `same name once ${listed(removed)} ${removed.length === 1 ? "is" : "are"} removed${aliasNote}` };
    if (a.core.join(" ") !== b.core.join(" ")) return { similarity: 0.96, reason: `same words in another order${aliasNote}` };
    return { similarity: 0.99, reason: `same name once accents and punctuation are ignored${aliasNote}` };
  }
  const tokens = tokenSetSimilarity(a.core, b.core);
  const jw = similarity(a.fingerprint, b.fingerprint);
  const best = Math.max(tokens, jw * 0.95);
  if (phoneticKey(a) !== "" && phoneticKey(a) === phoneticKey(b) && best < 0.9) {
    return { similarity: Math.max(best, 0.85), reason: `names that sound the same (${quote(a.core.join(" "))} and ${quote(b.core.join(" "))})${aliasNote}` };
  }
  return { similarity: best, reason: `similar ${noun}es (${Math.round(best * 100)}%)${aliasNote}`.replace("namees", "names") };
}

/** The best match over every name of each side; the entity's own names first, so ties say "same name". */
export function bestNameMatch(a: Pick<MatchProfile, "name" | "aliases" | "type">, b: Pick<MatchProfile, "name" | "aliases" | "type">): NameMatch {
  const formsA = nameFormsOf(a);
  const formsB = nameFormsOf(b);
  let best: NameMatch = { similarity: 0, reason: "different names" };
  formsA.forEach((formA, i) => {
    formsB.forEach((formB, j) => {
      const alias = i > 0 ? (a.aliases[i - 1] ?? null) : j > 0 ? (b.aliases[j - 1] ?? null) : null;
      const match = compareForms(formA, formB, alias, a.type === "Address" ? "address" : "name");
      if (match.similarity > best.similarity + 1e-9) best = match;
    });
  });
  return best.similarity >= ACRONYM_SIMILARITY ? best : (acronymMatch(a, b) ?? acronymMatch(b, a) ?? best);
}

/** How alike an acronym and the name it abbreviates count: enough to propose, not to outrank a same name. */
const ACRONYM_SIMILARITY = 0.85;

/** One side's name written as an acronym of the other's first words ("CSU", "Christlich-Soziale Union in Bayern"). */
function acronymMatch(side: Pick<MatchProfile, "name" | "aliases" | "type">, other: Pick<MatchProfile, "name" | "aliases">): NameMatch | null {
  if (TYPE_GROUPS[side.type] !== "organisation") return null;
  for (const raw of [side.name, ...side.aliases]) {
    const acronym = acronymOf(raw);
    if (!acronym) continue;
    const full = [other.name, ...other.aliases].find((name) => initialsOf(nameForm(name)).includes(acronym));
    if (full) return { similarity: ACRONYM_SIMILARITY, reason: `${quote(raw.trim())} is the initials of ${quote(full.trim())}` };
  }
  return null;
}

const round = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

export function scorePair(a: MatchProfile, b: MatchProfile): PairScore | null {
  if (a.id === b.id || !compatibleTypes(a.type, b.type)) return null;
  const name = bestNameMatch(a, b);
  const reasons = [name.reason];
  let score = name.similarity * 0.8;
  const sharesIdentifier = Object.entries(a.identifiers).some(([kind, value]) => b.identifiers[kind] === value);
  // Different names are not a duplicate however much else is shared (the Quandt family at one address,
  // companies of one group): only a shared identifier may propose them.
  if (name.similarity < MIN_NAME_SIMILARITY && !sharesIdentifier) return null;

  for (const [kind, value] of Object.entries(a.identifiers)) {
    const other = b.identifiers[kind];
    if (other === undefined) continue;
    const label = IDENTIFIER_LABELS[kind] ?? kind;
    if (other === value) {
      score += 0.3;
      reasons.push(`same ${label}`);
    } else {
      score -= 0.5;
      reasons.push(`different ${label}s`);
    }
  }
  // Two addresses whose numbers differ are two buildings (or a range and one number), however alike.
  const digitsA = a.address ? addressDigits(a.address) : "";
  const digitsB = b.address ? addressDigits(b.address) : "";
  if (a.type === "Address" && digitsA !== "" && digitsB !== "" && digitsA !== digitsB) {
    score -= 0.2;
    reasons.push("different numbers");
  }
  if (a.address && b.address && a.type !== "Address") {
    if (addressForm(a.address) === addressForm(b.address)) {
      score += 0.15;
      reasons.push(a.address.trim() === b.address.trim() ? "same address" : "same address once abbreviations are expanded");
    } else score -= 0.05;
  }
  if (a.country && b.country) {
    if (a.country.toLowerCase() === b.country.toLowerCase()) {
      score += 0.02;
      reasons.push("same country");
    } else {
      score -= 0.2;
      reasons.push(`different countries (${a.country}, ${b.country})`);
    }
  }
  if (a.birthDate && b.birthDate) {
    if (a.birthDate === b.birthDate) {
      score += 0.15;
      reasons.push("same date of birth");
    } else {
      score -= 0.4;
      reasons.push("different dates of birth");
    }
  }
  const theirs = new Set(b.neighbours);
  const shared = a.neighbours.filter((id) => theirs.has(id) && id !== a.id && id !== b.id).length;
  if (shared > 0) {
    score += Math.min(0.1, 0.04 * shared);
    reasons.push(`${shared} shared neighbour${shared === 1 ? "" : "s"}`);
  }
  if (a.type !== b.type) {
    score -= 0.05;
    reasons.push(`${withArticle(a.type)} and ${withArticle(b.type)}`);
  }
  return { score: round(score), reasons };
}
