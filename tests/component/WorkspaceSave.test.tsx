/**
 * A workspace's autosave as the reader sees it: a change on the canvas or in the view is saved after a
 * pause, from the version last saved, with "Saving…" then "Saved"; a 409 says so and offers to reload; a
 * read-only workspace says it is. The canvas is a real (headless) Cytoscape; the API is answered over HTTP.
 */
import cytoscape, { type Core } from "cytoscape";
import { useEffect, useReducer } from "react";
import { act, render, screen } from "../support/render";
import { answer, serveRequests } from "../support/network";
import { INITIAL_EXPLORER_STATE, explorerReducer } from "@/components/explorer/state/reducer";
import { SaveStatus } from "@/components/workspaces/SaveStatus";
import { useWorkspaceView, withStoredPositions } from "@/components/workspaces/hooks/useWorkspaceView";
import { workspaceKeys } from "@/lib/client/keys/workspaces";
import { DEFAULT_FILTERS, type Workspace, type UpdateWorkspaceInput } from "@/lib/workspaces/model";

const workspace = (canEdit = true): Workspace => ({
  id: "AAAAAAAAAAAAAAAAAAAAAA",
  title: "Test workspace",
  ownerId: "u1",
  memberIds: [],
  nodeCount: 2,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  version: 4,
  nodes: ["a", "b"],
  positions: { a: { x: 0, y: 0 }, b: { x: 100, y: 50 } },
  pinned: [],
  hidden: [],
  filters: DEFAULT_FILTERS,
  viewport: { zoom: 1.25, pan: { x: 10, y: 20 } },
  selected: null,
  canEdit,
});

let core: Core;
// The workspace each test opens; the canvas is built from its positions the way the explorer builds it.
let opened: Workspace;

/** The hook with its status, a real headless canvas, and a button that hides a node (a change of the view). */
function Harness({ opened }: { opened: Workspace }) {
  const [, dispatch] = useReducer(explorerReducer, INITIAL_EXPLORER_STATE);
  const { url, status, attach, retry } = useWorkspaceView(opened, dispatch);
  useEffect(() => attach(core), [attach]);
  return (
    <>
      <SaveStatus status={status} onRetry={() => void retry()} onReload={() => undefined} />
      <button type="button" onClick={() => url.setControls({ hidden: ["b"] })}>
        hide b
      </button>
    </>
  );
}

const canvasNode = (id: string) => ({ data: { id, label: id, short: id, type: "Company", color: "#000000", shape: "ellipse" } });

beforeEach(() => {
  opened = workspace();
  core = cytoscape({
    headless: true,
    // The stored positions as given (Cytoscape's default layout would put every node at 0,0).
    layout: { name: "preset" },
    elements: withStoredPositions({ nodes: ["a", "b"].map(canvasNode), edges: [] }, opened.positions),
  });
});

/** Resolves once the stored viewport is back on the canvas (the hook restores it, then counts changes). */
async function restored() {
  await vi.waitFor(() => expect(core.zoom()).toBe(1.25));
  await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

describe("workspace autosave", () => {
  it("saves a change after a pause, from the version it was opened at, then from the saved one", async () => {
    const saves: UpdateWorkspaceInput[] = [];
    const recorder = serveRequests((url) => {
      // The body as the component sent it (the recorder read it already).
      const body = JSON.parse(recorder.mock.calls.at(-1)?.[1].body ?? "{}") as UpdateWorkspaceInput;
      saves.push(body);
      expect(url.pathname).toBe(`/api/workspaces/${workspace().id}`);
      return answer(200, { ...workspace(), version: body.version + 1 });
    });
    const { client } = render(<Harness opened={opened} />);
    // The list of workspaces as /workspaces last read it: a save makes it stale (its times and sizes changed).
    client.setQueryData(workspaceKeys.list(), []);
    expect(screen.getByRole("status")).toHaveTextContent("Saved");
    await restored();
    act(() => screen.getByRole("button", { name: "hide b" }).click());
    expect(screen.getByRole("status")).toHaveTextContent("Changes not saved yet");
    await screen.findByText("Saved", undefined, { timeout: 5_000 });
    expect(saves).toHaveLength(1);
    expect(saves[0]?.version).toBe(4);
    expect(saves[0]?.hidden).toEqual(["b"]);
    // Nothing moved and the same entities are in view: neither is sent again.
    expect(saves[0]?.positions).toBeUndefined();
    expect(saves[0]?.nodes).toBeUndefined();
    expect(client.getQueryState(workspaceKeys.list())?.isInvalidated).toBe(true);
    // A node dragged on the canvas is the next change, saved from version 5.
    act(() => {
      core.getElementById("a").position({ x: -30, y: 12 });
      core.getElementById("a").emit("dragfree");
    });
    await vi.waitFor(() => expect(saves).toHaveLength(2), { timeout: 5_000 });
    expect(saves[1]?.version).toBe(5);
    // Only the node that moved (Cytoscape moves the point object it was given: the hook's record of
    // what the server holds must not move with it, or the drag is never sent).
    expect(saves[1]?.positions).toEqual({ a: { x: -30, y: 12 } });
    await screen.findByText("Saved", undefined, { timeout: 5_000 });
  });

  it("says when someone saved it elsewhere (409) and offers to reload", async () => {
    serveRequests(() => answer(409, { error: "This workspace was saved elsewhere since you opened it. Reload it to see the latest picture." }));
    render(<Harness opened={workspace()} />);
    await restored();
    act(() => screen.getByRole("button", { name: "hide b" }).click());
    const alert = await screen.findByRole("alert", undefined, { timeout: 5_000 });
    expect(alert).toHaveTextContent("saved elsewhere");
    expect(screen.getByRole("button", { name: "Reload the workspace" })).toBeInTheDocument();
  });

  it("saves nothing of a workspace the reader does not own", async () => {
    const recorder = serveRequests(() => answer(500, {}));
    render(<Harness opened={workspace(false)} />);
    expect(screen.getByRole("status")).toHaveTextContent("Read-only");
    await restored();
    act(() => screen.getByRole("button", { name: "hide b" }).click());
    expect(screen.getByRole("status")).toHaveTextContent("Read-only");
    expect(recorder).not.toHaveBeenCalled();
  });
});
