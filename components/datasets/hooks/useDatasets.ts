"use client";

import { useQuery } from "@tanstack/react-query";
import { datasetKeys } from "@/lib/client/keys/datasets";
import { datasetNamesApi } from "@/lib/datasets/client";

/** The data sets, for a filter: only their ids and names are needed, so the list is kept a minute. */
export function useDatasetList(enabled: boolean) {
  return useQuery({
    queryKey: datasetKeys.list(),
    queryFn: async ({ signal }) => (await datasetNamesApi(signal)).datasets,
    enabled,
    staleTime: 60_000,
  });
}
