/**
 * The query editor's state changes (lib/queries/editor-state.ts), the rule for which run is on screen
 * (lib/queries/run-request.ts) and how a failed answer becomes the form's failure (editor-failure.ts).
 */
import { ApiError } from "@/lib/api-client";
import { failureOf } from "@/lib/queries/editor-failure";
import { INITIAL_EDITOR_STATE, draftOf, editorReducer, inputOf, isDirty, type EditorAction, type EditorState } from "@/lib/queries/editor-state";
import type { SavedQuery } from "@/lib/queries/model";
import { followLink, sameRun, type RunOnScreen, type RunRequest } from "@/lib/queries/run-request";

const QUERY: SavedQuery = {
  id: "q-unit-0001",
  title: "Directors of a company",
  description: "Who sits on the board.",
  tags: ["boards", "people"],
  parameters: [{ name: "company", type: "entity", required: true }],
  version: 3,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-03T00:00:00Z",
  deletedAt: null,
  cypher: "MATCH (p:Person)-[:DIRECTOR_OF]->(c {id: $company}) RETURN p",
  versions: [3, 2, 1].map((version) => ({ version, title: "Directors", createdAt: "2024-01-01T00:00:00Z", note: null })),
};

const apply = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const opened = (query = QUERY, viewing = query.version): EditorAction => ({ type: "opened", query, viewing, content: query });

describe("draftOf and inputOf", () => {
  it("joins tags for the field and splits what was typed back, dropping empty ones", () => {
    const draft = draftOf(QUERY);
    expect(draft.tags).toBe(QUERY.tags.join(", "));
    expect(inputOf({ ...draft, tags: " a, ,b ,," }).tags).toEqual(["a", "b"]);
    expect(inputOf(draft)).toEqual({
      title: QUERY.title,
      description: QUERY.description,
      cypher: QUERY.cypher,
      parameters: QUERY.parameters,
      tags: QUERY.tags,
    });
  });
});

describe("editorReducer", () => {
  it("starts as a new, changed query with nothing on screen", () => {
    expect(INITIAL_EDITOR_STATE.loaded).toBeNull();
    expect(isDirty(INITIAL_EDITOR_STATE)).toBe(true);
    expect(INITIAL_EDITOR_STATE.run).toBeNull();
  });

  it("shows an opened version in the form, unchanged until someone types", () => {
    const older = { ...QUERY, title: "Board members", cypher: "MATCH (p) RETURN p" };
    const state = apply(INITIAL_EDITOR_STATE, { type: "opened", query: QUERY, viewing: 2, content: older });
    expect(state.loaded).toEqual({ query: QUERY, viewing: 2, saved: draftOf(older) });
    expect(state.draft.title).toBe(older.title);
    expect(isDirty(state)).toBe(false);

    const typed = apply(state, { type: "edited", change: { title: `${older.title} (edited)` } });
    expect(typed.draft.title).toBe(`${older.title} (edited)`);
    expect(typed.draft.cypher).toBe(older.cypher);
    expect(isDirty(typed)).toBe(true);
    // Typing back what was saved is not a change.
    expect(isDirty(apply(typed, { type: "edited", change: { title: older.title } }))).toBe(false);
  });

  it("applies each edit to the latest draft, so two quick edits both stay", () => {
    const state = apply(INITIAL_EDITOR_STATE, opened(), { type: "edited", change: { cypher: "RETURN 1" } }, { type: "edited", change: { title: "One" } });
    expect(state.draft).toMatchObject({ cypher: "RETURN 1", title: "One" });
  });

  it("keeps typed parameter values with the run link they were typed for", () => {
    const state = apply(INITIAL_EDITOR_STATE, { type: "valuesTyped", search: "version=3", values: { company: "company-x" } });
    expect(state.form).toEqual({ search: "version=3", values: { company: "company-x" } });
  });

  it("clears the last failure and status when a save starts, only the failure when a restore starts", () => {
    const failure = { message: "Refused.", syntax: null, problems: [] };
    const failed = apply(INITIAL_EDITOR_STATE, opened(), { type: "saved", query: QUERY, status: "Saved as version 3." }, { type: "saveFailed", failure });
    expect(failed.saveFailure).toEqual(failure);
    expect(apply(failed, { type: "saveStarted" })).toMatchObject({ saveFailure: null, status: null });
    expect(apply(failed, { type: "restoreStarted" })).toMatchObject({ saveFailure: null, status: failed.status });
  });

  it("makes a saved query the latest version on screen, with the form matching it", () => {
    const edited = apply(INITIAL_EDITOR_STATE, opened(QUERY, 1), { type: "edited", change: { title: "New title" } });
    const newer = { ...QUERY, title: "New title", version: QUERY.version + 1 };
    const state = apply(edited, { type: "saved", query: newer, status: `Saved as version ${newer.version}.` });
    expect(state.loaded).toEqual({ query: newer, viewing: newer.version, saved: draftOf(newer) });
    expect(isDirty(state)).toBe(false);
    expect(state.status).toBe(`Saved as version ${newer.version}.`);
  });

  it("puts a run asked with the button on screen, remembering the address it was asked at", () => {
    const request: RunRequest = { kind: "draft", cypher: "RETURN 1", parameters: [], values: {} };
    const state = apply(INITIAL_EDITOR_STATE, { type: "runAsked", request, search: "" });
    expect(state.run).toEqual({ request, search: "", source: "button" });
    expect(apply(state, { type: "linkFollowed", run: null }).run).toBeNull();
  });
});

