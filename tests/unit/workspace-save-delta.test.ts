/**
 * What a workspace's autosave sends: only positions that differ from what the server holds, and what it
 * then holds (lib/workspaces/store.ts applyUpdate merges positions and drops those of nodes taken out).
 */
import { positionChanges, storedAfterSave } from "@/components/workspaces/hooks/useWorkspaceView";

describe("positionChanges", () => {
  it("keeps the moved and the never-stored nodes, not the ones where the server has them", () => {
    const stored = { a: { x: 0, y: 0 }, b: { x: 100, y: 50 } };
    const now = { a: { x: 0, y: 0 }, b: { x: 101, y: 50 }, c: { x: 5, y: 5 } };
    expect(positionChanges(now, stored)).toEqual({ b: { x: 101, y: 50 }, c: { x: 5, y: 5 } });
  });

  it("ignores the rounding noise of a canvas that put a node back where it was", () => {
    expect(positionChanges({ a: { x: 10.004, y: -3.999 } }, { a: { x: 10, y: -4 } })).toEqual({});
  });
});

describe("storedAfterSave", () => {
  it("merges what was sent and forgets the nodes out of view, so a node that comes back is sent again", () => {
    const stored = storedAfterSave({ a: { x: 0, y: 0 }, b: { x: 1, y: 1 } }, { a: { x: 9, y: 9 } }, ["a"]);
    expect(stored).toEqual({ a: { x: 9, y: 9 } });
    expect(positionChanges({ a: { x: 9, y: 9 }, b: { x: 1, y: 1 } }, stored)).toEqual({ b: { x: 1, y: 1 } });
  });
});
