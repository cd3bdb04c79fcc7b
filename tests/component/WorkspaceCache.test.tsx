/**
 * A workspace left and opened again is read again: its autosave does not write the query cache, so a
 * cached copy would bring back the picture and the version it was first opened at (and its next save
 * would be refused as a conflict).
 */
import { render, screen } from "../support/render";
import { answer, serveRequests } from "../support/network";
import { useWorkspace } from "@/components/workspaces/hooks/useWorkspaces";
import { workspaceKeys } from "@/lib/client/keys/workspaces";
import { DEFAULT_FILTERS, type Workspace } from "@/lib/workspaces/model";

const ID = "AAAAAAAAAAAAAAAAAAAAAA";

const stored = (version: number): Workspace => ({
  id: ID,
  title: "Test workspace",
  ownerId: "u1",
  memberIds: [],
  nodeCount: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  version,
  nodes: ["a"],
  positions: { a: { x: version, y: 0 } },
  pinned: [],
  hidden: [],
  filters: DEFAULT_FILTERS,
  viewport: null,
  selected: null,
  canEdit: true,
});

function Opened() {
  const workspace = useWorkspace(ID);
  return <p>{workspace.data ? `version ${workspace.data.version}` : workspace.error ? String(workspace.error) : "opening"}</p>;
}

describe("useWorkspace", () => {
  it("reads the workspace again when it is opened again, not the copy from the first opening", async () => {
    let version = 4;
    const recorder = serveRequests(() => answer(200, stored(version)));
    const first = render(<Opened />);
    await screen.findByText("version 4");
    first.unmount();
    // Left: nothing of it stays in the cache once the page is gone.
    await vi.waitFor(() => expect(first.client.getQueryCache().find({ queryKey: workspaceKeys.one(ID) })).toBeUndefined());
    // Saved meanwhile (by this page's autosave, or elsewhere).
    version = 7;
    render(<Opened />, { client: first.client });
    await screen.findByText("version 7");
    expect(recorder).toHaveBeenCalledTimes(2);
  });
});
