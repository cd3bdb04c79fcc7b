/**
 * The matcher's pure parts on real names from the shared data sets (the FtM donations, the Congress data
 * and the demo story): normalisation, blocking keys and the block cap, scores and their reasons.
 */
import { BLOCK_CAP, BlockIndex, pairsWithin } from "@/lib/resolution/blocking";
import { addressForm, nameForm } from "@/lib/resolution/normalise";
import { blockingKeys, compatibleTypes, identifiersFromId, type MatchProfile } from "@/lib/resolution/profile";
import { scorePair, tokenSetSimilarity } from "@/lib/resolution/score";
import { pairKey } from "@/lib/resolution/model";

const profile = (id: string, type: string, name: string, extra: Partial<MatchProfile> = {}): MatchProfile => ({
  id,
  type,
  name,
  aliases: [],
  datasets: [],
  country: null,
  address: null,
  birthDate: null,
  identifiers: identifiersFromId(id),
  neighbours: [],
  ...extra,
});

describe("normalisation", () => {
  it("removes honorifics and titles, and says which", () => {
    expect(nameForm("Frau Dr. Irene Nierstenhöfer")).toMatchObject({ core: ["irene", "nierstenhofer"], removed: ["Frau", "Dr."] });
    expect(nameForm("Herr Prof. Dr. Hermann Schnabel").fingerprint).toBe("hermann schnabel");
    expect(nameForm("Sen. Marco Rubio").fingerprint).toBe(nameForm("Marco Rubio").fingerprint);
  });

  it("removes legal forms, dotted or not, but not a name's first word", () => {
    expect(nameForm("Märkischer Arbeitgeberverband e. V.").core).toEqual(["markischer", "arbeitgeberverband"]);
    expect(nameForm("Verband der Chemischen Industrie e.V.").removed).toEqual(["e.V."]);
    expect(nameForm("Adolf Würth GmbH & Co. KG").removed).toEqual(["GmbH", "Co.", "KG"]);
    expect(nameForm("Thermo Fisher Scientific Inc.").fingerprint).toBe(nameForm("Thermo Fisher Scientific").fingerprint);
    expect(nameForm("AG Dresden").core).toEqual(["ag", "dresden"]);
  });

  it("keeps a parenthetical apart as a name of its own", () => {
    expect(nameForm("Bayerische Motorenwerke (BMW) AG")).toMatchObject({ core: ["bayerische", "motorenwerke"], parenthetical: ["bmw"], removed: ["(BMW)", "AG"] });
  });

  it("folds case, accents, ß and punctuation", () => {
    expect(nameForm("GRÜNE").folded).toBe("grune");
    expect(nameForm("Gießner Bauunternehmung GmbH").core[0]).toBe("giessner");
  });

  it("writes addresses one way, abbreviations expanded", () => {
    expect(addressForm("Rellinghauser Str. 1-11, 45128 Essen")).toBe(addressForm("Rellinghauser Straße 1-11, 45128 Essen"));
    expect(addressForm("Pferdmengesstr. 3, 50968 Köln")).toBe(addressForm("Pferdmengesstraße 3, 50968 Köln"));
    expect(addressForm("414 Montrose Ave., Slough")).toBe("414 montrose avenue slough");
    expect(addressForm("1 Main St.")).toBe("1 main street");
  });
});

describe("blocking", () => {
  it("files names under fingerprints, words, word pairs and phonetic keys, by type group", () => {
    const keys = blockingKeys(profile("p", "Person", "Frau Lina Dachner"));
    expect(keys).toEqual(expect.arrayContaining(["person|fp|dachner lina", "person|ww|dachner lina", "person|w|dachner"]));
    expect(keys.some((key) => key.startsWith("person|ph|"))).toBe(true);
    expect(blockingKeys(profile("c", "Company", "Lina Dachner")).every((key) => key.startsWith("organisation|"))).toBe(true);
    expect(blockingKeys(profile("b", "Bill", "HR 2"))).toEqual([]);
  });

  it("files identifiers read from our ids", () => {
    expect(identifiersFromId("legislator-r000595")).toEqual({ bioguide: "r000595" });
    expect(identifiersFromId("legislator-marco-rubio")).toEqual({});
    expect(blockingKeys(profile("legislator-r000595", "Legislator", "Marco Rubio"))).toContain("id|bioguide|r000595");
  });

  it("drops a block once more than BLOCK_CAP entities share it", () => {
    const index = new BlockIndex();
    const many = Array.from({ length: BLOCK_CAP + 1 }, (_, i) => profile(`p${i}`, "Person", `Johannes Quandtzahl${String.fromCharCode(97 + (i % 26))}${i}`));
    for (const entry of many) index.add(entry);
    // They shared only the word "johannes": over the cap, so it compares nothing.
    expect(index.neighboursOf(profile("q", "Person", "Johannes Other"))).toEqual([]);
    const few = new BlockIndex();
    for (const entry of many.slice(0, 3)) few.add(entry);
    expect(few.neighboursOf(profile("q", "Person", "Johannes Other")).map((p) => p.id)).toEqual(["p0", "p1", "p2"]);
  });

  it("never compares all pairs: unrelated names are not compared", () => {
    const pairs = pairsWithin([profile("a", "Person", "Sherrod Brown"), profile("b", "Person", "Marco Rubio"), profile("c", "Person", "Marco Rubio")]);
    expect(pairs.map((pair) => pairKey(pair.left.id, pair.right.id))).toEqual([pairKey("b", "c")]);
  });
});

