import {
  INITIAL_EXPLORER_STATE,
  UNDO_DEPTH,
  explorerReducer,
  forView,
  redoTarget,
  undoTarget,
  type ExplorerAction,
  type ExplorerState,
} from "@/components/explorer/state/reducer";

const run = (actions: ExplorerAction[], state: ExplorerState = INITIAL_EXPLORER_STATE) => actions.reduce(explorerReducer, state);

describe("the explorer's reducer", () => {
  it("opens and closes the editor, the chooser, the menu and the help", () => {
    const summary = { total: 300, byType: {}, byRelationship: {} } as never;
    const open = run([
      { type: "editor-opened", editor: { kind: "edit-entity", id: "a" } },
      { type: "chooser-opened", chooser: { id: "a", name: "A", summary } },
      { type: "menu-opened", menu: { id: "a", point: { x: 1, y: 2 } } },
      { type: "help-opened" },
    ]);
    expect(open.editor).toEqual({ kind: "edit-entity", id: "a" });
    expect(open.chooser?.id).toBe("a");
    expect(open.menu).toEqual({ id: "a", point: { x: 1, y: 2 } });
    expect(open.helpOpen).toBe(true);
    const closed = run([{ type: "editor-closed" }, { type: "chooser-closed" }, { type: "menu-closed" }, { type: "help-closed" }], open);
    expect(closed).toEqual(INITIAL_EXPLORER_STATE);
  });

  it("replaces the next-page offer and the cap notice on every expansion, clearing them when absent", () => {
    const pending = { key: "a,b", id: "a", name: "A", shown: 50, total: 80 };
    const notice = { key: "a,b", text: "capped" };
    const first = run([{ type: "expanded", pending, notice }]);
    expect(first.pending).toEqual(pending);
    expect(first.notice).toEqual(notice);
    const second = run([{ type: "expanded", pending: null, notice: null }], first);
    expect(second.pending).toBeNull();
    expect(second.notice).toBeNull();
  });

  it("closes the editor after a save, keeping the earlier notice unless the save brings one", () => {
    const earlier = { key: "a", text: "earlier" };
    const editing = run([
      { type: "expanded", pending: null, notice: earlier },
      { type: "editor-opened", editor: { kind: "new-entity" } },
    ]);
    const quiet = run([{ type: "edit-saved", notice: null }], editing);
    expect(quiet.editor).toBeNull();
    expect(quiet.notice).toBe(earlier);
    const existing = { key: "a,b", text: "That relationship already existed with these sources." };
    expect(run([{ type: "edit-saved", notice: existing }], editing).notice).toBe(existing);
  });

  it("keeps the path ends, the highlight of the paths shown and the hovered event", () => {
    const from = { id: "a", name: "A" };
    const state = run([
      { type: "path-ends-changed", from, to: null },
      { type: "paths-shown", highlight: { key: "a,b", ids: ["a", "r", "b"] }, notice: null },
      { type: "hovered", id: "event-1" },
    ]);
    expect(state.pathEnds).toEqual({ from, to: null });
    expect(state.pathHighlight).toEqual({ key: "a,b", ids: ["a", "r", "b"] });
    expect(state.hovered).toBe("event-1");
    expect(run([{ type: "hovered", id: null }], state).hovered).toBeNull();
  });

  it("counts layout runs", () => {
    expect(run([{ type: "relayout" }, { type: "relayout" }]).layoutRun).toBe(INITIAL_EXPLORER_STATE.layoutRun + 2);
  });

  it("records failures with the view they belong to", () => {
    const state = run([{ type: "expansion-failed", error: { key: "a", text: "Could not expand this entity." } }]);
    expect(forView(state.actionError, "a")?.text).toBe("Could not expand this entity.");
    expect(forView(state.actionError, "a,b")).toBeNull();
  });
});

describe("undo and redo through the URLs of the session", () => {
  it("undoes to the previous URL and redoes back, a step at a time", () => {
    const stepped = run([
      { type: "stepped", from: "", to: "nodes=a" },
      { type: "stepped", from: "nodes=a", to: "nodes=a,b" },
    ]);
    expect(undoTarget(stepped.history)).toBe("nodes=a");
    const undone = run([{ type: "undone", current: "nodes=a,b" }], stepped);
    expect(undone.history).toEqual({ undo: [""], redo: ["nodes=a,b"] });
    expect(undoTarget(undone.history)).toBe("");
    expect(redoTarget(undone.history)).toBe("nodes=a,b");
    const redone = run([{ type: "redone", current: "nodes=a" }], undone);
    expect(redone.history).toEqual({ undo: ["", "nodes=a"], redo: [] });
  });

  it("forgets what could be redone once a new step is taken", () => {
    const state = run([
      { type: "stepped", from: "", to: "nodes=a" },
      { type: "undone", current: "nodes=a" },
      { type: "stepped", from: "", to: "nodes=b" },
    ]);
    expect(state.history).toEqual({ undo: [""], redo: [] });
  });

  it("does not record a step that stays on the same URL", () => {
    expect(run([{ type: "stepped", from: "nodes=a", to: "nodes=a" }]).history.undo).toEqual([]);
  });

  it("ignores undo and redo with nothing to go to", () => {
    expect(run([{ type: "undone", current: "x" }, { type: "redone", current: "x" }])).toEqual(INITIAL_EXPLORER_STATE);
  });

  it(`keeps the last ${UNDO_DEPTH} steps`, () => {
    const steps = Array.from({ length: UNDO_DEPTH + 20 }, (_, index): ExplorerAction => ({ type: "stepped", from: `s${index}`, to: `s${index + 1}` }));
    const { undo } = run(steps).history;
    expect(undo).toHaveLength(UNDO_DEPTH);
    expect(undo[0]).toBe("s20");
    expect(undo[UNDO_DEPTH - 1]).toBe(`s${UNDO_DEPTH + 19}`);
  });
});
