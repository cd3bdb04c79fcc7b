/**
 * The query editor by role: everyone who may read opens and runs a saved query; saving, restoring a
 * version and running changed Cypher are for roles with queries:write. Without it the fields are read
 * only, Save is gone and the page says why. (CodeMirror and the result view are replaced by stand-ins.)
 */
import { render, screen, waitFor, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import type { QueryRunResult } from "@/lib/queries/execute";
import type { SavedQuery } from "@/lib/queries/model";
import { answer } from "../support/network";
import { REASONS, stubApiAs, type Who } from "../support/me";

const location = vi.hoisted(() => {
  let url = new URL("http://localhost/");
  const listeners = new Set<() => void>();
  return {
    get pathname() {
      return url.pathname;
    },
    get search() {
      return url.search;
    },
    go(path: string) {
      url = new URL(path, "http://localhost");
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
});

vi.mock("next/navigation", async () => {
  const React = await import("react");
  return {
    useRouter: () => ({ push: location.go, replace: location.go, refresh: () => {} }),
    usePathname: () => React.useSyncExternalStore(location.subscribe, () => location.pathname),
    useSearchParams: () => {
      const search = React.useSyncExternalStore(location.subscribe, () => location.search);
      return React.useMemo(() => new URLSearchParams(search), [search]);
    },
  };
});

vi.mock("@/components/queries/CypherInput", () => ({
  default: ({ value, onChange, readOnly }: { value: string; onChange: (value: string) => void; readOnly?: boolean }) => (
    <textarea aria-label="Cypher query" value={value} readOnly={readOnly} onChange={(event) => onChange(event.target.value)} />
  ),
}));

vi.mock("@/components/queries/QueryResultView", () => ({
  QueryResultView: ({ result }: { result: QueryRunResult }) => <p data-testid="result">{result.rowCount} rows</p>,
}));

const { QueryEditor } = await import("@/components/queries/QueryEditor");

const QUERY: SavedQuery = {
  id: "q-companies-0001",
  title: "Every company",
  description: "Lists companies.",
  tags: ["companies"],
  parameters: [],
  version: 2,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-02T00:00:00Z",
  deletedAt: null,
  cypher: "MATCH (c:Company) RETURN c",
  versions: [
    { version: 2, title: "Every company", createdAt: "2024-01-02T00:00:00Z", note: null },
    { version: 1, title: "Companies", createdAt: "2024-01-01T00:00:00Z", note: null },
  ],
};

const RESULT: QueryRunResult = {
  columns: ["c"],
  rows: [],
  rowCount: 3,
  truncated: false,
  graph: { nodes: [], edges: [] },
  graphTruncated: false,
  elapsedMs: 5,
  limits: { maxRows: 1000, maxGraphElements: 2000, timeoutMs: 10_000 },
};

function openEditorAs(who: Who, queryId: string | null = QUERY.id) {
  location.go(queryId ? `/queries/${queryId}` : "/queries/new");
  window.history.replaceState(null, "", location.pathname);
  const fetchMock = stubApiAs(who, (url) => {
    if (url.pathname === `/api/queries/${QUERY.id}`) return answer(200, QUERY);
    if (url.pathname === `/api/queries/${QUERY.id}/run`) return answer(200, { query: { id: QUERY.id, version: 2, title: QUERY.title }, result: RESULT });
    return undefined;
  });
  render(<QueryEditor queryId={queryId} />);
  return { user: userEvent.setup(), fetchMock };
}

const history = () => screen.getByRole("list", { name: "Versions" });

describe("QueryEditor and roles", () => {
  it("lets a viewer run a saved query, with no Save or Restore and the fields read-only", async () => {
    const { user, fetchMock } = openEditorAs("viewer");
    expect(await screen.findByText(REASONS.queriesWrite)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Save/ })).not.toBeInTheDocument();
    expect(within(history()).queryByRole("button", { name: /Restore/ })).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Title" })).toHaveAttribute("readonly");
    expect(await screen.findByRole("textbox", { name: "Cypher query" })).toHaveAttribute("readonly");

    const run = screen.getByRole("button", { name: "Run" });
    expect(run).toBeEnabled();
    await user.click(run);
    expect(await screen.findByTestId("result")).toHaveTextContent("3 rows");
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith(`/api/queries/${QUERY.id}/run`))).toBe(true);
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith("/api/run-query"))).toBe(false);
  });

  it("lets a signed-out visitor run a saved query and tells them to sign in to change it", async () => {
    const { user } = openEditorAs("signed out");
    const note = await screen.findByTestId("needs-permission");
    expect(note).toHaveTextContent("Sign in to write or change queries.");
    expect(within(note).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?next=${encodeURIComponent(`/queries/${QUERY.id}`)}`);
    expect(screen.queryByRole("button", { name: /^Save/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Run" }));
    expect(await screen.findByTestId("result")).toBeInTheDocument();
  });

  it("does not let a viewer run draft Cypher on a new query, and says why next to Run", async () => {
    openEditorAs("viewer", null);
    const run = await screen.findByRole("button", { name: "Run", description: REASONS.queriesWrite });
    expect(run).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Save" })).not.toBeInTheDocument();
    expect(await screen.findByRole("textbox", { name: "Cypher query" })).toHaveAttribute("readonly");
  });

  it("gives an analyst Save, Restore and draft runs", async () => {
    const { user } = openEditorAs("analyst");
    await waitFor(() => expect(within(history()).getByRole("button", { name: "Restore version 1" })).toBeEnabled());
    const save = screen.getByRole("button", { name: "Save new version" });
    expect(save).toBeDisabled(); // nothing changed yet
    await user.type(screen.getByRole("textbox", { name: "Title" }), " (edited)");
    expect(save).toBeEnabled();
    expect(screen.getByRole("button", { name: "Run" })).toBeEnabled();
    expect(screen.getByText(/Runs the unsaved text/)).toBeInTheDocument();
    expect(screen.queryByTestId("needs-permission")).not.toBeInTheDocument();
  });
});
