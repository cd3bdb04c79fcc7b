/** Cache keys of workspaces (TanStack Query): creating, renaming or deleting one invalidates `workspaceKeys.list()`. */
const root = ["workspaces"] as const;

export const workspaceKeys = {
  all: root,
  list: () => [...root, "list"] as const,
  /** One workspace as opened; its autosave does not write here (the explorer holds the live copy), so it is dropped once the page is left. */
  one: (id: string) => [...root, "one", id] as const,
};
