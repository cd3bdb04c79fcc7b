import type { CandidateFilter } from "../../resolution/client";

/**
 * Cache keys of entity resolution (TanStack Query). A judgement or its undo changes the queue, the judged
 * list and (a "same" merges) the graph, so writes invalidate `all` and the graph's reads.
 */
export const resolutionKeys = {
  all: ["resolution"] as const,
  candidates: (filter: CandidateFilter) => ["resolution", "candidates", filter.type ?? null, filter.dataset ?? null] as const,
  judgements: () => ["resolution", "judgements"] as const,
  similar: (name: string, type: string | null, exclude: string | null) => ["resolution", "similar", name, type, exclude] as const,
};
