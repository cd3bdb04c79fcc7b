/**
 * Which run the query editor shows. A run is either of a saved query (through its run link, graph:read)
 * or of the unsaved text (draft Cypher, queries:write). Two sources ask for runs: the address bar (a run
 * link runs as soon as its query is open, and again on back/forward) and the Run button. The newer one
 * wins; `followLink` says when the address bar's run takes over. Pure, so the rule is unit-tested.
 */
import type { ParameterDeclaration, RawParameterValues } from "./parameters";

export type RunRequest =
  | {
      kind: "saved";
      id: string;
      /** The version to run; absent, the server runs the latest. */
      version: number | undefined;
      values: RawParameterValues;
      /** The version open in the editor when asked: a link without a version runs again after a save. */
      viewing: number;
    }
  | { kind: "draft"; cypher: string; parameters: ParameterDeclaration[]; values: RawParameterValues };

export interface RunOnScreen {
  request: RunRequest;
  /** The query string in the address bar when the run was asked for. */
  search: string;
  source: "link" | "button";
}

export function sameRun(a: RunRequest | null | undefined, b: RunRequest | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The run to show once the address bar at `search` asks for `linked` (null: it asks for none). The link's
 * run takes over unless the Run button asked for another at this very address; leaving a run link for a
 * plain address keeps the last run on screen.
 */
export function followLink(current: RunOnScreen | null, linked: RunRequest | null, search: string): RunOnScreen | null {
  if (linked === null || sameRun(current?.request, linked)) return current;
  if (current !== null && current.source === "button" && current.search === search) return current;
  return { request: linked, search, source: "link" };
}
