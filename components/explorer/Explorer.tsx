"use client";

import type { Core } from "cytoscape";
import dynamic from "next/dynamic";
import { useCallback, useMemo, useReducer } from "react";
import { MAX_EXPANSION, MAX_LARGE_VIEW_IDS } from "@/lib/api-schemas";
import { canFrom, useMe } from "@/lib/auth/client";
import type { EntityType, RelationshipType } from "@/lib/model/registry";
import { DetailsPanel } from "./DetailsPanel";
import { ExpandChooser } from "./ExpandChooser";
import { ExplorerHeader } from "./ExplorerHeader";
import { FilterBar } from "./FilterBar";
import { GraphNotices } from "./GraphNotices";
import { NodeMenu } from "./NodeMenu";
import { ShortcutHelp } from "./ShortcutHelp";
import { Timeline } from "./Timeline";
import { ViewToolbar } from "./ViewToolbar";
import { ReadingTools } from "@/components/graph/ReadingTools";
import { SelectionBar } from "@/components/graph/SelectionBar";
import { useReading } from "@/components/graph/useReading";
import { useSelectionActions } from "./hooks/useSelectionActions";
import { useCanvas } from "./hooks/useCanvas";
import { useExpansion } from "./hooks/useExpansion";
import { useExplorerActions } from "./hooks/useExplorerActions";
import { useExplorerUrl } from "./hooks/useExplorerUrl";
import { useShortcuts } from "./hooks/useShortcuts";
import { useViewGraph } from "./hooks/useViewGraph";
import { useViewParts } from "./hooks/useViewParts";
import { INITIAL_EXPLORER_STATE, explorerReducer, forView } from "./state/reducer";
import { keyOf, toggleIn } from "./state/steps";
import type { ViewControls, ViewState } from "@/lib/explore/view-state";
import type { Workspace } from "@/lib/workspaces/model";
import { WorkspaceBar } from "@/components/workspaces/WorkspaceBar";
import { useSaveAsWorkspace } from "@/components/workspaces/hooks/useWorkspaces";
import { useWorkspaceView, withStoredPositions } from "@/components/workspaces/hooks/useWorkspaceView";

/** A workspace whose every node has a stored position is drawn as stored: no layout runs. */
const AS_STORED = { extent: null };

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-500">Loading the graph…</p>,
});

/**
 * The explorer: search, graph, legend and details panel. The URL (`?nodes=...&selected=...`) says what is
 * on screen; every action computes the next URL, and the graph follows the URL. So reload, back/forward
 * and copied links all restore the same view. The rest of its state is one reducer (./state/reducer.ts);
 * the URL, the view's graph, expansion and shortcuts are hooks (./hooks/).
 *
 * With `workspace` (/w/{id}) the same state comes from the workspace instead of the URL and is saved as
 * it changes (components/workspaces/); a view that outgrows the URL moves to a new workspace by itself.
 */
