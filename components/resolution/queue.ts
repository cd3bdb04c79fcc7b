/**
 * The queue's pure parts: which pair is up next, the keys that judge it, and the words for judgements.
 * Kept out of the components so the order and the keys are unit-tested.
 */
import { ENTITY_TYPES, type EntityType } from "@/lib/model/registry";
import type { Candidate, CandidateFilter, Judgement } from "@/lib/resolution/client";

/** A pair's key, whichever side is left: (a, b) and (b, a) are one pair, as the server keys judgements. */
export function pairKeyOf(candidate: Pick<Candidate, "left" | "right">): string {
  return pairKey(candidate.left.id, candidate.right.id);
}

export function pairKey(left: string, right: string): string {
  const [a, b] = [left, right].sort();
  return `${a}|${b}`;
}

/**
 * The pair to show: the best (the server answers best first) not yet skipped nor just judged. A judged
 * pair leaves the server's list only once it is read again; until then `settled` keeps it off screen.
 */
export function nextCandidate(candidates: readonly Candidate[], skipped: ReadonlySet<string>, settled: ReadonlySet<string>): Candidate | null {
  return candidates.find((candidate) => !skipped.has(pairKeyOf(candidate)) && !settled.has(pairKeyOf(candidate))) ?? null;
}

export type QueueAction = Judgement | "skip";

/** The keys, as shown on screen: each judgement has one, skip has two. */
export const QUEUE_KEYS: readonly { action: QueueAction; keys: readonly string[]; label: string }[] = [
  { action: "same", keys: ["s"], label: "Same" },
  { action: "different", keys: ["d"], label: "Not the same" },
  { action: "unsure", keys: ["u"], label: "Unsure" },
  { action: "skip", keys: ["n", "ArrowRight"], label: "Skip" },
];

/** The action a key press means, or null (typing in a field, a key with Ctrl/Alt/Meta, any other key). */
export function actionOfKey(event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: EventTarget | null }): QueueAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || target?.isContentEditable) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return QUEUE_KEYS.find((entry) => entry.keys.includes(key))?.action ?? null;
}

/** A judgement as the judged list says it: "same", "not the same", "unsure". */
export const JUDGEMENT_WORDS: Readonly<Record<Judgement, string>> = { same: "same", different: "not the same", unsure: "unsure" };

/** The queue's filter from its query string (`?type=&dataset=`), unknown types ignored. */
export function filterFromParams(params: { get(name: string): string | null }): CandidateFilter {
  const type = params.get("type");
  const dataset = params.get("dataset");
  return {
    ...(type && (ENTITY_TYPES as readonly string[]).includes(type) ? { type: type as EntityType } : {}),
    ...(dataset ? { dataset } : {}),
  };
}

/** The query string of a filter, for links (the data set page) and the address bar. */
export function paramsOfFilter(filter: CandidateFilter): string {
  const params = new URLSearchParams();
  if (filter.type) params.set("type", filter.type);
  if (filter.dataset) params.set("dataset", filter.dataset);
  const text = params.toString();
  return text ? `?${text}` : "";
}
