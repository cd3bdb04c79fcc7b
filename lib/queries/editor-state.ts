/**
 * The query editor's state and every change to it, as one pure reducer (components/queries/QueryEditor.tsx
 * renders it; the fetching lives in components/queries/hooks). Pure so each change can be unit-tested
 * without a browser: what opening, typing, saving and asking for a run do to the form.
 */
import type { SavedQuery, SavedQueryInput } from "./model";
import type { ParameterDeclaration, RawParameterValues } from "./parameters";
import type { Failure } from "./editor-failure";
import type { RunOnScreen, RunRequest } from "./run-request";

/** The form's fields; tags as typed (comma-separated), so typing a comma is not undone. */
export interface Draft {
  title: string;
  description: string;
  tags: string;
  cypher: string;
  parameters: ParameterDeclaration[];
}

export const EMPTY_DRAFT: Draft = { title: "", description: "", tags: "", cypher: "", parameters: [] };

type DraftContent = Pick<SavedQuery, "title" | "description" | "tags" | "cypher" | "parameters">;

export function draftOf(content: DraftContent): Draft {
  return {
    title: content.title,
    description: content.description,
    tags: content.tags.join(", "),
    cypher: content.cypher,
    parameters: content.parameters,
  };
}

export function inputOf(draft: Draft): SavedQueryInput {
  return {
    title: draft.title,
    description: draft.description,
    cypher: draft.cypher,
    parameters: draft.parameters,
    tags: draft.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
  };
}

/** A saved query as the editor holds it. */
export interface Loaded {
  query: SavedQuery;
  /** The version in the editor: the latest, or an older one opened from the history or a run link. */
  viewing: number;
  /** The saved content of that version, to tell whether the editor holds unsaved changes. */
  saved: Draft;
}

export interface EditorState {
  /** Null for a new query, and for a saved one until it has been opened. */
  loaded: Loaded | null;
  draft: Draft;
  /** The parameter values someone typed, and the run link (query string) they typed them for. */
  form: { search: string; values: RawParameterValues } | null;
  saveFailure: Failure | null;
  /** What the last save or restore did, for the live region next to Save. */
  status: string | null;
  /** The run on screen (lib/queries/run-request.ts says which one wins). */
  run: RunOnScreen | null;
}

export const INITIAL_EDITOR_STATE: EditorState = {
  loaded: null,
  draft: EMPTY_DRAFT,
  form: null,
  saveFailure: null,
  status: null,
  run: null,
};

export type EditorAction =
  /** A saved query (at `viewing`, whose content is `content`) arrived: the form shows it. */
  | { type: "opened"; query: SavedQuery; viewing: number; content: DraftContent }
  | { type: "edited"; change: Partial<Draft> }
  | { type: "valuesTyped"; search: string; values: RawParameterValues }
  | { type: "saveStarted" }
  | { type: "restoreStarted" }
  | { type: "saveFailed"; failure: Failure }
  /** A save or restore made `query` the newest version; `status` says what happened. */
  | { type: "saved"; query: SavedQuery; status: string }
  /** The Run button asked for `request` while the address bar held `search`. */
  | { type: "runAsked"; request: RunRequest; search: string }
  /** The address bar's run link took over (followLink). */
  | { type: "linkFollowed"; run: RunOnScreen | null };

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "opened": {
      const saved = draftOf(action.content);
      return { ...state, loaded: { query: action.query, viewing: action.viewing, saved }, draft: saved };
    }
    case "edited":
      return { ...state, draft: { ...state.draft, ...action.change } };
    case "valuesTyped":
      return { ...state, form: { search: action.search, values: action.values } };
    case "saveStarted":
      return { ...state, saveFailure: null, status: null };
    case "restoreStarted":
      return { ...state, saveFailure: null };
    case "saveFailed":
      return { ...state, saveFailure: action.failure };
    case "saved": {
      const saved = draftOf(action.query);
      return { ...state, loaded: { query: action.query, viewing: action.query.version, saved }, draft: saved, status: action.status };
    }
    case "runAsked":
      return { ...state, run: { request: action.request, search: action.search, source: "button" } };
    case "linkFollowed":
      return { ...state, run: action.run };
  }
}

/** Whether the form differs from what was saved (a new query always counts as changed). */
export function isDirty(state: Pick<EditorState, "loaded" | "draft">): boolean {
  return state.loaded === null || JSON.stringify(state.draft) !== JSON.stringify(state.loaded.saved);
}
