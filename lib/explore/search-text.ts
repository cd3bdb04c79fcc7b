/**
 * User search text -> a Lucene query for the full-text index.
 *
 * The user types words, not Lucene: every character that is not a letter or digit separates words, so
 * operators, quotes, brackets and wildcards can never break the query or be injected into it. Each word
 * matches exactly (in names, aliases and descriptions), or, in names and aliases, as a prefix (search as
 * you type) or within a small edit distance (typos: "fischer" finds "Fisher"); exact matches rank first.
 * With `all`, every word must match; with `any`, one is enough (the fallback when no entity has them all).
 *
 * A US bill number is one word however it is typed: "H.R. 2", "HR 2", "hr2", "S.1603", "s 1603" and
 * "H.J.Res. 12" become "hr2", "s1603", "hjres12", the token the index holds for the bill's id alias
 * ("HR2-114" is indexed as "hr2" and "114"). It matches exactly or as a prefix, never fuzzily: "s1604" is
 * another bill, not a typo.
 */
import { BadRequestError } from "../errors";

export const MAX_SEARCH_LENGTH = 200;
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** hr, hres, hjres, hconres and the same with s, each letter optionally followed by a dot and spaces. */
// Not after a letter, a digit or an apostrophe: "Sherrod's 2 bills" holds no bill.
const BILL_NUMBER = /(?<![\p{L}\p{N}'’])([hs])\.?\s*(?:(j)\.?\s*(res)|(con)\.?\s*(res)|(res)|(r))?\.?\s*(\d{1,5})(?![\p{L}\p{N}])/gu;

/** Bill numbers written any usual way, as the one word the index holds ("H.R. 2" -> "hr2"). */
export function joinBillNumbers(text: string): string {
  return text.replace(BILL_NUMBER, (match, chamber: string, ...parts: unknown[]) => {
    const kind = parts.slice(0, 6).filter((part): part is string => typeof part === "string").join("");
    const number = parts[6] as string;
    // "s 1603" or "S.1603" is a Senate bill; a bare "h 2" is no bill type, so it stays two words.
    if (chamber === "h" && kind === "") return match;
    return `${chamber}${kind}${number}`;
  });
}

const BILL_KEY = /^(?:h|s)(?:r|res|jres|conres)?\d{1,5}$/;
const isBillKey = (word: string) => BILL_KEY.test(word) && !/^h\d/.test(word);

export function searchWords(text: string): string[] {
  return joinBillNumbers(text.normalize("NFKC").toLowerCase())
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/**
 * The fields a prefix or a typo is looked for in: the names (a name, its aliases). A description is prose:
 * its words match whole, which keeps "sch" from finding every description with "school" in it, and
 * keeps the search quick on a big graph: the prefix and fuzzy terms of a 1M-entity graph's descriptions
 * were most of a slow search's time (docs/BENCHMARKS.md).
 */
const NAME_FIELDS = ["name", "aliasText"] as const;
const inNames = (term: string) => NAME_FIELDS.map((field) => `${field}:${term}`);

function clauseFor(word: string): string {
  const alternatives = [`${word}^4`, ...inNames(`${word}*^2`)];
  if (isBillKey(word)) return `(${alternatives.join(" OR ")})`;
  // Short words would fuzzy-match nearly everything; longer ones tolerate more typing mistakes.
  if (word.length >= 8) alternatives.push(...inNames(`${word}~2`));
  else if (word.length >= 4) alternatives.push(...inNames(`${word}~1`));
  return `(${alternatives.join(" OR ")})`;
}

/** Throws a BadRequestError with a message for the person typing when the text cannot be searched. */
export function toLuceneQuery(text: string, match: "all" | "any" = "all"): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new BadRequestError("Type something to search for.");
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    throw new BadRequestError(`Search text is too long: at most ${MAX_SEARCH_LENGTH} characters.`);
  }
  const words = searchWords(trimmed);
  if (words.length === 0) throw new BadRequestError("Search text needs at least one letter or digit.");
  return words.map(clauseFor).join(match === "all" ? " AND " : " OR ");
}
