/** Cache keys of the snapshot pages (TanStack Query): making or revoking a link invalidates `snapshotKeys.all`. */
const root = ["snapshots"] as const;

export const snapshotKeys = {
  all: root,
  list: () => [...root, "list"] as const,
  /** A snapshot compared with today's data: read again each time the reader asks. */
  comparison: (id: string) => [...root, "comparison", id] as const,
};
