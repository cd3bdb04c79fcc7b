/**
 * What the explorer shows, as it is written in the URL: `/?nodes=a,b,c&selected=a`.
 * The URL is the source of truth: reload, back/forward and shared links restore the same view. Ids that
 * are not valid entity ids are dropped rather than breaking the page.
 */
import { MAX_VIEW_IDS } from "./api-schemas";
import { writeControls, type ViewControls } from "./explorer/controls";
import { entityIdSchema } from "./model/registry";

export interface ViewState {
  nodes: string[];
  /** An entity id or a relationship id. */
  selected: string | null;
}

export const EMPTY_VIEW: ViewState = { nodes: [], selected: null };

function validId(value: string): boolean {
  return entityIdSchema.safeParse(value).success;
}

export function parseViewState(params: { get(name: string): string | null }): ViewState {
  const nodes = [...new Set((params.get("nodes") ?? "").split(",").filter(validId))].slice(0, MAX_VIEW_IDS);
  const selected = params.get("selected");
  return { nodes, selected: selected && validId(selected) ? selected : null };
}

/** `controls` (hidden, pinned, filters, layout) are written after the nodes when given. */
export function serializeViewState(view: ViewState, controls?: ViewControls): string {
  const params = new URLSearchParams();
  if (view.nodes.length > 0) params.set("nodes", view.nodes.join(","));
  if (view.selected) params.set("selected", view.selected);
  if (controls) writeControls(controls, params);
  // Commas are safe in a query string; keeping them readable makes links easier to eyeball.
  return params.toString().replaceAll("%2C", ",");
}

/** Adds ids to a view, keeping the order in which they first appeared and the id cap. */
export function withNodes(view: ViewState, ids: readonly string[]): ViewState {
  const nodes = [...new Set([...view.nodes, ...ids])].slice(0, MAX_VIEW_IDS);
  return { ...view, nodes };
}

export function sameNodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
