/**
 * The shared FtM donations file as match profiles (mapped the way the importer maps it, no database), and
 * the labelled true pairs of tests/fixtures/resolution/. Used by the labelled-pairs test and the bench.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { datasetsDir } from "@/lib/import/datasets";
import { ftmId, mapFtmEntity } from "@/lib/import/ftm";
import { profilesOfGraph } from "@/lib/resolution/in-memory";
import { pairKey } from "@/lib/resolution/model";
import type { MatchProfile } from "@/lib/resolution/profile";

const ROOT = path.resolve(import.meta.dirname, "../..");

export function donationProfiles(): MatchProfile[] {
  const file = path.join(datasetsDir(ROOT), "ftm-donations/donations.ijson");
  const entities: Record<string, unknown>[] = [];
  const relationships: Record<string, unknown>[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    for (const item of mapFtmEntity(JSON.parse(line))) {
      if (item.kind === "entity") entities.push(item.entity);
      else if (item.kind === "relationship") relationships.push(item.relationship);
    }
  }
  return profilesOfGraph(entities, relationships, "ftm-donations");
}

export interface LabelledPair {
  left: string;
  right: string;
  leftName: string;
  rightName: string;
  why: string;
}

/** The labelled pairs, as pair keys of our ids ("ftm-" + the FtM id). */
export function labelledDonationPairs(): { key: string; pair: LabelledPair }[] {
  const fixture = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/resolution/donations-true-pairs.json"), "utf8")) as { pairs: LabelledPair[] };
  return fixture.pairs.map((pair) => ({ key: pairKey(ftmId(pair.left), ftmId(pair.right)), pair }));
}
