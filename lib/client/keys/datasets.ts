/** Cache keys of data sets (TanStack Query): an import adds one, so the list is read again on each visit. */
export const datasetKeys = {
  all: ["datasets"] as const,
  list: () => ["datasets", "list"] as const,
};
