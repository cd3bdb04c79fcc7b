/**
 * Blocking: an index from blocking key to the entities filed under it, so only entities sharing a key
 * are compared, never all pairs. Pure.
 *
 * Blocks are capped (BLOCK_CAP): a key more than that many entities share ("john smith" among the
 * Congress data's 12,000 legislators, or a party's own address) says little about any one pair, and
 * comparing inside it would cost its size squared. Such a key is dropped from the index once it
 * overflows; the pairs it held usually share a more specific key too (a fingerprint, an identifier).
 */
import { blockingKeys, type MatchProfile } from "./profile";
import { CANDIDATE_THRESHOLD, scorePair, type PairScore } from "./score";

export const BLOCK_CAP = 60;

export interface ScoredPair extends PairScore {
  left: MatchProfile;
  right: MatchProfile;
}

export class BlockIndex {
  private readonly blocks = new Map<string, MatchProfile[]>();
  private readonly overflowed = new Set<string>();
  size = 0;

  add(profile: MatchProfile): void {
    this.size += 1;
    for (const key of blockingKeys(profile)) {
      if (this.overflowed.has(key)) continue;
      const block = this.blocks.get(key);
      if (!block) this.blocks.set(key, [profile]);
      else if (block.length >= BLOCK_CAP) {
        this.blocks.delete(key);
        this.overflowed.add(key);
      } else block.push(profile);
    }
  }

  /** Entities of the index sharing a block with this profile (itself left out), each once. */
  neighboursOf(profile: MatchProfile): MatchProfile[] {
    const seen = new Map<string, MatchProfile>();
    for (const key of blockingKeys(profile)) {
      for (const other of this.blocks.get(key) ?? []) if (other.id !== profile.id) seen.set(other.id, other);
    }
    return [...seen.values()];
  }

  /** Every indexed profile, once. */
  *profiles(): Generator<MatchProfile> {
    const seen = new Set<string>();
    for (const block of this.blocks.values()) {
      for (const profile of block) {
        if (seen.has(profile.id)) continue;
        seen.add(profile.id);
        yield profile;
      }
    }
  }

  get blockCount(): number {
    return this.blocks.size;
  }
}

/** Scores a profile against its block neighbours and keeps the pairs worth reviewing. */
export function scoredPairsOf(profile: MatchProfile, candidates: readonly MatchProfile[], threshold = CANDIDATE_THRESHOLD): ScoredPair[] {
  const pairs: ScoredPair[] = [];
  for (const other of candidates) {
    const scored = scorePair(profile, other);
    if (scored && scored.score >= threshold) pairs.push({ ...scored, left: profile, right: other });
  }
  return pairs;
}

/** Every pair within one set of profiles, through the index (each pair once: the smaller id is left). */
export function pairsWithin(profiles: readonly MatchProfile[], threshold = CANDIDATE_THRESHOLD): ScoredPair[] {
  const index = new BlockIndex();
  for (const profile of profiles) index.add(profile);
  const pairs: ScoredPair[] = [];
  for (const profile of profiles) {
    const later = index.neighboursOf(profile).filter((other) => other.id > profile.id);
    pairs.push(...scoredPairsOf(profile, later, threshold));
  }
  return pairs.sort((a, b) => b.score - a.score);
}
