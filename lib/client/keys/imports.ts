/** Cache keys of the import page (TanStack Query). */
export const importKeys = {
  all: ["imports"] as const,
  job: (id: string) => ["imports", "job", id] as const,
  list: () => ["imports", "list"] as const,
};
