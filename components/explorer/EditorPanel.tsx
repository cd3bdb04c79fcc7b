"use client";

import { DeleteEntity } from "@/components/editing/DeleteEntity";
import { EntityForm } from "@/components/editing/EntityForm";
import { MergeEntities } from "@/components/editing/MergeEntities";
import { RelationshipForm } from "@/components/editing/RelationshipForm";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphData } from "@/lib/graph/types";

/** Which editor the details panel shows, if any. Ids refer to what the explorer has loaded. */
export type EditorState =
  | { kind: "new-entity" }
  | { kind: "edit-entity"; id: string }
  | { kind: "add-relationship"; id: string }
  | { kind: "edit-relationship"; id: string }
  | { kind: "delete-entity"; id: string }
  | { kind: "merge"; id: string };

/** What the explorer does after a saved edit: which entities to add to the view, select or drop. */
export interface EditOutcome {
  result: EditResult;
  add: string[];
  select: string | null;
  remove: string[];
}

interface EditorPanelProps {
  editor: EditorState;
  graph: GraphData;
  onDone: (outcome: EditOutcome) => void;
  onCancel: () => void;
}

/** The editing forms in the details panel: new and edited entities, relationships, deletion and merging. */
export function EditorPanel({ editor, graph, onDone, onCancel }: EditorPanelProps) {
  const node = "id" in editor ? graph.nodes.find((item) => item.id === editor.id) : undefined;
  switch (editor.kind) {
    case "new-entity":
      return <EntityForm onCancel={onCancel} onSaved={(result, linked) => onDone({ result, add: [result.id, ...linked], select: result.id, remove: [] })} />;
    case "edit-entity":
      return node ? <EntityForm key={node.id} entity={node} onCancel={onCancel} onSaved={(result) => onDone({ result, add: [], select: node.id, remove: [] })} /> : null;
    case "add-relationship":
      return node ? (
        <RelationshipForm
          key={node.id}
          anchor={node}
          onCancel={onCancel}
          onSaved={(result, otherId) => onDone({ result, add: otherId ? [otherId] : [], select: result.id, remove: [] })}
        />
      ) : null;
    case "edit-relationship": {
      const edge = graph.edges.find((item) => item.id === editor.id);
      if (!edge) return null;
      const name = (id: string) => graph.nodes.find((item) => item.id === id)?.name ?? id;
      return (
        <RelationshipForm
          key={edge.id}
          edge={edge}
          names={{ from: name(edge.source), to: name(edge.target) }}
          onCancel={onCancel}
          onSaved={(result) => onDone({ result, add: [], select: edge.id, remove: [] })}
        />
      );
    }
    case "delete-entity":
      return <DeleteEntity entityId={editor.id} onCancel={onCancel} onDeleted={(result) => onDone({ result, add: [], select: null, remove: [editor.id] })} />;
    case "merge":
      return node ? (
        <MergeEntities
          key={node.id}
          entity={node}
          onCancel={onCancel}
          onMerged={(result, removedId) => onDone({ result, add: [result.id], select: result.id, remove: [removedId] })}
        />
      ) : null;
  }
}
