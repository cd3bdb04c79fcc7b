/**
 * Deleting a workspace from /workspaces asks first, in the page: the confirmation's "Delete workspace"
 * deletes it (DELETE /api/workspaces/{id}, then the list reloads); Cancel and Escape delete nothing and
 * give focus back to the row's Delete button.
 */
import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import type { WorkspaceSummary } from "@/lib/workspaces/model";
import { answer } from "../support/network";
import { stubApiAs } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/workspaces",
  useSearchParams: () => new URLSearchParams(),
}));

const { WorkspaceList } = await import("@/components/workspaces/WorkspaceList");

const KEPT: WorkspaceSummary = {
  id: "AAAAAAAAAAAAAAAAAAAAAA",
  title: "Rubio and Thermo Fisher",
  ownerId: "user-analyst",
  memberIds: [],
  nodeCount: 3,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-02T00:00:00Z",
  version: 2,
};

function openList() {
  let workspaces = [KEPT];
  const fetchMock = stubApiAs("analyst", (url) => {
    if (url.pathname === "/api/workspaces") return answer(200, { workspaces });
    if (url.pathname === `/api/workspaces/${KEPT.id}`) {
      workspaces = [];
      return answer(200, { deleted: KEPT.id });
    }
    return undefined;
  });
  render(<WorkspaceList />);
  return { user: userEvent.setup(), fetchMock };
}

const deletions = (fetchMock: ReturnType<typeof openList>["fetchMock"]) => fetchMock.mock.calls.filter(([, init]) => init.method === "DELETE");

describe("WorkspaceList's delete", () => {
  it("deletes the workspace once the confirmation's Delete workspace is pressed", async () => {
    const { user, fetchMock } = openList();
    await user.click(await screen.findByRole("button", { name: `Delete ${KEPT.title}` }));
    const ask = screen.getByRole("dialog", { name: `Delete “${KEPT.title}”?` });
    expect(ask).toHaveTextContent("Its link will stop working. The entities themselves stay.");
    expect(deletions(fetchMock)).toHaveLength(0);
    await user.click(within(ask).getByRole("button", { name: "Delete workspace" }));
    expect(await screen.findByText(/No workspaces yet/)).toBeInTheDocument();
    expect(deletions(fetchMock).map(([path]) => path)).toEqual([`/api/workspaces/${KEPT.id}`]);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("deletes nothing on Cancel or Escape, and gives focus back to Delete", async () => {
    const { user, fetchMock } = openList();
    const remove = await screen.findByRole("button", { name: `Delete ${KEPT.title}` });
    await user.click(remove);
    const ask = screen.getByRole("dialog", { name: `Delete “${KEPT.title}”?` });
    expect(within(ask).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(remove).toHaveFocus();

    await user.keyboard("{Enter}");
    expect(screen.getByRole("dialog", { name: `Delete “${KEPT.title}”?` })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(remove).toHaveFocus();
    expect(screen.getByRole("link", { name: KEPT.title })).toBeInTheDocument();
    expect(deletions(fetchMock)).toHaveLength(0);
  });
});
