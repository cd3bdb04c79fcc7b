import { BadRequestError } from "@/lib/errors";
import { MAX_SEARCH_LENGTH, searchWords, toLuceneQuery } from "@/lib/explore/search-text";

/**
 * Each clause is the word exactly (any field), then as a prefix in the names and aliases, then, for
 * words of 4 letters or more, within N edits in the names and aliases; clauses are joined by ` AND `.
 */
const CLAUSE = /^\(([\p{Ll}\p{Lo}\p{N}]+)\^4 OR name:\1\*\^2 OR aliasText:\1\*\^2( OR name:\1~([12]) OR aliasText:\1~\3)?\)$/u;

/** The clause of one word, written out: what the tests below expect. */
function clause(word: string, edits?: 1 | 2): string {
  const fuzzy = edits ? ` OR name:${word}~${edits} OR aliasText:${word}~${edits}` : "";
  return `(${word}^4 OR name:${word}*^2 OR aliasText:${word}*^2${fuzzy})`;
}

function clauses(query: string): string[] {
  return query.split(" AND ");
}

describe("toLuceneQuery", () => {
  it("turns two words into two AND-ed clauses, each exact, prefix and fuzzy", () => {
    expect(toLuceneQuery("thermo fischer")).toBe(`${clause("thermo", 1)} AND ${clause("fischer", 1)}`);
    expect(clause("thermo", 1)).toBe("(thermo^4 OR name:thermo*^2 OR aliasText:thermo*^2 OR name:thermo~1 OR aliasText:thermo~1)");
  });

  it("allows more edits for long words and none for short ones", () => {
    expect(toLuceneQuery("sequencers")).toBe(clause("sequencers", 2));
    expect(toLuceneQuery("dna")).toBe(clause("dna"));
    expect(toLuceneQuery("cecc")).toBe(clause("cecc", 1));
  });

  it("looks for prefixes and typos in names and aliases only; a description's words match whole", () => {
    const query = toLuceneQuery("holloway");
    expect(query).toMatch(/^\(holloway\^4 OR /);
    expect(query.match(/\b(?:name|aliasText):holloway[*~]/g)).toHaveLength(4);
    expect(query).not.toMatch(/(?<!:)holloway[*~]/);
  });

  it("lowercases and normalises the text", () => {
    expect(toLuceneQuery("  THERMO  ")).toBe(toLuceneQuery("thermo"));
    expect(toLuceneQuery("ＣＥＣＣ")).toBe(toLuceneQuery("cecc"));
  });

  it.each([
    "AND (",
    'thermo "fisher',
    "title:foo~",
    "foo\\\\ bar",
    "thermo*? fisher",
    "NOT thermo || fisher && rubio",
    "+xinjiang -police",
    "a [TO] b {x} ^2 /regex/ !c",
    "OR OR AND",
    'x") OR id:* OR ("',
  ])("never lets Lucene syntax through: %s", (text) => {
    const query = toLuceneQuery(text);
    // Only letters, digits, spaces, ^ * ~ ( ) and the operators and fields we write ourselves.
    expect(query.replace(/\b(AND|OR)\b/g, "").replace(/\b(?:name|aliasText):/g, "")).toMatch(/^[a-z0-9 ^*~()]*$/);
    for (const clause of clauses(query)) expect(clause).toMatch(CLAUSE);
  });

  it("keeps the words of a text full of operators as plain lowercase terms", () => {
    expect(toLuceneQuery("AND (")).toBe(clause("and"));
    expect(toLuceneQuery("title:foo~")).toBe(`${clause("title", 1)} AND ${clause("foo")}`);
  });

  it("accepts letters and digits of any script", () => {
    const query = toLuceneQuery("新疆 Ürümqi 2019");
    expect(clauses(query)).toHaveLength(3);
    for (const clause of clauses(query)) expect(clause).toMatch(CLAUSE);
    expect(query).toContain("ürümqi^4");
  });

  it("uses at most 8 words of at most 40 characters", () => {
    expect(clauses(toLuceneQuery("a b c d e f g h i j"))).toHaveLength(8);
    expect(toLuceneQuery("x".repeat(60))).toBe(clause("x".repeat(40), 2));
  });

  it.each([
    ["empty text", "", "Type something to search for."],
    ["whitespace", " \t\n ", "Type something to search for."],
    ["only punctuation", '"', "Search text needs at least one letter or digit."],
    ["only wildcards", "*?", "Search text needs at least one letter or digit."],
    ["only backslashes", "\\\\", "Search text needs at least one letter or digit."],
    ["too much text", "a".repeat(MAX_SEARCH_LENGTH + 1), "Search text is too long: at most 200 characters."],
  ])("refuses %s with a BadRequestError and a message", (_why, text, message) => {
    let caught: unknown;
    try {
      toLuceneQuery(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadRequestError);
    expect((caught as BadRequestError).status).toBe(400);
    expect((caught as BadRequestError).message).toBe(message);
  });

  it("accepts exactly 200 characters, and judges the length after trimming", () => {
    expect(() => toLuceneQuery("a".repeat(MAX_SEARCH_LENGTH))).not.toThrow();
    expect(() => toLuceneQuery(`   ${"a".repeat(MAX_SEARCH_LENGTH)}   `)).not.toThrow();
  });
});

describe("searchWords", () => {
  it("splits on everything that is not a letter or a digit", () => {
    expect(searchWords("Thermo-Fisher's  (DNA) sequencers, 2019!")).toEqual(["thermo", "fisher", "s", "dna", "sequencers", "2019"]);
  });
});

describe("toLuceneQuery with any word", () => {
  it("joins the word clauses with OR, and a single word reads the same either way", () => {
    expect(toLuceneQuery("thermo rubio", "any")).toBe(toLuceneQuery("thermo rubio").replace(" AND ", " OR "));
    expect(toLuceneQuery("thermo", "any")).toBe(toLuceneQuery("thermo"));
  });
});

describe("bill numbers", () => {
  it.each([
    ["H.R. 2", "hr2"],
    ["hr2", "hr2"],
    ["HR 2", "hr2"],
    ["H.R.2", "hr2"],
    ["S.1603", "s1603"],
    ["s 1603", "s1603"],
    ["S. 1603", "s1603"],
    ["H.J.Res. 12", "hjres12"],
    ["s.j.res.3", "sjres3"],
    ["H.Con.Res. 5", "hconres5"],
    ["S.Con.Res. 5", "sconres5"],
    ["H.Res 7", "hres7"],
    ["S.Res. 7", "sres7"],
  ])("%s is the one word %s, matched exactly or as a prefix but never fuzzily", (text, key) => {
    expect(searchWords(text)).toEqual([key]);
    expect(toLuceneQuery(text)).toBe(clause(key));
  });

  it("keeps the other words of the text", () => {
    expect(searchWords("hr 2 tax relief")).toEqual(["hr2", "tax", "relief"]);
  });

  it.each([
    ["h 2", ["h", "2"]],
    ["Sherrod's 2 bills", ["sherrod", "s", "2", "bills"]],
    ["marshals 2016", ["marshals", "2016"]],
    ["Rubio", ["rubio"]],
  ])("leaves %s alone: no bill number in it", (text, words) => {
    expect(searchWords(text)).toEqual(words);
  });
});
