/**
 * Names and addresses brought to a comparable form, and what was taken away on the way (so a reason can
 * say "same name once 'Frau' is removed"). Pure: the matcher, the similar-name check and their tests use
 * it. Folding: lower case, accents dropped ("ö" -> "o", "ß" -> "ss"), punctuation to spaces. Then the
 * words that say nothing about *who* are removed: honorifics and titles ("Frau", "Dr.", "Sen."), legal
 * forms ("GmbH", "e.V.", "Inc."), and a parenthetical ("(BMW)"), which is kept apart as another name.
 */

/** Titles and forms of address, folded. "Sen."/"Rep." come from the Congress data and the demo's aliases. */
const HONORIFICS = new Set([
  "frau", "herr", "fr", "hr", "dr", "prof", "professor", "dipl", "ing", "med", "phil", "rer", "nat", "habil", "mr", "mrs", "ms",
  "miss", "mister", "sir", "dame", "sen", "senator", "rep", "representative", "hon", "honorable", "jr", "sr",
]);

/** Legal forms, folded, single words after punctuation is gone ("e.V." is joined to "ev" first). */
const LEGAL_FORMS = new Set([
  "ag", "gmbh", "mbh", "kg", "kgaa", "ohg", "gbr", "ug", "ev", "se", "eg", "inc", "incorporated", "corp", "corporation", "co",
  "company", "aktiengesellschaft", "llc", "llp", "lp", "ltd", "limited", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "oy", "holding",
]);

/** Dotted legal forms that punctuation removal would split into letters: joined before ("e.V." -> "ev"). */
const DOTTED_FORMS: readonly [RegExp, string][] = [
  [/\be\.\s?v\.?(?=\s|$|,)/g, " ev "],
  [/\bs\.\s?a\.?(?=\s|$|,)/g, " sa "],
  [/\bb\.\s?v\.?(?=\s|$|,)/g, " bv "],
  [/\bn\.\s?v\.?(?=\s|$|,)/g, " nv "],
  [/\bu\.\s?s\.\s?a?\.?(?=\s|$|,)/g, " usa "],
];

/** Lower case, accents and ß folded, "&" read as "and"; punctuation kept (the callers decide). */
export function foldCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/&/g, " and ");
}

/** Folded words of letters and digits. */
export function words(text: string): string[] {
  return foldCase(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

export interface NameForm {
  /** The whole name folded, punctuation gone: "frau dr irene nierstenhofer". */
  folded: string;
  /** The words that identify: honorifics, legal forms and the parenthetical removed. */
  core: string[];
  /** The core words sorted and joined: order-independent ("rubio marco" = "marco rubio"). */
  fingerprint: string;
  /** What was removed, as written (for reasons): "Frau", "Dr.", "GmbH". */
  removed: string[];
  /** The parenthetical's own words ("bmw"), a name of its own. */
  parenthetical: string[];
}

/** One original word with its folded form, so a reason can quote what was removed as the source wrote it. */
function originalWords(text: string): { original: string; folded: string }[] {
  let prepared = foldCase(text);
  for (const [pattern, replacement] of DOTTED_FORMS) prepared = prepared.replace(pattern, replacement);
  const out: { original: string; folded: string }[] = [];
  const originals = text.split(/\s+/).filter(Boolean);
  for (const word of prepared.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    const original = originals.find((candidate) => words(candidate).join("") === word) ?? word;
    out.push({ original, folded: word });
  }
  return out;
}

export function nameForm(name: string): NameForm {
  const parentheticals = [...name.matchAll(/\(([^()]*)\)/g)].map((match) => match[1] ?? "");
  const outside = name.replace(/\([^()]*\)/g, " ");
  const all = originalWords(outside);
  const removed: string[] = parentheticals.filter((text) => text.trim() !== "").map((text) => `(${text.trim()})`);
  const core: string[] = [];
  all.forEach(({ original, folded }, index) => {
    // A legal form is only one at the end or before another legal form ("Co. KG"); "AG" as a first word is a name.
    const isLegal = LEGAL_FORMS.has(folded) && index > 0;
    if (HONORIFICS.has(folded) || isLegal) removed.push(original);
    else core.push(folded);
  });
  // A name made only of removable words ("Herr Dr.") keeps them rather than become empty.
  const kept = core.length > 0 ? core : all.map((word) => word.folded);
  return {
    folded: words(outside).join(" "),
    core: kept,
    fingerprint: [...new Set(kept)].sort().join(" "),
    removed: core.length > 0 ? removed : parentheticals.map((text) => `(${text})`),
    parenthetical: parentheticals.flatMap(words),
  };
}

/** Street words and their abbreviations, folded, to one spelling: "Str." and "Straße" are "strasse". */
const ADDRESS_WORDS: Readonly<Record<string, string>> = {
  str: "strasse", strasse: "strasse", st: "street", street: "street", ave: "avenue", av: "avenue", rd: "road", blvd: "boulevard",
  dr: "drive", ln: "lane", pl: "platz", hwy: "highway", ste: "suite", fl: "floor", n: "north", s: "south", e: "east", w: "west",
  nw: "northwest", ne: "northeast", sw: "southwest", se: "southeast",
};

/**
 * An address in one spelling: folded, abbreviations expanded, a German compound's "-str." suffix as
 * "strasse" ("Schillerstr. 19" = "Schillerstraße 19"), house numbers kept.
 */
export function addressForm(address: string): string {
  const compoundsSplit = foldCase(address).replace(/([\p{L}])str(?:\.|asse\b|\b)/gu, "$1 strasse ");
  return compoundsSplit
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => ADDRESS_WORDS[word] ?? word)
    .join(" ");
}

/** The digits of an address in order ("Sourethweg 9, 64 22" -> "96422"): house numbers and postal code. */
export function addressDigits(address: string): string {
  return address.replace(/\D+/g, "");
}
