/**
 * The explorer's URL-driven state, with the router and the Cytoscape canvas replaced by small stand-ins
 * (the canvas is covered end to end in Chromium). What matters here: answers that arrive late never
 * undo what the user did meanwhile.
 */
import { act, render, screen, waitFor } from "../support/render";
import userEvent from "@testing-library/user-event";
import type { GraphNode, NeighbourPage } from "@/lib/graph/types";
import { answer, serveRequests } from "../support/network";

const location = vi.hoisted(() => {
  let url = new URL("http://localhost/");
  const listeners = new Set<() => void>();
  return {
    get search() {
      return url.search;
    },
    nodes() {
      return (url.searchParams.get("nodes") ?? "").split(",").filter(Boolean).sort();
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
    useRouter: () => ({ push: location.go, replace: location.go }),
    usePathname: () => "/",
    useSearchParams: () => {
      const search = React.useSyncExternalStore(location.subscribe, () => location.search);
      return React.useMemo(() => new URLSearchParams(search), [search]);
    },
  };
});

vi.mock("@/components/graph/GraphCanvas", () => ({
  default: ({ elements, onExpand }: { elements: { nodes: { data: { id: string } }[] }; onExpand: (id: string) => void }) => (
    <ul aria-label="Graph stand-in">
      {elements.nodes.map(({ data }) => (
        <li key={data.id}>
          <button type="button" onClick={() => onExpand(data.id)}>
            expand {data.id}
          </button>
        </li>
      ))}
    </ul>
  ),
}));

const { Explorer } = await import("@/components/explorer/Explorer");

const node = (id: string): GraphNode => ({ id, type: "Company", name: `Company ${id}`, properties: {} });

function page(center: string, neighbours: string[]): NeighbourPage {
  return { center: node(center), total: neighbours.length, offset: 0, limit: 50, nodes: neighbours.map(node), edges: [] };
}

/** A signed-out visitor on an instance with public reading: no editing, no History. */
const SIGNED_OUT_READER = { user: null, permissions: ["graph:read"], needsSetup: false };

/** /api/graph as the server answers it: every id asked for exists. */
function subgraphAnswer(url: URL): Response {
  const ids = (url.searchParams.get("ids") ?? "").split(",");
  return answer(200, { nodes: ids.map(node), edges: [], missing: [] });
}

/**
 * Answers /api/graph at once; neighbour requests made by "expand" wait until released. Records which of
 * them the explorer cancelled (their request's signal aborted), as the network sees it.
 */
function stubApi() {
  const waiting = new Map<string, (response: Response) => void>();
  const cancelled = new Set<string>();
  serveRequests((url, request) => {
    if (url.pathname === "/api/auth/me") return answer(200, SIGNED_OUT_READER);
    if (url.pathname === "/api/graph") return subgraphAnswer(url);
    const center = url.pathname.split("/")[3] ?? "";
    if (!url.searchParams.has("offset")) return answer(200, page(center, [])); // the details panel
    request.signal.addEventListener("abort", () => cancelled.add(center));
    return new Promise<Response>((resolve) => waiting.set(center, resolve));
  });
  return {
    release(center: string, neighbours: string[]) {
      act(() => waiting.get(center)?.(answer(200, page(center, neighbours))));
    },
    cancelled: () => [...cancelled],
  };
}

/** Opens the explorer at a URL, as a user with a mouse and keyboard. */
function openExplorerAt(path: string) {
  location.go(path);
  const user = userEvent.setup();
  render(<Explorer />);
  return user;
}

/** Asks to expand a, then b, before either answers. */
async function expandAThenB(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "expand a" }));
  await user.click(screen.getByRole("button", { name: "expand b" }));
}

describe("Explorer", () => {
  it("shows the entities listed in the URL", async () => {
    stubApi();
    openExplorerAt("/?nodes=a,b");
    expect(await screen.findByRole("button", { name: "expand a" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "expand b" })).toBeInTheDocument();
  });

  it("does not bring back a cleared graph when an expansion answers late", async () => {
    const api = stubApi();
    const user = openExplorerAt("/?nodes=a");
    await user.click(await screen.findByRole("button", { name: "expand a" }));
    await user.click(screen.getByRole("button", { name: "Clear graph" }));
    expect(location.nodes()).toEqual([]);

    // Clearing cancels the expansion's request, so its late answer cannot reach the explorer: wait for that
    // cancellation (an event) instead of waiting a while after the answer.
    await waitFor(() => expect(api.cancelled()).toEqual(["a"]));
    api.release("a", ["n1", "n2"]);
    expect(location.nodes()).toEqual([]);
  });

  it("keeps both expansions when two are under way at once", async () => {
    const api = stubApi();
    await expandAThenB(openExplorerAt("/?nodes=a,b"));

    api.release("a", ["a1"]);
    await waitFor(() => expect(location.nodes()).toContain("a1"));
    api.release("b", ["b1"]);
    await waitFor(() => expect(location.nodes()).toEqual(["a", "a1", "b", "b1"]));
  });

  it("offers to try again when the graph cannot be loaded, and then loads it", async () => {
    let failures = 1;
    serveRequests((url) => {
      if (url.pathname === "/api/auth/me") return answer(200, SIGNED_OUT_READER);
      if (url.pathname === "/api/graph" && failures-- > 0) return answer(503, { error: "The graph database is not reachable right now." });
      return subgraphAnswer(url);
    });
    const user = openExplorerAt("/?nodes=a");
    expect(await screen.findByRole("alert")).toHaveTextContent("not reachable");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("button", { name: "expand a" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("keeps both expansions when they answer in the same moment", async () => {
    const api = stubApi();
    await expandAThenB(openExplorerAt("/?nodes=a,b"));
    act(() => {
      api.release("a", ["a1"]);
      api.release("b", ["b1"]);
    });
    await waitFor(() => expect(location.nodes()).toEqual(["a", "a1", "b", "b1"]));
  });

  it("adds an expanded page to the view without reading the whole view again", async () => {
    const recorder = serveRequests((url) => {
      if (url.pathname === "/api/auth/me") return answer(200, SIGNED_OUT_READER);
      if (url.pathname === "/api/graph") return subgraphAnswer(url);
      const center = url.pathname.split("/")[3] ?? "";
      return answer(200, { ...page(center, url.searchParams.has("offset") ? [`${center}1`, `${center}2`] : []), links: [] });
    });
    const user = openExplorerAt("/?nodes=a,b");
    await user.click(await screen.findByRole("button", { name: "expand a" }));
    expect(await screen.findByRole("button", { name: "expand a2" })).toBeInTheDocument();
    expect(location.nodes()).toEqual(["a", "a1", "a2", "b"]);
    const paths = recorder.mock.calls.map(([path]) => new URL(path, "http://localhost"));
    // One read of the view when the page opened; the expansion asked for its page with the view it adds to.
    expect(paths.filter((path) => path.pathname === "/api/graph")).toHaveLength(1);
    const expansion = paths.find((path) => path.pathname === "/api/entities/a/neighbours" && path.searchParams.has("offset"));
    expect(expansion?.searchParams.get("within")?.split(",").sort()).toEqual(["a", "b"]);
  });
});
