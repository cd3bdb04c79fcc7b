"use client";

import type { Core, NodeCollection } from "cytoscape";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { Button } from "@/components/ui/Button";
import type { CapturedView } from "@/lib/snapshots/capture";
import type { SnapshotOrigin } from "@/lib/snapshots/model";

const SELECTION_ORIGIN: SnapshotOrigin = { kind: "explorer" };

/** "Share the selection": the selected nodes where they are drawn, the relationships among them, and their extent. */
export function captureSelection(cy: Core, ids: readonly string[]): CapturedView | null {
  const chosen = new Set(ids);
  const nodes = cy.nodes().filter((node) => chosen.has(node.id())) as NodeCollection;
  if (nodes.empty()) return null;
  const box = nodes.boundingBox({});
  return {
    nodes: nodes.map((node) => ({ id: node.id(), x: node.position("x"), y: node.position("y") })),
    edges: nodes.edgesWith(nodes).filter((edge) => !edge.hasClass("group-link")).map((edge) => edge.id()),
    viewport: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
  };
}

export interface SelectionActions {
  expand: (ids: string[]) => void;
  hide: (ids: string[]) => void;
  pin: (ids: string[]) => void;
  group: (ids: string[]) => void;
  remove: (ids: string[]) => void;
  clear: () => void;
}

/**
 * What can be done with several selected nodes (a box, a lasso, the matches of a search): a bar over the
 * graph, shown while more than one node is selected.
 */
export function SelectionBar({ ids, names, getCore, actions }: { ids: string[]; names: (id: string) => string; getCore: () => Core | null; actions: SelectionActions }) {
  if (ids.length < 2) return null;
  const title = `${names(ids[0]!)} and ${ids.length - 1} more`;
  return (
    <div role="toolbar" aria-label="Selection" className="absolute left-2 right-2 top-2 z-10 flex flex-wrap items-center gap-1.5 rounded border border-blue-200 bg-white/95 px-2 py-1 text-xs shadow">
      <span className="font-semibold text-gray-800">{ids.length} selected</span>
      <Button size="xs" onClick={() => actions.expand(ids)}>
        Expand
      </Button>
      <Button size="xs" onClick={() => actions.hide(ids)}>
        Hide
      </Button>
      <Button size="xs" onClick={() => actions.pin(ids)}>
        Pin
      </Button>
      <Button size="xs" onClick={() => actions.group(ids)}>
        Group
      </Button>
      <Button size="xs" onClick={() => actions.remove(ids)}>
        Remove
      </Button>
      <ShareDialog
        capture={() => {
          const cy = getCore();
          return cy ? captureSelection(cy, ids) : null;
        }}
        origin={SELECTION_ORIGIN}
        defaultTitle={title}
        triggerLabel="Share the selection"
      />
      <Button size="xs" onClick={actions.clear}>
        Clear selection
      </Button>
    </div>
  );
}
