"use client";

import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Core } from "cytoscape";
import { AppHeader } from "@/components/AppHeader";
import { ExportMenu } from "@/components/snapshots/ExportMenu";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { positionedGraph } from "@/lib/graph/positions";
import { captureView } from "@/lib/snapshots/capture";
import type { SnapshotOrigin } from "@/lib/snapshots/model";
import { Legend } from "@/components/graph/Legend";
import { EntityPanel } from "@/components/panels/EntityPanel";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import { SearchBox } from "@/components/search/SearchBox";
import { errorMessage, neighboursApi, subgraphApi } from "@/lib/api-client";
import { MAX_VIEW_IDS, NEIGHBOUR_PAGE_SIZE } from "@/lib/api-schemas";
import { toElements } from "@/lib/graph/elements";
import type { GraphData } from "@/lib/graph/types";
import type { EntityType } from "@/lib/model/registry";
import { parseViewState, sameNodes, serializeViewState, withNodes, type ViewState } from "@/lib/view-state";
import { ViewList } from "./ViewList";

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-500">Loading the graph…</p>,
});

const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };
const EXPLORER_ORIGIN: SnapshotOrigin = { kind: "explorer" };

function splitKey(key: string): string[] {
  return key === "" ? [] : key.split(",");
}

/** A message that belongs to one view (one set of node ids): it disappears when the view changes. */
interface ViewMessage {
  key: string;
  text: string;
}

interface PendingExpansion {
  key: string;
  id: string;
  name: string;
  shown: number;
  total: number;
}

function keyOf(view: ViewState): string {
  return view.nodes.join(",");
}

/**
 * The explorer: search, graph, legend and details panel. The URL (`?nodes=...&selected=...`) says what is
 * on screen; every action computes the next URL, and the graph follows the URL. So reload, back/forward
 * and copied links all restore the same view.
 */
