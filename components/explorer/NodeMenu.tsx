"use client";

import type { GraphNode } from "@/lib/graph/types";
import { ContextMenu, type MenuAction } from "./ContextMenu";
import type { EditorState } from "./EditorPanel";
import type { PathEnd } from "./PathFinder";

interface NodeMenuProps {
  node: GraphNode;
  point: { x: number; y: number };
  hidden: boolean;
  pinned: boolean;
  canEdit: boolean;
  pathEnds: { from: PathEnd | null; to: PathEnd | null };
  onClose: () => void;
  onExpand: (id: string) => void;
  onHide: (id: string) => void;
  onPin: (id: string) => void;
  onRemove: (id: string) => void;
  onPathEnds: (from: PathEnd | null, to: PathEnd | null) => void;
  onEdit: (editor: EditorState) => void;
}

const EDIT_ENTRIES = [
  ["Edit…", "edit-entity"],
  ["Add a relationship…", "add-relationship"],
  ["Merge a duplicate…", "merge"],
  ["Delete…", "delete-entity"],
] as const;

/** A node's context menu: expand, hide, pin, remove, path ends, and for editors the node's editors. */
export function NodeMenu({ node, point, hidden, pinned, canEdit, pathEnds, onClose, ...on }: NodeMenuProps) {
  const end = { id: node.id, name: node.name };
  const actions: MenuAction[] = [
    { label: "Expand neighbours", run: () => on.onExpand(node.id) },
    { label: hidden ? "Show" : "Hide", run: () => on.onHide(node.id) },
    { label: pinned ? "Unpin" : "Pin in place", run: () => on.onPin(node.id) },
    { label: "Remove from view", run: () => on.onRemove(node.id) },
    { label: "Find paths from here", run: () => on.onPathEnds(end, pathEnds.to) },
    { label: "Find paths to here", run: () => on.onPathEnds(pathEnds.from, end) },
    ...(canEdit ? EDIT_ENTRIES.map(([label, kind]) => ({ label, run: () => on.onEdit({ kind, id: node.id }) })) : []),
  ];
  return <ContextMenu title={node.name} point={point} onClose={onClose} actions={actions} />;
}