export function Explorer({ workspace = null }: { workspace?: Workspace | null }) {
  const [state, dispatch] = useReducer(explorerReducer, INITIAL_EXPLORER_STATE);
  const canvas = useCanvas();
  const saveAs = useSaveAsWorkspace(canvas.coreRef);
  const { saveAs: moveToWorkspace } = saveAs;
  const outgrown = useCallback((next: ViewState, nextControls: ViewControls) => moveToWorkspace(next, nextControls), [moveToWorkspace]);
  const inUrl = useExplorerUrl(dispatch, workspace ? undefined : outgrown);
  const stored = useWorkspaceView(workspace, dispatch);
  const url = workspace ? stored.url : inUrl;
  const { view, controls, viewRef, setControls } = url;
  const nodesKey = keyOf(view);
  const me = useMe();
  const canEdit = canFrom(me, "graph:edit").allowed;
  const canReadHistory = canFrom(me, "changes:read").allowed;
  const canSaveWorkspace = canFrom(me, "workspaces:own").allowed;

  const { graph, loading, failed, missing, retry } = useViewGraph(view.nodes);
  const { expand, cancelExpansions } = useExpansion({ viewRef, navigate: url.navigate, dispatch });
  const actions = useExplorerActions(url, dispatch, state.history, cancelExpansions);
  const highlighted = [...(forView(state.pathHighlight, nodesKey)?.ids ?? []), ...(state.hovered ? [state.hovered] : [])];
  const parts = useViewParts(graph, controls, highlighted);
  const storedPositions = workspace?.positions ?? null;
  const elements = useMemo(() => withStoredPositions(parts.elements, storedPositions), [parts.elements, storedPositions]);
  const drawnAsStored = storedPositions !== null && view.nodes.length > 0 && view.nodes.every((id) => id in storedPositions);
  // Nodes added to a workspace since it was saved are laid out around the stored ones, which stay put.
  const fixedPositions = useMemo(() => (storedPositions ? new Map(Object.entries(storedPositions)) : undefined), [storedPositions]);
  const { attach } = stored;
  const { onCore: keepCore } = canvas;
  const onCore = useCallback(
    (cy: Core) => {
      keepCore(cy);
      if (workspace) attach(cy);
    },
    [keepCore, workspace, attach],
  );
  const reading = useReading(graph, parts.hiddenIds);
  const selectionActions = useSelectionActions(url, expand, reading, canvas.coreRef);

  useShortcuts(viewRef, {
    undo: actions.undo,
    redo: actions.redo,
    help: () => dispatch({ type: "help-opened" }),
    focusSearch: () => document.querySelector<HTMLInputElement>('input[role="combobox"]')?.focus(),
    fit: canvas.fit,
    zoomToSelection: canvas.zoomToSelection,
    relayout: () => dispatch({ type: "relayout" }),
    unselect: actions.unselect,
    expand: (id) => void expand(id),
    hide: actions.hideNode,
    pin: actions.pinNode,
    remove: actions.removeNode,
  });

  const error = failed ?? forView(state.actionError, nodesKey)?.text ?? null;
  const pending = forView(state.pending, nodesKey);
  const menuNode = state.menu ? graph.nodes.find((node) => node.id === state.menu?.id) : undefined;
  const expandById = (id: string) => void expand(id);

  return (
    <div data-fills-screen className="flex min-h-0 flex-1 flex-col bg-gray-50 text-gray-900">
      <ExplorerHeader
        graph={graph}
        controls={controls}
        viewHasNodes={view.nodes.length > 0}
        canEdit={canEdit}
        coreRef={canvas.coreRef}
        onPick={(hit) => void expand(hit.id, { name: hit.name })}
        onNewEntity={() => dispatch({ type: "editor-opened", editor: { kind: "new-entity" } })}
        onClear={actions.clear}
      />

      <main className="flex min-h-0 flex-1 flex-col md:flex-row">
        <section aria-label="Graph" className="flex min-h-[55vh] flex-1 flex-col md:min-h-0">
          <FilterBar
            entityCounts={parts.entityCounts}
            relationshipCounts={parts.relationshipCounts}
            hiddenTypes={controls.hiddenTypes}
            hiddenRelationships={controls.hiddenRelationships}
            onToggleType={(type: EntityType) => setControls({ hiddenTypes: toggleIn(controls.hiddenTypes, type) })}
            onToggleRelationship={(type: RelationshipType) => setControls({ hiddenRelationships: toggleIn(controls.hiddenRelationships, type) })}
            datasetCounts={parts.datasetCounts}
            hiddenDatasets={controls.hiddenDatasets}
            onToggleDataset={(id: string) => setControls({ hiddenDatasets: toggleIn(controls.hiddenDatasets, id) })}
          />
          <ViewToolbar
            layout={controls.layout}
            edgeWidth={controls.edgeWidth}
            hasGraph={graph.nodes.length > 0}
            hasSelection={view.selected !== null}
            canUndo={state.history.undo.length > 0}
            canRedo={state.history.redo.length > 0}
            hiddenCount={parts.hiddenNodes.size}
            hiddenByHand={controls.hidden.length > 0}
            onLayout={(layout) => setControls({ layout })}
            onEdgeWidth={(edgeWidth) => setControls({ edgeWidth })}
            onRelayout={() => dispatch({ type: "relayout" })}
            onFit={canvas.fit}
            onZoomToSelection={canvas.zoomToSelection}
            onUndo={actions.undo}
            onRedo={actions.redo}
            onShowHidden={() => setControls({ hidden: [] })}
            onHelp={() => dispatch({ type: "help-opened" })}
          />
          <WorkspaceBar
            workspace={workspace}
            status={stored.status}
            canSave={canSaveWorkspace}
            hasGraph={view.nodes.length > 0}
            saving={saveAs.saving}
            saveError={saveAs.error}
            onSaveAs={() => saveAs.saveAs(viewRef.current, controls, workspace ? `Copy of ${workspace.title}`.slice(0, 120) : undefined)}
            onRetry={() => void stored.retry()}
          />
          {graph.nodes.length > 0 && <ReadingTools reading={reading} />}
          <div className="relative min-h-0 flex-1">
            {graph.nodes.length > 0 ? (
              <GraphCanvas
                elements={elements}
                fixed={drawnAsStored ? AS_STORED : undefined}
                graph={graph}
                selectedId={view.selected}
                onSelect={actions.select}
                onExpand={expandById}
                hiddenIds={parts.hiddenIds}
                highlightIds={parts.highlightIds}
                pinnedIds={parts.pinnedIds}
                layout={controls.layout}
                layoutRun={state.layoutRun}
                onContextMenu={(id, point) => dispatch({ type: "menu-opened", menu: { id, point } })}
                onCore={onCore}
                positions={fixedPositions}
                {...reading.canvas}
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
            <SelectionBar
              ids={reading.selection}
              names={(id) => graph.nodes.find((node) => node.id === id)?.name ?? id}
              getCore={() => canvas.coreRef.current}
              actions={selectionActions}
            />
            <GraphNotices
              loading={loading}
              error={error}
              onRetry={failed ? retry : null}
              missing={missing}
              notice={forView(state.notice, nodesKey)?.text ?? null}
              pending={pending}
              onMore={(more) => void expand(more.id, { offset: more.shown })}
            />
          </div>
          {graph.nodes.length > 0 && (
            <Timeline
              items={parts.timeline}
              selectedId={view.selected}
              from={controls.from}
              to={controls.to}
              onSelect={(id) => actions.select(id)}
              onHover={(id) => dispatch({ type: "hovered", id })}
              onRange={(from, to, transient) => setControls({ from, to }, transient ? "replace" : "push")}
            />
          )}
        </section>

        <DetailsPanel
          graph={graph}
          selected={view.selected}
          hiddenIds={parts.hiddenIds}
          visibleCount={parts.visibleCount}
          state={state}
          dispatch={dispatch}
          actions={actions}
          expand={expandById}
          canEdit={canEdit}
          canReadHistory={canReadHistory}
        />
      </main>

      {state.menu && menuNode && (
        <NodeMenu
          node={menuNode}
          point={state.menu.point}
          hidden={controls.hidden.includes(menuNode.id)}
          pinned={controls.pinned.includes(menuNode.id)}
          canEdit={canEdit}
          pathEnds={state.pathEnds}
          onClose={() => dispatch({ type: "menu-closed" })}
          onExpand={expandById}
          onHide={actions.hideNode}
          onPin={actions.pinNode}
          onRemove={actions.removeNode}
          onPathEnds={(from, to) => dispatch({ type: "path-ends-changed", from, to })}
          onEdit={(editor) => dispatch({ type: "editor-opened", editor })}
        />
      )}
      {state.chooser && (
        <ExpandChooser
          name={state.chooser.name}
          summary={state.chooser.summary}
          room={Math.max(0, Math.min(MAX_EXPANSION, MAX_LARGE_VIEW_IDS - view.nodes.length))}
          onCancel={() => dispatch({ type: "chooser-closed" })}
          onChoose={(choice) => {
            const id = state.chooser?.id ?? "";
            dispatch({ type: "chooser-closed" });
            void expand(id, { choice });
          }}
        />
      )}
      {state.helpOpen && <ShortcutHelp onClose={() => dispatch({ type: "help-closed" })} />}
    </div>
  );
}
