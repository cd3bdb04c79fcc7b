/**
 * The explorer's steps through URLs: from the view on screen (and its controls) and what just happened,
 * the view to show next and the messages that go with it. Pure, like the reducer beside it
 * (tests/unit/explorer-steps.test.ts); the hooks turn a step into a navigation.
 */
import { MAX_LARGE_VIEW_IDS } from "@/lib/api-schemas";
import type { PathsResult } from "@/lib/explore/paths";
import { withNodes, type ViewControls, type ViewState } from "@/lib/explore/view-state";
import type { NeighbourPage } from "@/lib/graph/types";
import type { EditOutcome } from "../EditorPanel";
import type { PendingExpansion, ViewMessage } from "./reducer";

/** A view's identity for messages and the graph cache: its node ids, in URL order. */
export const keyOf = (view: ViewState): string => view.nodes.join(",");

export const toggleIn = <T>(values: readonly T[], value: T): T[] =>
  values.includes(value) ? values.filter((item) => item !== value) : [...values, value];

export interface ExpansionStep {
  next: ViewState;
  /** The offer of the next page, when this page was not the last one (never after a chosen expansion). */
  pending: PendingExpansion | null;
  /** Said when the id cap left some neighbours out. */
  notice: ViewMessage | null;
}

/** A page of `id`'s neighbours (from `offset`) added to the view, with `id` selected. */
export function afterExpansion(view: ViewState, page: NeighbourPage, request: { id: string; offset: number; chosen: boolean }): ExpansionStep {
  const wanted = [page.center.id, ...page.nodes.map((node) => node.id)];
  const next = { ...withNodes(view, wanted), selected: request.id };
  const key = keyOf(next);
  const dropped = wanted.filter((wantedId) => !next.nodes.includes(wantedId)).length;
  const shown = request.offset + page.nodes.length;
  return {
    next,
    pending: !request.chosen && shown < page.total ? { key, id: request.id, name: page.center.name, shown, total: page.total } : null,
    notice: dropped > 0 ? { key, text: `A view holds at most ${MAX_LARGE_VIEW_IDS.toLocaleString("en-US")} entities: ${dropped} more were not added.` } : null,
  };
}

/** Paths found: their entities join the view and are shown whatever the filters hid; their elements are highlighted. */
export function afterPaths(view: ViewState, controls: ViewControls, result: PathsResult) {
  const ids = result.graph.nodes.map((node) => node.id);
  const next = { ...withNodes(view, ids), selected: null };
  const key = keyOf(next);
  const dropped = ids.filter((id) => !next.nodes.includes(id)).length;
  const onPath = new Set(ids);
  return {
    next,
    controls: {
      ...controls,
      hidden: controls.hidden.filter((id) => !onPath.has(id)),
      hiddenTypes: controls.hiddenTypes.filter((type) => !result.graph.nodes.some((node) => node.type === type)),
    },
    highlight: { key, ids: result.paths.flatMap((path) => [...path.nodes, ...path.edges]) },
    notice: dropped > 0 ? { key, text: `A view holds at most ${MAX_LARGE_VIEW_IDS.toLocaleString("en-US")} entities: ${dropped} on these paths were not added.` } : null,
  };
}

/** After a saved edit: show what it added, drop what it deleted, select what it made. */
export function afterEdit(view: ViewState, { result, add, select, remove }: EditOutcome): { next: ViewState; notice: ViewMessage | null } {
  const kept = { ...view, nodes: view.nodes.filter((id) => !remove.includes(id)) };
  const shown = add.length > 0 ? withNodes(kept, add) : kept;
  const next = { ...shown, selected: select ?? (remove.includes(view.selected ?? "") ? null : view.selected) };
  // A relationship that already existed was not made twice: say where its new sources went.
  const notice = result.existing
    ? {
        key: keyOf(next),
        text: result.change ? "That relationship already existed: its new sources were added to it." : "That relationship already existed with these sources.",
      }
    : null;
  return { next, notice };
}

/** A node taken out of the view, with its selection, hiding and pin. */
export function withoutNode(view: ViewState, controls: ViewControls, id: string): { next: ViewState; controls: ViewControls } {
  return {
    next: { nodes: view.nodes.filter((nodeId) => nodeId !== id), selected: view.selected === id ? null : view.selected },
    controls: { ...controls, hidden: controls.hidden.filter((item) => item !== id), pinned: controls.pinned.filter((item) => item !== id) },
  };
}

/** "Clear graph": nothing shown, nothing hidden or pinned; the type filters, dates and layout stay. */
export function cleared(controls: ViewControls): { next: ViewState; controls: ViewControls } {
  return { next: { nodes: [], selected: null }, controls: { ...controls, hidden: [], pinned: [] } };
}
