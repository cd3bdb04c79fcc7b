/**
 * Measured quality on real data: the matcher, run over the whole FtM donations file (mapped as the
 * importer maps it), must find the hand-labelled true pairs (tests/fixtures/resolution/README.md) near the
 * top of what it proposes. Recall is computed from the matcher's own output, never pasted.
 */
import { ftmId } from "@/lib/import/ftm";
import { pairsWithin } from "@/lib/resolution/blocking";
import { pairKey } from "@/lib/resolution/model";
import { donationProfiles, labelledDonationPairs } from "../support/donations";

const TOP_N = 30;

describe("the donations' labelled duplicates", () => {
  const proposed = pairsWithin(donationProfiles());
  const ranked = proposed.map((pair) => pairKey(pair.left.id, pair.right.id));
  const labelled = labelledDonationPairs();

  it(`are all found in the top ${TOP_N}, the party written as its acronym too`, () => {
    const top = new Set(ranked.slice(0, TOP_N));
    const missed = labelled.filter(({ key }) => !top.has(key)).map(({ pair }) => pair.why);
    expect(missed).toEqual([]);
    const csu = labelled.find(({ pair }) => pair.why.includes("acronym"))!;
    const found = proposed.find((pair) => pairKey(pair.left.id, pair.right.id) === csu.key);
    expect(found?.reasons[0]).toBe(`'${csu.pair.rightName}' is the initials of '${csu.pair.leftName}'`);
  });

  it("puts the honorific, parenthetical and abbreviated-address pairs in the top 20, with reasons that say why", () => {
    const reasonsOf = (left: string, right: string) => proposed.find((pair) => pairKey(pair.left.id, pair.right.id) === pairKey(left, right));
    const easy = labelled.filter(({ pair }) => /honorific|parenthetical|'Str\.'/.test(pair.why));
    expect(easy.length).toBeGreaterThanOrEqual(6);
    for (const { key, pair } of easy) {
      expect({ pair: pair.why, rank: ranked.indexOf(key) < 20 }).toEqual({ pair: pair.why, rank: true });
    }
    const quandt = easy.find(({ pair }) => pair.why.includes("'Frau'"))!.pair;
    expect(reasonsOf(ftmId(quandt.left), ftmId(quandt.right))?.reasons).toContain("same name once 'Frau' is removed");
  });

  it("proposes far fewer pairs than all pairs, each with a reason", () => {
    const profiles = donationProfiles();
    expect(proposed.length).toBeLessThan((profiles.length * (profiles.length - 1)) / 2 / 20);
    expect(proposed.every((pair) => pair.reasons.length > 0 && pair.reasons[0]!.length > 0)).toBe(true);
  });
});
