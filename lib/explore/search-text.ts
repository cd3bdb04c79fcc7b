/**
 * User search text -> a Lucene query for the full-text index.
 *
 * The user types words, not Lucene: every character that is not a letter or digit separates words, so
 * operators, quotes, brackets and wildcards can never break the query or be injected into it. Each word
 * matches exactly, as a prefix (search as you type) or within a small edit distance (typos: "fischer"
 * finds "Fisher"); exact matches rank first. With `all`, every word must match; with `any`, one is enough
 * (the fallback when no entity has them all).
 */
import { BadRequestError } from "../errors";

export const MAX_SEARCH_LENGTH = 200;
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

export function searchWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
}

function clauseFor(word: string): string {
  const alternatives = [`${word}^4`, `${word}*^2`];
  // Short words would fuzzy-match nearly everything; longer ones tolerate more typing mistakes.
  if (word.length >= 8) alternatives.push(`${word}~2`);
  else if (word.length >= 4) alternatives.push(`${word}~1`);
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
