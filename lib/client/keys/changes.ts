/**
 * Cache keys of the audit trail (TanStack Query). An edit or a revert invalidates `changeKeys.trails()`:
 * every entity's History and the recent-changes page. A change's details never change, so they are kept.
 */
const root = ["changes"] as const;

export const changeKeys = {
  all: root,
  trails: () => [...root, "trail"] as const,
  /** An entity's History, or every change ("" for the recent-changes page). */
  trail: (entityId: string) => [...root, "trail", entityId] as const,
  details: (id: string) => [...root, "details", id] as const,
};
