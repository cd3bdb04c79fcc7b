"use client";

import type { Dispatch } from "react";
import { EntityPanel } from "@/components/panels/EntityPanel";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import type { GraphData } from "@/lib/graph/types";
import { EditorPanel, type EditorState } from "./EditorPanel";
import { ListView } from "./ListView";
import { PathFinder } from "./PathFinder";
import type { ExplorerAction, ExplorerState } from "./state/reducer";
import type { ExplorerActions } from "./hooks/useExplorerActions";

interface DetailsPanelProps {
  graph: GraphData;
  selected: string | null;
  hiddenIds: ReadonlySet<string>;
  visibleCount: number;
  state: Pick<ExplorerState, "editor" | "pathEnds">;
  dispatch: Dispatch<ExplorerAction>;
  actions: ExplorerActions;
  expand: (id: string) => void;
  canEdit: boolean;
  canReadHistory: boolean;
}

/** The side panel: an editor, or the selected entity or relationship; then the path finder and the list view. */
export function DetailsPanel({ graph, selected, hiddenIds, visibleCount, state, dispatch, actions, expand, canEdit, canReadHistory }: DetailsPanelProps) {
  const { editor, pathEnds } = state;
  const open = (next: EditorState) => dispatch({ type: "editor-opened", editor: next });
  const selectedNode = graph.nodes.find((node) => node.id === selected);
  const selectedEdge = selectedNode ? undefined : graph.edges.find((edge) => edge.id === selected);
  return (
    <aside
      aria-label="Details"
      className="max-h-[45vh] overflow-y-auto border-t border-gray-200 bg-white p-3 md:max-h-none md:w-96 md:border-l md:border-t-0"
    >
      {editor && <EditorPanel editor={editor} graph={graph} onDone={actions.edited} onCancel={() => dispatch({ type: "editor-closed" })} />}
      {!editor && selectedNode && (
        <EntityPanel
          entityId={selectedNode.id}
          editing={
            canEdit
              ? {
                  onEdit: (node) => open({ kind: "edit-entity", id: node.id }),
                  onAddRelationship: (node) => open({ kind: "add-relationship", id: node.id }),
                  onMerge: (node) => open({ kind: "merge", id: node.id }),
                  onDelete: (node) => open({ kind: "delete-entity", id: node.id }),
                }
              : undefined
          }
          history={canReadHistory ? { canRevert: canEdit, onReverted: actions.reverted } : undefined}
          onExpand={expand}
          onShowEntity={actions.showEntity}
          onAddToGraph={actions.addToGraph}
        />
      )}
      {!editor && selectedEdge && (
        <RelationshipPanel
          key={selectedEdge.id}
          edge={selectedEdge}
          editing={
            canEdit
              ? {
                  onEdit: (edge) => open({ kind: "edit-relationship", id: edge.id }),
                  onDeleted: (result) => actions.edited({ result, add: [], select: null, remove: [] }),
                }
              : undefined
          }
          from={graph.nodes.find((node) => node.id === selectedEdge.source)}
          to={graph.nodes.find((node) => node.id === selectedEdge.target)}
          onShowEntity={actions.showEntity}
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
        onEnds={(from, to) => dispatch({ type: "path-ends-changed", from, to })}
        onFound={actions.showPaths}
      />
      {graph.nodes.length > 0 && <ListView graph={graph} hidden={hiddenIds} selectedId={selected} onSelect={actions.select} />}
      <p className="sr-only" aria-live="polite">
        {visibleCount} of {graph.nodes.length} entities shown.
      </p>
    </aside>
  );
}