export function Explorer() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => parseViewState(searchParams), [searchParams]);
  const nodesKey = keyOf(view);

  const [loaded, setLoaded] = useState<{ key: string; graph: GraphData; missing: number }>({
    key: "",
    graph: EMPTY_GRAPH,
    missing: 0,
  });
  const [loadFailure, setLoadFailure] = useState<ViewMessage | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [actionError, setActionError] = useState<ViewMessage | null>(null);
  const [capNotice, setCapNotice] = useState<ViewMessage | null>(null);
  const [pending, setPending] = useState<PendingExpansion | null>(null);

  // Expansions finish after the user may have moved on: they read the latest view, and are cancelled by
  // "Clear graph" and by back/forward, so an old answer never brings back a view the user left.
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const expansions = useRef(new Set<AbortController>());
  const coreRef = useRef<Core | null>(null);
  const cancelExpansions = useCallback(() => {
    for (const controller of expansions.current) controller.abort();
    expansions.current.clear();
  }, []);
  useEffect(() => {
    window.addEventListener("popstate", cancelExpansions);
    return () => {
      window.removeEventListener("popstate", cancelExpansions);
      cancelExpansions();
    };
  }, [cancelExpansions]);

  const navigate = useCallback(
    (next: ViewState, mode: "push" | "replace" = "push") => {
      // The router updates the URL asynchronously; an expansion answering right after this one must build
      // on this view already, not on the one the URL still shows.
      viewRef.current = next;
      const query = serializeViewState(next);
      router[mode](query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  // The graph follows the URL's node list: fetch the subgraph whenever that set of ids changes.
  const upToDate = nodesKey === "" || sameNodes(view.nodes, splitKey(loaded.key));
  useEffect(() => {
    if (upToDate) return;
    const controller = new AbortController();
    subgraphApi(nodesKey.split(","), controller.signal)
      .then((data) => setLoaded({ key: nodesKey, graph: { nodes: data.nodes, edges: data.edges }, missing: data.missing.length }))
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setLoadFailure({ key: nodesKey, text: errorMessage(cause, "Could not load the graph.") });
      });
    return () => controller.abort();
  }, [nodesKey, upToDate, attempt]);

  const graph = nodesKey === "" ? EMPTY_GRAPH : loaded.graph;
  const failed = loadFailure?.key === nodesKey && !upToDate ? loadFailure.text : null;
  const loading = !upToDate && failed === null;
  const forThisView = <T extends { key: string }>(message: T | null): T | null => (message?.key === nodesKey ? message : null);
  const missing = loaded.key === nodesKey ? loaded.missing : 0;
  const notice =
    missing === 1 ? "1 entity in this link no longer exists." : missing > 1 ? `${missing} entities in this link no longer exist.` : null;

  const expand = useCallback(
    async (id: string, offset = 0) => {
      const controller = new AbortController();
      expansions.current.add(controller);
      try {
        const page = await neighboursApi(id, { limit: NEIGHBOUR_PAGE_SIZE, offset }, controller.signal);
        if (controller.signal.aborted) return;
        const wanted = [page.center.id, ...page.nodes.map((node) => node.id)];
        const next = { ...withNodes(viewRef.current, wanted), selected: id };
        const nextKey = keyOf(next);
        const dropped = wanted.filter((wantedId) => !next.nodes.includes(wantedId)).length;
        const shown = offset + page.nodes.length;
        setPending(shown < page.total ? { key: nextKey, id, name: page.center.name, shown, total: page.total } : null);
        setCapNotice(
          dropped > 0
            ? { key: nextKey, text: `A view holds at most ${MAX_VIEW_IDS} entities: ${dropped} more were not added.` }
            : null,
        );
        navigate(next);
      } catch (cause) {
        if (!controller.signal.aborted) {
          setActionError({ key: keyOf(viewRef.current), text: errorMessage(cause, "Could not expand this entity.") });
        }
      } finally {
        expansions.current.delete(controller);
      }
    },
    [navigate],
  );

  const select = useCallback(
    (id: string | null) => {
      if (id !== view.selected) navigate({ ...view, selected: id }, "replace");
    },
    [navigate, view],
  );

  const showEntity = useCallback(
    (id: string) => navigate({ ...withNodes(view, [id]), selected: id }),
    [navigate, view],
  );

  const shownPending = forThisView(pending);
  const shownCapNotice = forThisView(capNotice);
  const error = failed ?? forThisView(actionError)?.text ?? null;

  const elements = useMemo(() => toElements(graph), [graph]);
  const counts = useMemo(() => {
    const result: Partial<Record<EntityType, number>> = {};
    for (const node of graph.nodes) result[node.type] = (result[node.type] ?? 0) + 1;
    return result;
  }, [graph]);

  const selectedNode = graph.nodes.find((node) => node.id === view.selected);
  const shareTitle = graph.nodes.length > 0 ? `${graph.nodes[0]?.name ?? "Graph"} and ${graph.nodes.length - 1} more` : "Graph";
  const selectedEdge = selectedNode ? undefined : graph.edges.find((edge) => edge.id === view.selected);

  return (
    <div className="flex h-dvh flex-col bg-gray-50 text-gray-900">
      <AppHeader current="explorer">
        <h1 className="sr-only">Redstring explorer</h1>
        <SearchBox onPick={(hit) => void expand(hit.id)} />
        {view.nodes.length > 0 && (
          <button
            type="button"
            onClick={() => {
              cancelExpansions();
              navigate({ nodes: [], selected: null });
            }}
            className="rounded-md border border-gray-300 px-2.5 py-1.5 text-sm text-gray-700 hover:bg-gray-100"
          >
            Clear graph
          </button>
        )}
        {graph.nodes.length > 0 && (
          <span className="flex gap-2">
            <ShareDialog capture={() => (coreRef.current ? captureView(coreRef.current) : null)} origin={EXPLORER_ORIGIN} defaultTitle={shareTitle} />
            <ExportMenu title={shareTitle} getCore={() => coreRef.current} getGraph={() => positionedGraph(coreRef.current, graph)} />
          </span>
        )}
      </AppHeader>

      <main className="flex min-h-0 flex-1 flex-col md:flex-row">
        <section aria-label="Graph" className="flex min-h-[55vh] flex-1 flex-col md:min-h-0">
          <Legend counts={counts} />
          <div className="relative min-h-0 flex-1">
            {graph.nodes.length > 0 ? (
              <GraphCanvas
                elements={elements}
                selectedId={view.selected}
                onSelect={select}
                onExpand={(id) => void expand(id)}
                onCore={(cy) => {
                  coreRef.current = cy;
                }}
              />
            ) : (
              !loading && (
                <div className="flex h-full items-center justify-center p-6 text-center text-sm text-gray-600">
                  <p>
                    Search for a company, legislator, agency, report or event to start exploring.
                    <br />
                    The demo graph tells the story of Thermo Fisher and Xinjiang: try “thermo” or “rubio”.
                  </p>
                </div>
              )
            )}
            <div className="pointer-events-none absolute left-2 right-2 top-2 flex flex-col gap-2" aria-live="polite">
              {loading && <p className="pointer-events-auto w-fit rounded bg-white/90 px-2 py-1 text-xs text-gray-600 shadow">Loading…</p>}
              {error && (
                <p role="alert" className="pointer-events-auto w-fit rounded bg-red-50 px-2 py-1 text-sm text-red-800 shadow">
                  {error}{" "}
                  {failed && (
                    <button
                      type="button"
                      className="underline"
                      onClick={() => {
                        setLoadFailure(null);
                        setAttempt((count) => count + 1);
                      }}
                    >
                      Try again
                    </button>
                  )}
                </p>
              )}
              {notice && <p className="pointer-events-auto w-fit rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 shadow">{notice}</p>}
              {shownCapNotice && (
                <p className="pointer-events-auto w-fit rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 shadow">{shownCapNotice.text}</p>
              )}
              {shownPending && (
                <p className="pointer-events-auto w-fit rounded bg-white/95 px-2 py-1 text-sm text-gray-700 shadow">
                  Showing {shownPending.shown} of {shownPending.total} neighbours of {shownPending.name}.{" "}
                  <button
                    type="button"
                    className="text-red-800 underline"
                    onClick={() => void expand(shownPending.id, shownPending.shown)}
                  >
                    Add the next {Math.min(NEIGHBOUR_PAGE_SIZE, shownPending.total - shownPending.shown)}
                  </button>
                </p>
              )}
            </div>
          </div>
        </section>

        <aside
          aria-label="Details"
          className="max-h-[45vh] overflow-y-auto border-t border-gray-200 bg-white p-3 md:max-h-none md:w-96 md:border-l md:border-t-0"
        >
          {selectedNode && <EntityPanel entityId={selectedNode.id} onExpand={(id) => void expand(id)} onShowEntity={showEntity} />}
          {selectedEdge && (
            <RelationshipPanel
              edge={selectedEdge}
              from={graph.nodes.find((node) => node.id === selectedEdge.source)}
              to={graph.nodes.find((node) => node.id === selectedEdge.target)}
              onShowEntity={showEntity}
            />
          )}
          {!selectedNode && !selectedEdge && (
            <p className="text-sm text-gray-600">
              {graph.nodes.length > 0
                ? "Click a node or a link to see its details and sources. Double-click a node to expand it."
                : "Details of the selected entity or relationship appear here."}
            </p>
          )}
          {graph.nodes.length > 0 && <ViewList graph={graph} selectedId={view.selected} onSelect={select} />}
        </aside>
      </main>
    </div>
  );
}
