"use client";

import { useQuery } from "@tanstack/react-query";
import { entityApi, neighboursApi } from "@/lib/api-client";
import { useGraphWrite } from "@/lib/client/graph-writes";
import { resolutionKeys } from "@/lib/client/keys/resolution";
import { exploreKeys } from "@/lib/client/explore-queries";
import {
  candidatesApi,
  judgeApi,
  judgementsApi,
  runCrossReferenceApi,
  undoJudgementApi,
  type CandidateFilter,
  type Judgement,
} from "@/lib/resolution/client";

/** How many pairs the queue reads at once: enough to judge a while before the next read. */
export const QUEUE_PAGE = 50;
/** How many judgements the "Judged" list shows, newest first. */
export const JUDGED_PAGE = 50;
/** How many neighbours each side of a pair shows (and draws). */
export const SIDE_NEIGHBOURS = 12;

export function useCandidates(filter: CandidateFilter) {
  return useQuery({
    queryKey: resolutionKeys.candidates(filter),
    queryFn: ({ signal }) => candidatesApi(filter, { limit: QUEUE_PAGE }, signal),
  });
}

export function useJudgements(enabled: boolean) {
  return useQuery({
    queryKey: resolutionKeys.judgements(),
    queryFn: ({ signal }) => judgementsApi({ limit: JUDGED_PAGE }, signal),
    enabled,
  });
}

/** One side of a pair: the entity and a page of its neighbours, the explorer's own reads. */
export function usePairSide(id: string) {
  const entity = useQuery({ queryKey: exploreKeys.entity(id), queryFn: ({ signal }) => entityApi(id, signal) });
  const neighbours = useQuery({
    queryKey: [...resolutionKeys.all, "neighbours", id],
    queryFn: ({ signal }) => neighboursApi(id, { limit: SIDE_NEIGHBOURS, order: "degree" }, signal),
  });
  return { entity, neighbours };
}

/**
 * A judgement, and its undo. Both are graph writes: a "same" merges two entities and its undo reverts the
 * merge, so every cached read (the queue, the judged list, the explorer's) is marked stale.
 */
export function useJudge() {
  return useGraphWrite((input: { left: string; right: string; judgement: Judgement }) => judgeApi(input.left, input.right, input.judgement));
}

export function useUndoJudgement() {
  return useGraphWrite((id: string) => undoJudgementApi(id));
}

export function useCrossReferenceRun() {
  return useGraphWrite((dataset: string | undefined) => runCrossReferenceApi(dataset));
}
