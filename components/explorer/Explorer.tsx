"use client";

import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Core } from "cytoscape";
import { HeaderExtras } from "@/components/AppFrame";
import { ExportMenu } from "@/components/snapshots/ExportMenu";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { positionedGraph } from "@/lib/graph/positions";
import { captureView } from "@/lib/snapshots/capture";
import { countBy, datedEvents, parseControls, parseViewState, sameNodes, serializeViewState, visibility, withNodes, type ViewControls, type ViewState } from "@/lib/explore/view-state";
import { LAYOUTS, LAYOUT_LABELS, type LayoutName } from "@/lib/graph/layouts";
import type { SnapshotOrigin } from "@/lib/snapshots/model";
import { EntityPanel } from "@/components/panels/EntityPanel";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import { SearchBox } from "@/components/search/SearchBox";
import { entityApi, errorMessage, neighbourSummaryApi, neighboursApi, subgraphApi } from "@/lib/api-client";
import type { NeighbourSummary } from "@/lib/explore/neighbour-summary";
import type { PathsResult } from "@/lib/explore/paths";
import { MAX_VIEW_IDS, NEIGHBOUR_PAGE_SIZE } from "@/lib/api-schemas";
import { toElements } from "@/lib/graph/elements";
import type { GraphData } from "@/lib/graph/types";
import type { EntityType, RelationshipType } from "@/lib/model/registry";
import { canFrom, useMe } from "@/lib/auth/client";
import { ContextMenu, type MenuAction } from "./ContextMenu";
import { EditorPanel, type EditOutcome, type EditorState } from "./EditorPanel";
import { ExpandChooser, type ExpandChoice } from "./ExpandChooser";
import { PathFinder, type PathEnd } from "./PathFinder";
import { FilterBar } from "./FilterBar";
import { ListView } from "./ListView";
import { ShortcutHelp } from "./ShortcutHelp";
import { Timeline } from "./Timeline";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-500">Loading the graph…</p>,
});