describe("scoring and reasons", () => {
  it("says what was removed to make two names the same", () => {
    const scored = scorePair(profile("a", "Person", "Frau Lina Dachner"), profile("b", "Person", "Lina Dachner"));
    expect(scored?.reasons).toEqual(["same name once 'Frau' is removed"]);
    expect(scored!.score).toBeGreaterThan(0.75);
  });

  it("counts identifiers: the same bioguide id is the same legislator, two are two", () => {
    const same = scorePair(profile("legislator-r000595", "Legislator", "Marco Rubio"), profile("x-legislator-r000595", "Legislator", "Rubio Marco"));
    expect(same?.reasons).toContain("same bioguide id");
    const namesakes = scorePair(profile("legislator-w000437", "Legislator", "Roger Wicker"), profile("legislator-w000999", "Legislator", "Roger Wicker"));
    expect(namesakes?.reasons).toContain("different bioguide ids");
    expect(namesakes!.score).toBeLessThan(0.6);
  });

  it("matches through aliases, and says which", () => {
    const scored = scorePair(profile("company-thermo-fisher", "Company", "Thermo Fisher Scientific Inc.", { aliases: ["Thermo Fisher"] }), profile("c2", "Company", "Thermo Fisher"));
    expect(scored?.reasons[0]).toBe("same name (the alias 'Thermo Fisher')");
  });

  it("weighs address, country and shared neighbours, and only compatible types", () => {
    const a = profile("a", "Company", "Porsche AG", { address: "Porscheplatz 1, 70435 Stuttgart", country: "DE", neighbours: ["spd", "cdu"] });
    const b = profile("b", "Company", "Dr. Ing. h. c. F. Porsche AG", { address: "Porscheplatz 1, 70435 Stuttgart", country: "DE", neighbours: ["cdu"] });
    expect(scorePair(a, b)?.reasons).toEqual(expect.arrayContaining(["same address", "same country", "1 shared neighbour"]));
    expect(scorePair(a, { ...b, country: "AT" })!.score).toBeLessThan(scorePair(a, b)!.score);
    expect(compatibleTypes("Legislator", "Person")).toBe(true);
    expect(compatibleTypes("Company", "Organization")).toBe(true);
    expect(scorePair(profile("p", "Person", "Porsche AG"), a)).toBeNull();
  });

  it("does not propose different names on other evidence alone (a family at one address)", () => {
    const address = "Seedammweg 55, 61352 Bad Homburg";
    expect(scorePair(profile("a", "Person", "Frau Johanna Quandt", { address }), profile("b", "Person", "Frau Susanne Klatten", { address }))).toBeNull();
  });

  it("token-set similarity ignores order and counts near spellings", () => {
    expect(tokenSetSimilarity(["rubio", "marco"], ["marco", "rubio"])).toBe(1);
    expect(tokenSetSimilarity(["health", "programms"], ["health", "programs"])).toBe(1);
    expect(tokenSetSimilarity(["daimler"], ["daimler", "chrysler"])).toBeLessThan(1);
  });
});

describe("acronyms", () => {
  it("file an organisation's acronym with the names it abbreviates, and score the pair with the reason", () => {
    const full = profile("company-bmw", "Company", "Bayerische Motoren Werke AG");
    const short = profile("org-bmw", "Organization", "BMW");
    const shared = blockingKeys(full).filter((key) => blockingKeys(short).includes(key));
    expect(shared).toEqual(["organisation|acr|bmw"]);
    const scored = scorePair(short, full);
    expect(scored?.reasons[0]).toBe("'BMW' is the initials of 'Bayerische Motoren Werke AG'");
    expect(scored!.score).toBeGreaterThanOrEqual(0.6);
  });

  it("stand for the whole name, or the whole but a trailing place, never the start of a longer one", () => {
    const csu = profile("org-csu", "Organization", "CSU");
    const acronymKeys = (p: MatchProfile) => blockingKeys(p).filter((key) => key.includes("|acr|"));
    expect(acronymKeys(profile("org-full", "Organization", "Christlich-Soziale Union in Bayern"))).toEqual(["organisation|acr|csub", "organisation|acr|csu"]);
    const longer = profile("org-fund", "Organization", "Central States Union Pension Fund");
    expect(acronymKeys(longer).some((key) => acronymKeys(csu).includes(key))).toBe(false);
    expect(scorePair(csu, longer)).toBeNull();
  });

  it("are not read into people's names or into words written in small letters", () => {
    expect(blockingKeys(profile("person-li", "Person", "Herr Bmw")).some((key) => key.includes("|acr|"))).toBe(false);
    expect(scorePair(profile("org-a", "Organization", "Bmw"), profile("company-b", "Company", "Bayerische Motoren Werke AG"))).toBeNull();
  });
});
