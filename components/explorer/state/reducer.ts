/**
 * The explorer's own state, everything that is not in the URL: the open editor, dialog and menu, the
 * messages of the current view, the path ends and highlight, the undo and redo lists. Every change is an
 * action of this one pure reducer (unit-tested in tests/unit/explorer-reducer.test.ts); the component
 * and its hooks only dispatch. What is on screen (nodes, selection, filters) stays in the URL
 * (lib/explore/view-state.ts) and is computed by ./steps.ts.
 */
import type { NeighbourSummary } from "@/lib/explore/neighbour-summary";
import type { EditorState } from "../EditorPanel";
import type { PathEnd } from "../PathFinder";

/** A message that belongs to one view (one set of node ids): it disappears when the view changes. */
export interface ViewMessage {
  key: string;
  text: string;
}

/** "Showing 50 of 120 neighbours of X": the next page is one click away. */
export interface PendingExpansion {
  key: string;
  id: string;
  name: string;
  shown: number;
  total: number;
}

/** A node too connected to expand blindly: the reader chooses what to add. */
export interface ExpansionChoiceRequest {
  id: string;
  name: string;
  summary: NeighbourSummary;
}

export interface NodeMenuState {
  id: string;
  point: { x: number; y: number };
}

/** Earlier and later URLs of this session: every exploration step is a URL. */
export interface UrlHistory {
  undo: string[];
  redo: string[];
}

export interface ExplorerState {
  editor: EditorState | null;
  actionError: ViewMessage | null;
  notice: ViewMessage | null;
  pending: PendingExpansion | null;
  chooser: ExpansionChoiceRequest | null;
  pathEnds: { from: PathEnd | null; to: PathEnd | null };
  /** The elements of the paths found, highlighted in the view they were added to. */
  pathHighlight: { key: string; ids: string[] } | null;
  /** The event under the pointer on the timeline. */
  hovered: string | null;
  /** Bumped to run the layout again. */
  layoutRun: number;
  menu: NodeMenuState | null;
  helpOpen: boolean;
  history: UrlHistory;
}

export const INITIAL_EXPLORER_STATE: ExplorerState = {
  editor: null,
  actionError: null,
  notice: null,
  pending: null,
  chooser: null,
  pathEnds: { from: null, to: null },
  pathHighlight: null,
  hovered: null,
  layoutRun: 0,
  menu: null,
  helpOpen: false,
  history: { undo: [], redo: [] },
};

/** How many earlier URLs undo keeps. */
export const UNDO_DEPTH = 100;

export type ExplorerAction =
  | { type: "editor-opened"; editor: EditorState }
  | { type: "editor-closed" }
  /** A saved edit closes the editor; it may leave a message for the view it leads to. */
  | { type: "edit-saved"; notice: ViewMessage | null }
  /** An expansion added a page: the "next page" offer and the id-cap notice are replaced (or cleared). */
  | { type: "expanded"; pending: PendingExpansion | null; notice: ViewMessage | null }
  | { type: "expansion-failed"; error: ViewMessage }
  | { type: "chooser-opened"; chooser: ExpansionChoiceRequest }
  | { type: "chooser-closed" }
  | { type: "path-ends-changed"; from: PathEnd | null; to: PathEnd | null }
  /** Paths were added to a view: highlighted there, with a notice when the id cap left some out. */
  | { type: "paths-shown"; highlight: { key: string; ids: string[] }; notice: ViewMessage | null }
  | { type: "hovered"; id: string | null }
  | { type: "relayout" }
  | { type: "menu-opened"; menu: NodeMenuState }
  | { type: "menu-closed" }
  | { type: "help-opened" }
  | { type: "help-closed" }
  /** A new exploration step from the URL `from` to `to` (a push): `from` can be undone to. */
  | { type: "stepped"; from: string; to: string }
  | { type: "undone"; current: string }
  | { type: "redone"; current: string };

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case "editor-opened":
      return { ...state, editor: action.editor };
    case "editor-closed":
      return { ...state, editor: null };
    case "edit-saved":
      return { ...state, editor: null, notice: action.notice ?? state.notice };
    case "expanded":
      return { ...state, pending: action.pending, notice: action.notice };
    case "expansion-failed":
      return { ...state, actionError: action.error };
    case "chooser-opened":
      return { ...state, chooser: action.chooser };
    case "chooser-closed":
      return { ...state, chooser: null };
    case "path-ends-changed":
      return { ...state, pathEnds: { from: action.from, to: action.to } };
    case "paths-shown":
      return { ...state, pathHighlight: action.highlight, notice: action.notice ?? state.notice };
    case "hovered":
      return { ...state, hovered: action.id };
    case "relayout":
      return { ...state, layoutRun: state.layoutRun + 1 };
    case "menu-opened":
      return { ...state, menu: action.menu };
    case "menu-closed":
      return { ...state, menu: null };
    case "help-opened":
      return { ...state, helpOpen: true };
    case "help-closed":
      return { ...state, helpOpen: false };
    case "stepped":
      if (action.from === action.to) return state;
      return { ...state, history: { undo: [...state.history.undo.slice(-(UNDO_DEPTH - 1)), action.from], redo: [] } };
    case "undone": {
      const { undo, redo } = state.history;
      if (undo.length === 0) return state;
      return { ...state, history: { undo: undo.slice(0, -1), redo: [...redo, action.current] } };
    }
    case "redone": {
      const { undo, redo } = state.history;
      if (redo.length === 0) return state;
      return { ...state, history: { undo: [...undo, action.current], redo: redo.slice(0, -1) } };
    }
  }
}

/** The URL undo would go back to, if any. */
export const undoTarget = (history: UrlHistory): string | undefined => history.undo[history.undo.length - 1];
/** The URL redo would go forward to, if any. */
export const redoTarget = (history: UrlHistory): string | undefined => history.redo[history.redo.length - 1];

/** A view's message, only while that view is on screen. */
export function forView<T extends { key: string }>(message: T | null, key: string): T | null {
  return message?.key === key ? message : null;
}