const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };
const EXPLORER_ORIGIN: SnapshotOrigin = { kind: "explorer" };
/** Expanding a node with more neighbours than this asks the reader what to add. */
const BIG_NEIGHBOURHOOD = NEIGHBOUR_PAGE_SIZE;

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

  const [loaded, setLoaded] = useState<{ key: string; revision: number; graph: GraphData; missing: number }>({
    key: "",
    revision: 0,
    graph: EMPTY_GRAPH,
    missing: 0,
  });
  // Bumped after every edit or revert: the graph and the panel read the database again.
  const [revision, setRevision] = useState(0);
  const [editor, setEditor] = useState<EditorState | null>(null);
  const me = useMe();
  const canEdit = canFrom(me, "graph:edit").allowed;
  const canReadHistory = canFrom(me, "changes:read").allowed;
  const [loadFailure, setLoadFailure] = useState<ViewMessage | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [actionError, setActionError] = useState<ViewMessage | null>(null);
  const [capNotice, setCapNotice] = useState<ViewMessage | null>(null);
  const [pending, setPending] = useState<PendingExpansion | null>(null);
  const [chooser, setChooser] = useState<{ id: string; name: string; summary: NeighbourSummary } | null>(null);
  const [pathEnds, setPathEnds] = useState<{ from: PathEnd | null; to: PathEnd | null }>({ from: null, to: null });

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

  const controls = useMemo(() => parseControls(searchParams), [searchParams]);
  const controlsRef = useRef(controls);
  useEffect(() => {
    controlsRef.current = controls;
  }, [controls]);
  // Undo and redo walk through earlier URLs of this session: every exploration step is a URL.
  const [history, setHistory] = useState<{ undo: string[]; redo: string[] }>({ undo: [], redo: [] });
  const currentQuery = searchParams.toString();

  const go = useCallback(
    (query: string, mode: "push" | "replace") => router[mode](query ? `${pathname}?${query}` : pathname, { scroll: false }),
    [router, pathname],
  );

  const navigate = useCallback(
    (next: ViewState, mode: "push" | "replace" = "push", nextControls?: ViewControls) => {
      // The router updates the URL asynchronously; an expansion answering right after this one must build
      // on this view already, not on the one the URL still shows.
      viewRef.current = next;
      if (nextControls) controlsRef.current = nextControls;
      const query = serializeViewState(next, controlsRef.current);
      if (mode === "push" && query !== currentQuery) {
        setHistory((past) => ({ undo: [...past.undo.slice(-99), currentQuery], redo: [] }));
      }
      go(query, mode);
    },
    [go, currentQuery],
  );

  const setControls = useCallback(
    (change: Partial<ViewControls>, mode: "push" | "replace" = "push") =>
      navigate(viewRef.current, mode, { ...controlsRef.current, ...change }),
    [navigate],
  );

  const undo = useCallback(() => {
    const previous = history.undo[history.undo.length - 1];
    if (previous === undefined) return;
    cancelExpansions();
    setHistory({ undo: history.undo.slice(0, -1), redo: [...history.redo, currentQuery] });
    go(previous, "push");
  }, [history, currentQuery, go, cancelExpansions]);

  const redo = useCallback(() => {
    const next = history.redo[history.redo.length - 1];
    if (next === undefined) return;
    cancelExpansions();
    setHistory({ undo: [...history.undo, currentQuery], redo: history.redo.slice(0, -1) });
    go(next, "push");
  }, [history, currentQuery, go, cancelExpansions]);

  // The graph follows the URL's node list: fetch the subgraph whenever that set of ids changes.
  const upToDate = nodesKey === "" || (sameNodes(view.nodes, splitKey(loaded.key)) && loaded.revision === revision);
  useEffect(() => {
    if (upToDate) return;
    const controller = new AbortController();
    subgraphApi(nodesKey.split(","), controller.signal)
      .then((data) => setLoaded({ key: nodesKey, revision, graph: { nodes: data.nodes, edges: data.edges }, missing: data.missing.length }))
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setLoadFailure({ key: nodesKey, text: errorMessage(cause, "Could not load the graph.") });
      });
    return () => controller.abort();
  }, [nodesKey, upToDate, attempt, revision]);

  // While an edit reloads the same entities, the previous graph stays on screen.
  const graph = nodesKey === "" ? EMPTY_GRAPH : loaded.graph;
  const failed = loadFailure?.key === nodesKey && !upToDate ? loadFailure.text : null;
  const loading = !upToDate && failed === null;
  const forThisView = <T extends { key: string }>(message: T | null): T | null => (message?.key === nodesKey ? message : null);
  const missing = loaded.key === nodesKey ? loaded.missing : 0;
  const notice =
    missing === 1 ? "1 entity in this link no longer exists." : missing > 1 ? `${missing} entities in this link no longer exist.` : null;

  const expand = useCallback(
    async (id: string, offset = 0, choice?: ExpandChoice) => {
      const controller = new AbortController();
      expansions.current.add(controller);
      try {
        // A first expansion asks what the node is connected to; a big neighbourhood is the reader's choice.
        if (offset === 0 && !choice) {
          const summary = await neighbourSummaryApi(id, controller.signal);
          if (controller.signal.aborted) return;
          if (summary.total > BIG_NEIGHBOURHOOD) {
            const name = (await entityApi(id, controller.signal)).entity.name;
            if (!controller.signal.aborted) setChooser({ id, name, summary });
            return;
          }
        }
        const page = choice
          ? await neighboursApi(id, { limit: choice.limit, type: choice.type, relationship: choice.relationship, order: "degree" }, controller.signal)
          : await neighboursApi(id, { limit: NEIGHBOUR_PAGE_SIZE, offset }, controller.signal);
        if (controller.signal.aborted) return;
        const wanted = [page.center.id, ...page.nodes.map((node) => node.id)];
        const next = { ...withNodes(viewRef.current, wanted), selected: id };
        const nextKey = keyOf(next);
        const dropped = wanted.filter((wantedId) => !next.nodes.includes(wantedId)).length;
        const shown = offset + page.nodes.length;
        setPending(!choice && shown < page.total ? { key: nextKey, id, name: page.center.name, shown, total: page.total } : null);
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

  /** After a saved edit: show what it added, drop what it deleted, select what it made, read everything again. */
  const afterEdit = useCallback(
    ({ result, add, select: selectId, remove }: EditOutcome) => {
      setEditor(null);
      setRevision((count) => count + 1);
      const current = viewRef.current;
      const kept = { ...current, nodes: current.nodes.filter((id) => !remove.includes(id)) };
      const next = add.length > 0 ? withNodes(kept, add) : kept;
      // A relationship that already existed was not made twice: say where its new sources went.
      if (result.existing) {
        const text = result.change ? "That relationship already existed: its new sources were added to it." : "That relationship already existed with these sources.";
        setCapNotice({ key: keyOf(next), text });
      }
      navigate({ ...next, selected: selectId ?? (remove.includes(current.selected ?? "") ? null : current.selected) });
    },
    [navigate],
  );
  const afterRevert = useCallback(() => setRevision((count) => count + 1), []);

  const shownPending = forThisView(pending);
  const shownCapNotice = forThisView(capNotice);
  const error = failed ?? forThisView(actionError)?.text ?? null;

  const elements = useMemo(() => toElements(graph), [graph]);
  const entityCounts = useMemo(() => countBy(graph.nodes), [graph]);
  const relationshipCounts = useMemo(() => countBy(graph.edges), [graph]);
  const events = useMemo(() => datedEvents(graph), [graph]);
  const { hiddenNodes, hiddenEdges } = useMemo(() => visibility(graph, controls), [graph, controls]);
  const hiddenIds = useMemo(() => new Set([...hiddenNodes, ...hiddenEdges]), [hiddenNodes, hiddenEdges]);
  const pinnedIds = useMemo(() => new Set(controls.pinned), [controls.pinned]);
  const visibleGraph = useMemo(
    () => ({ nodes: graph.nodes.filter((node) => !hiddenNodes.has(node.id)), edges: graph.edges.filter((edge) => !hiddenEdges.has(edge.id)) }),
    [graph, hiddenNodes, hiddenEdges],
  );

  // Highlights: a path found for this view, or the event under the pointer on the timeline.
  const [pathHighlight, setPathHighlight] = useState<{ key: string; ids: string[] } | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const highlightIds = useMemo(
    () => new Set([...(forThisView(pathHighlight)?.ids ?? []), ...(hovered ? [hovered] : [])]),
    // forThisView reads nodesKey, which is listed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pathHighlight, hovered, nodesKey],
  );

  const [layoutRun, setLayoutRun] = useState(0);
  const [menu, setMenu] = useState<{ id: string; point: { x: number; y: number } } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  const toggleIn = <T,>(values: readonly T[], value: T): T[] => (values.includes(value) ? values.filter((item) => item !== value) : [...values, value]);
  const hideNode = useCallback((id: string) => setControls({ hidden: toggleIn(controlsRef.current.hidden, id) }), [setControls]);
  const pinNode = useCallback((id: string) => setControls({ pinned: toggleIn(controlsRef.current.pinned, id) }, "replace"), [setControls]);
  const removeNode = useCallback(
    (id: string) => {
      const current = viewRef.current;
      const rest = controlsRef.current;
      navigate(
        { nodes: current.nodes.filter((nodeId) => nodeId !== id), selected: current.selected === id ? null : current.selected },
        "push",
        { ...rest, hidden: rest.hidden.filter((item) => item !== id), pinned: rest.pinned.filter((item) => item !== id) },
      );
    },
    [navigate],
  );
  const showPaths = useCallback(
    (result: PathsResult) => {
      const ids = result.graph.nodes.map((node) => node.id);
      const next = { ...withNodes(viewRef.current, ids), selected: null };
      const dropped = ids.filter((id) => !next.nodes.includes(id)).length;
      setPathHighlight({ key: keyOf(next), ids: result.paths.flatMap((path) => [...path.nodes, ...path.edges]) });
      if (dropped > 0) setCapNotice({ key: keyOf(next), text: `A view holds at most ${MAX_VIEW_IDS} entities: ${dropped} on these paths were not added.` });
      // Entities on the path must be visible, whatever the filters hid.
      const onPath = new Set(ids);
      navigate(next, "push", {
        ...controlsRef.current,
        hidden: controlsRef.current.hidden.filter((id) => !onPath.has(id)),
        hiddenTypes: controlsRef.current.hiddenTypes.filter((type) => !result.graph.nodes.some((node) => node.type === type)),
      });
    },
    [navigate],
  );

  const fit = useCallback(() => coreRef.current?.animate({ fit: { eles: coreRef.current.elements(":visible"), padding: 40 } }, { duration: 300 }), []);
  const zoomToSelection = useCallback(() => {
    const cy = coreRef.current;
    const chosen = cy?.$(":selected");
    if (cy && chosen && chosen.nonempty()) cy.animate({ fit: { eles: chosen.closedNeighborhood(), padding: 60 } }, { duration: 300 });
  }, []);

  // Keyboard shortcuts, ignored while typing in a field.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const selected = viewRef.current.selected;
      const isNode = selected !== null && viewRef.current.nodes.includes(selected);
      const key = event.key;
      const command = event.ctrlKey || event.metaKey;
      if (command && key.toLowerCase() === "z") (event.shiftKey ? redo : undo)();
      else if (command && key.toLowerCase() === "y") redo();
      else if (command || event.altKey) return;
      else if (key === "?") setHelpOpen(true);
      else if (key === "/") document.querySelector<HTMLInputElement>('input[role="combobox"]')?.focus();
      else if (key === "u") undo();
      else if (key === "U") redo();
      else if (key === "f") fit();
      else if (key === "z") zoomToSelection();
      else if (key === "l") setLayoutRun((count) => count + 1);
      else if (key === "Escape") navigate({ ...viewRef.current, selected: null }, "replace");
      else if (isNode && key === "e") void expand(selected);
      else if (isNode && key === "h") hideNode(selected);
      else if (isNode && key === "p") pinNode(selected);
      else if (isNode && (key === "Delete" || key === "Backspace")) removeNode(selected);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo, fit, zoomToSelection, navigate, expand, hideNode, pinNode, removeNode]);

  const selectedNode = graph.nodes.find((node) => node.id === view.selected);
  /** The context menu's editing entries: each opens the node's editor in the panel. */
  const editActions = (id: string): MenuAction[] =>
    (
      [
        ["Edit…", "edit-entity"],
        ["Add a relationship…", "add-relationship"],
        ["Merge a duplicate…", "merge"],
        ["Delete…", "delete-entity"],
      ] as const
    ).map(([label, kind]) => ({ label, run: () => setEditor({ kind, id }) }));
  const shareTitle = graph.nodes.length > 0 ? `${isolate(graph.nodes[0]?.name ?? "Graph")} and ${graph.nodes.length - 1} more` : "Graph";
  const selectedEdge = selectedNode ? undefined : graph.edges.find((edge) => edge.id === view.selected);
  const menuNode = menu ? graph.nodes.find((node) => node.id === menu.id) : undefined;

  return (
    <div data-fills-screen className="flex min-h-0 flex-1 flex-col bg-gray-50 text-gray-900">
      <HeaderExtras>
        <h1 className="sr-only">Redstring explorer</h1>
        <SearchBox onPick={(hit) => void expand(hit.id)} />
        {canEdit && (
          <Button
            onClick={() => setEditor({ kind: "new-entity" })}
            variant="primary"
            className="shrink-0"
          >
            New entity
          </Button>
        )}
        {view.nodes.length > 0 && (
          <Button
            onClick={() => {
              cancelExpansions();
              navigate({ nodes: [], selected: null }, "push", { ...controlsRef.current, hidden: [], pinned: [] });
            }}
          >
            Clear graph
          </Button>
        )}
        {graph.nodes.length > 0 && (
          <span className="flex gap-2">
            <ShareDialog
              capture={() => (coreRef.current ? captureView(coreRef.current) : null)}
              origin={EXPLORER_ORIGIN}
              defaultTitle={shareTitle}
              style={{
                hiddenTypes: controls.hiddenTypes,
                hiddenRelationships: controls.hiddenRelationships,
                from: controls.from,
                to: controls.to,
                layout: controls.layout,
              }}
            />
            <ExportMenu title={shareTitle} getCore={() => coreRef.current} getGraph={() => positionedGraph(coreRef.current, graph)} />
          </span>
        )}
      </HeaderExtras>

      <main className="flex min-h-0 flex-1 flex-col md:flex-row">
        <section aria-label="Graph" className="flex min-h-[55vh] flex-1 flex-col md:min-h-0">
          <FilterBar
            entityCounts={entityCounts}
            relationshipCounts={relationshipCounts}
            hiddenTypes={controls.hiddenTypes}
            hiddenRelationships={controls.hiddenRelationships}
            onToggleType={(type: EntityType) => setControls({ hiddenTypes: toggleIn(controls.hiddenTypes, type) })}
            onToggleRelationship={(type: RelationshipType) => setControls({ hiddenRelationships: toggleIn(controls.hiddenRelationships, type) })}
          />
          <div role="toolbar" aria-label="View" className="flex flex-wrap items-center gap-1.5 border-b border-gray-200 bg-white px-3 py-1">
            <label className="flex items-center gap-1 text-xs text-gray-700">
              Layout
              <select
                value={controls.layout}
                onChange={(event) => setControls({ layout: event.target.value as LayoutName })}
                className="rounded border border-gray-300 px-1 py-0.5 text-xs"
              >
                {LAYOUTS.map((layout) => (
                  <option key={layout} value={layout}>
                    {LAYOUT_LABELS[layout]}
                  </option>
                ))}
              </select>
            </label>
            <Button size="xs" onClick={() => setLayoutRun((count) => count + 1)} disabled={graph.nodes.length === 0}>
              Lay out again
            </Button>
            <Button size="xs" onClick={fit} disabled={graph.nodes.length === 0}>
              Fit
            </Button>
            <Button size="xs" onClick={zoomToSelection} disabled={!view.selected}>
              Zoom to selection
            </Button>
            <Button size="xs" onClick={undo} disabled={history.undo.length === 0}>
              Undo
            </Button>
            <Button size="xs" onClick={redo} disabled={history.redo.length === 0}>
              Redo
            </Button>
            {hiddenNodes.size > 0 && (
              <span className="text-xs text-gray-600">
                {hiddenNodes.size} hidden{" "}
                {controls.hidden.length > 0 && (
                  <button type="button" className="underline" onClick={() => setControls({ hidden: [] })}>
                    Show hidden entities
                  </button>
                )}
              </span>
            )}
            <Button size="xs" className="ml-auto" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts">
              ?
            </Button>
          </div>
          <div className="relative min-h-0 flex-1">
            {graph.nodes.length > 0 ? (
              <GraphCanvas
                elements={elements}
                graph={graph}
                selectedId={view.selected}
                onSelect={select}
                onExpand={(id) => void expand(id)}
                hiddenIds={hiddenIds}
                highlightIds={highlightIds}
                pinnedIds={pinnedIds}
                layout={controls.layout}
                layoutRun={layoutRun}
                onContextMenu={(id, point) => setMenu({ id, point })}
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
                <Alert tone="error" className="pointer-events-auto w-fit shadow">
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
                </Alert>
              )}
              {notice && <p className="pointer-events-auto w-fit rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 shadow">{notice}</p>}
              {shownCapNotice && (
                <p className="pointer-events-auto w-fit rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 shadow">{shownCapNotice.text}</p>
              )}
              {shownPending && (
                <p className="pointer-events-auto w-fit rounded bg-white/95 px-2 py-1 text-sm text-gray-700 shadow">
                  Showing {shownPending.shown} of {shownPending.total} neighbours of <UserText>{shownPending.name}</UserText>.{" "}
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
          {graph.nodes.length > 0 && (
            <Timeline
              events={events}
              selectedId={view.selected}
              from={controls.from}
              to={controls.to}
              onSelect={(id) => select(id)}
              onHover={setHovered}
              onRange={(from, to, transient) => setControls({ from, to }, transient ? "replace" : "push")}
            />
          )}
        </section>

        <aside
          aria-label="Details"
          className="max-h-[45vh] overflow-y-auto border-t border-gray-200 bg-white p-3 md:max-h-none md:w-96 md:border-l md:border-t-0"
        >
          {editor && <EditorPanel editor={editor} graph={graph} onDone={afterEdit} onCancel={() => setEditor(null)} />}
          {!editor && selectedNode && (
            <EntityPanel
              entityId={selectedNode.id}
              revision={revision}
              editing={
                canEdit
                  ? {
                      onEdit: (node) => setEditor({ kind: "edit-entity", id: node.id }),
                      onAddRelationship: (node) => setEditor({ kind: "add-relationship", id: node.id }),
                      onMerge: (node) => setEditor({ kind: "merge", id: node.id }),
                      onDelete: (node) => setEditor({ kind: "delete-entity", id: node.id }),
                    }
                  : undefined
              }
              history={canReadHistory ? { canRevert: canEdit, onReverted: afterRevert } : undefined}
              onExpand={(id) => void expand(id)}
              onShowEntity={showEntity}
              onAddToGraph={(ids) => navigate({ ...withNodes(viewRef.current, ids), selected: viewRef.current.selected })}
            />
          )}
          {!editor && selectedEdge && (
            <RelationshipPanel
              key={selectedEdge.id}
              edge={selectedEdge}
              editing={
                canEdit
                  ? {
                      onEdit: (edge) => setEditor({ kind: "edit-relationship", id: edge.id }),
                      onDeleted: (result) => afterEdit({ result, add: [], select: null, remove: [] }),
                    }
                  : undefined
              }
              from={graph.nodes.find((node) => node.id === selectedEdge.source)}
              to={graph.nodes.find((node) => node.id === selectedEdge.target)}
              onShowEntity={showEntity}
            />
          )}
          {!editor && !selectedNode && !selectedEdge && (
            <p className="text-sm text-gray-600">
              {graph.nodes.length > 0
                ? "Click a node or a link to see its details and sources. Double-click a node to expand it; right-click for more."
                : "Details of the selected entity or relationship appear here."}
            </p>
          )}
          <PathFinder
            from={pathEnds.from}
            to={pathEnds.to}
            onEnds={(from, to) => setPathEnds({ from, to })}
            onFound={showPaths}
          />
          {graph.nodes.length > 0 && <ListView graph={graph} hidden={hiddenIds} selectedId={view.selected} onSelect={select} />}
          <p className="sr-only" aria-live="polite">
            {visibleGraph.nodes.length} of {graph.nodes.length} entities shown.
          </p>
        </aside>
      </main>

      {menu && menuNode && (
        <ContextMenu
          title={menuNode.name}
          point={menu.point}
          onClose={() => setMenu(null)}
          actions={[
            { label: "Expand neighbours", run: () => void expand(menuNode.id) },
            { label: controls.hidden.includes(menuNode.id) ? "Show" : "Hide", run: () => hideNode(menuNode.id) },
            { label: controls.pinned.includes(menuNode.id) ? "Unpin" : "Pin in place", run: () => pinNode(menuNode.id) },
            { label: "Remove from view", run: () => removeNode(menuNode.id) },
            { label: "Find paths from here", run: () => setPathEnds({ ...pathEnds, from: { id: menuNode.id, name: menuNode.name } }) },
            { label: "Find paths to here", run: () => setPathEnds({ ...pathEnds, to: { id: menuNode.id, name: menuNode.name } }) },
            ...(canEdit ? editActions(menuNode.id) : []),
          ]}
        />
      )}
      {chooser && (
        <ExpandChooser
          name={chooser.name}
          summary={chooser.summary}
          room={Math.max(0, MAX_VIEW_IDS - view.nodes.length)}
          onCancel={() => setChooser(null)}
          onChoose={(choice) => {
            const id = chooser.id;
            setChooser(null);
            void expand(id, 0, choice);
          }}
        />
      )}
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
