/**
 * The explorer's editor panel: which form each editor state shows, and what it tells the explorer after a
 * save (entities to add to the view, to select, to drop). The forms themselves: EditingForms*.test.tsx.
 */
import { render, screen } from "../support/render";
import userEvent from "@testing-library/user-event";
import { EditorPanel, type EditOutcome, type EditorState } from "@/components/explorer/EditorPanel";
import type { GraphData } from "@/lib/graph/types";
import { answer, serveRequests } from "../support/network";

const GRAPH: GraphData = {
  nodes: [
    { id: "company-acme", type: "Company", name: "Acme Corp", properties: { name: "Acme Corp", updatedAt: "2024-05-02T11:00:00.000Z" } },
    { id: "agency-health", type: "Agency", name: "Health Agency", properties: { name: "Health Agency" } },
  ],
  edges: [
    {
      id: "rel-supplied",
      type: "SUPPLIED",
      source: "company-acme",
      target: "agency-health",
      properties: { product: "PPE" },
      sources: [{ id: "report-a", name: "Audit A", publisher: null, url: null, publishedAt: null }],
      quote: null,
    },
  ],
};

function setup(editor: EditorState, respond: (url: URL) => Response) {
  const fetchMock = serveRequests(respond);
  const onDone = vi.fn<(outcome: EditOutcome) => void>();
  const onCancel = vi.fn();
  const { container } = render(<EditorPanel editor={editor} graph={GRAPH} onDone={onDone} onCancel={onCancel} />);
  return { fetchMock, onDone, onCancel, container, user: userEvent.setup({ delay: null }) };
}

describe("EditorPanel", { timeout: 20_000 }, () => {
  it("adds and selects a new entity", async () => {
    const result = { id: "person-jane", change: null };
    const { onDone, user } = setup({ kind: "new-entity" }, () => answer(201, result));
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Person");
    await user.type(screen.getByRole("textbox", { name: /^Name ?\*$/ }), "Jane");
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(onDone).toHaveBeenCalledWith({ result, add: ["person-jane"], select: "person-jane", remove: [] });
  });

  it("edits a loaded entity and keeps it selected", async () => {
    const result = { id: "company-acme", change: null };
    const { onDone, user } = setup({ kind: "edit-entity", id: "company-acme" }, () => answer(200, result));
    expect(screen.getByRole("form", { name: "Edit Acme Corp" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(onDone).toHaveBeenCalledWith({ result, add: [], select: "company-acme", remove: [] });
  });

  it("edits a loaded relationship, naming its ends from the graph", async () => {
    const result = { id: "rel-supplied", change: null };
    const { onDone, user } = setup({ kind: "edit-relationship", id: "rel-supplied" }, () => answer(200, result));
    expect(screen.getByRole("form", { name: "Edit relationship" })).toHaveTextContent("Acme Corp supplied Health Agency");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(onDone).toHaveBeenCalledWith({ result, add: [], select: "rel-supplied", remove: [] });
  });

  it("drops a deleted entity from the view", async () => {
    const result = { id: "company-acme", change: null };
    const { onDone, user } = setup({ kind: "delete-entity", id: "company-acme" }, (url) =>
      url.pathname.endsWith("/deletion")
        ? answer(200, { entity: { id: "company-acme", type: "Company", name: "Acme Corp" }, relationships: [], citing: 0, uncited: [] })
        : answer(200, result),
    );
    await screen.findByText("It has no relationships.");
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(onDone).toHaveBeenCalledWith({ result, add: [], select: null, remove: ["company-acme"] });
  });

  it("after a merge, shows the one that stays and drops the other", async () => {
    const result = { id: "company-acme", change: null };
    const { onDone, user } = setup({ kind: "merge", id: "company-acme" }, (url) =>
      url.pathname === "/api/search"
        ? answer(200, { results: [{ id: "company-acme-2", type: "Company", name: "Acme Corporation", description: null, context: [], datasets: [], score: 1 }] })
        : answer(200, result),
    );
    await user.type(screen.getByRole("combobox", { name: "Duplicate company" }), "acme");
    await user.click(await screen.findByRole("option", { name: /^Acme Corporation/ }));
    await user.click(screen.getByRole("button", { name: "Merge" }));
    expect(onDone).toHaveBeenCalledWith({ result, add: ["company-acme"], select: "company-acme", remove: ["company-acme-2"] });
  });

  it("offers duplicates of the same kind, whatever their type: an agency may be the company recorded another way", async () => {
    const { fetchMock, user } = setup({ kind: "merge", id: "company-acme" }, (url) =>
      url.pathname === "/api/search"
        ? answer(200, {
            results: [
              { id: "agency-acme", type: "Agency", name: "Acme Agency", description: null, context: [], datasets: [], score: 1 },
              { id: "report-acme", type: "Report", name: "Acme Report", description: null, context: [], datasets: [], score: 0.9 },
            ],
          })
        : answer(500, {}),
    );
    await user.type(screen.getByRole("combobox", { name: "Duplicate company" }), "acme");
    expect(await screen.findByRole("option", { name: /^Acme Agency/ })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: /^Acme Report/ })).not.toBeInTheDocument();
    const searched = fetchMock.mock.calls.map(([path]) => new URL(String(path), window.location.href)).find((url) => url.pathname === "/api/search");
    expect(searched?.searchParams.get("type")).toBeNull();
  });

  it("shows nothing for an entity or relationship the explorer has not loaded", () => {
    for (const editor of [
      { kind: "edit-entity", id: "person-gone" },
      { kind: "add-relationship", id: "person-gone" },
      { kind: "edit-relationship", id: "rel-gone" },
      { kind: "merge", id: "person-gone" },
    ] as EditorState[]) {
      const { container, fetchMock } = setup(editor, () => answer(500, {}));
      expect(container).toBeEmptyDOMElement();
      expect(fetchMock).not.toHaveBeenCalled();
    }
  });

  it("cancels", async () => {
    const { onCancel, onDone, user } = setup({ kind: "add-relationship", id: "company-acme" }, () => answer(500, {}));
    expect(screen.getByRole("heading", { name: "Add a relationship to Acme Corp" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onDone).not.toHaveBeenCalled();
  });
});
