/**
 * Cache keys of the saved-query pages (TanStack Query). Nested so one prefix reaches everything below it:
 * a write invalidates `savedQueryKeys.lists()` (every filtered library listing) or `savedQueryKeys.query(id)`
 * (everything about one query) without naming each key.
 */
import type { RunRequest } from "../../queries/run-request";

const root = ["saved-queries"] as const;

export const savedQueryKeys = {
  all: root,
  lists: () => [...root, "list"] as const,
  list: (filter: { q: string; bin: boolean }) => [...root, "list", filter] as const,
  query: (id: string) => [...root, "query", id] as const,
  /** The query and the content of the version the editor opens (absent: the latest). */
  open: (id: string, version: number | undefined) => [...root, "query", id, "open", version ?? "latest"] as const,
  /** One saved version: never changes once saved. */
  version: (id: string, version: number) => [...root, "query", id, "version", version] as const,
  /** The entity a parameter field holds, by id, to show its name. */
  parameterEntity: (id: string) => [...root, "parameter-entity", id] as const,
  /** A run's answer; kept apart from the query's keys so a save does not re-run anything by itself. */
  run: (request: RunRequest) => ["query-runs", request] as const,
};