describe("followLink", () => {
  const saved = (values: Record<string, string>, viewing = 3): RunRequest => ({ kind: "saved", id: QUERY.id, version: 3, values, viewing });
  const draft: RunRequest = { kind: "draft", cypher: "RETURN 1", parameters: [], values: {} };

  it("starts the address bar's run when nothing is on screen", () => {
    expect(followLink(null, saved({ company: "a" }), "version=3&company=a")).toEqual({
      request: saved({ company: "a" }),
      search: "version=3&company=a",
      source: "link",
    });
    expect(followLink(null, null, "")).toBeNull();
  });

  it("keeps the run on screen when it is already the link's (the same object is returned: no re-render)", () => {
    const current: RunOnScreen = { request: saved({ company: "a" }), search: "version=3&company=a", source: "link" };
    expect(followLink(current, saved({ company: "a" }), current.search)).toBe(current);
  });

  it("keeps the last run when the address names no run", () => {
    const current: RunOnScreen = { request: draft, search: "", source: "button" };
    expect(followLink(current, null, "")).toBe(current);
    const link: RunOnScreen = { request: saved({ company: "a" }), search: "version=3&company=a", source: "link" };
    expect(followLink(link, null, "")).toBe(link);
  });

  it("lets a newer address take over from a button run asked at another address", () => {
    const current: RunOnScreen = { request: draft, search: "", source: "button" };
    expect(followLink(current, saved({ company: "b" }), "version=3&company=b")?.request).toEqual(saved({ company: "b" }));
  });

  it("does not replace a button run asked at this very address", () => {
    const current: RunOnScreen = { request: draft, search: "version=3&company=a", source: "button" };
    expect(followLink(current, saved({ company: "a" }), current.search)).toBe(current);
  });

  it("runs a link again when the version open in the editor changed (after a save)", () => {
    const current: RunOnScreen = { request: saved({ company: "a" }, 3), search: "company=a", source: "link" };
    expect(followLink(current, saved({ company: "a" }, 4), "company=a")?.request).toEqual(saved({ company: "a" }, 4));
  });

  it("compares runs by what they run", () => {
    expect(sameRun(saved({ company: "a" }), saved({ company: "a" }))).toBe(true);
    expect(sameRun(saved({ company: "a" }), saved({ company: "b" }))).toBe(false);
    expect(sameRun(null, undefined)).toBe(true);
    expect(sameRun(draft, null)).toBe(false);
  });
});

describe("failureOf", () => {
  it("reads a syntax error's position from the server's details", () => {
    const syntax = { line: 2, column: 5, offset: 12, message: "Invalid input 'RETRN'" };
    expect(failureOf(new ApiError(400, "The Cypher has a syntax error.", syntax), "fallback")).toEqual({
      message: "The Cypher has a syntax error.",
      syntax,
      problems: [],
    });
  });

  it("reads parameter problems, ignoring anything else in the list", () => {
    const problem = { name: "company", message: "Choose an entity." };
    const failure = failureOf(new ApiError(400, "Some values are wrong.", [problem, "odd", null]), "fallback");
    expect(failure.problems).toEqual([problem]);
    expect(failure.syntax).toBeNull();
  });

  it("falls back to the given message for anything that is not the server's answer", () => {
    expect(failureOf(new TypeError("boom"), "The query could not be run.")).toEqual({
      message: "The query could not be run.",
      syntax: null,
      problems: [],
    });
  });
});
