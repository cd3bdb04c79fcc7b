"use client";

import { useQuery } from "@tanstack/react-query";
import { savedQueryKeys } from "@/lib/client/keys/queries";
import { runDraftApi, runSavedQueryApi } from "@/lib/queries/client";
import type { RunRequest } from "@/lib/queries/run-request";

/**
 * The answer to the run on screen. A newer run changes the key, which cancels the older request (its
 * signal) instead of racing it. A run is never served from the cache (gcTime 0): back/forward to a run
 * link runs it again, as the link promises, and a failed run is not retried (the server said why).
 */
export function useQueryRun(request: RunRequest | null) {
  return useQuery({
    queryKey: request === null ? ["query-runs", "none"] : savedQueryKeys.run(request),
    enabled: request !== null,
    gcTime: 0,
    staleTime: 0,
    retry: false,
    queryFn: async ({ signal }) => {
      if (request === null) throw new Error("No run was asked for.");
      const { result } =
        request.kind === "saved"
          ? await runSavedQueryApi(request.id, request.values, request.version, signal)
          : await runDraftApi(request.cypher, request.parameters, request.values, signal);
      return result;
    },
  });
}
