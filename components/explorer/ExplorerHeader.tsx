"use client";

import type { Core } from "cytoscape";
import { useState, type RefObject } from "react";
import { HeaderExtras } from "@/components/AppFrame";
import { DatasetFilter } from "@/components/datasets/DatasetFilter";
import { SearchBox } from "@/components/search/SearchBox";
import { ExportMenu } from "@/components/snapshots/ExportMenu";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { Button } from "@/components/ui/Button";
import type { ViewControls } from "@/lib/explore/view-state";
import { positionedGraph } from "@/lib/graph/positions";
import type { GraphData, SearchHit } from "@/lib/graph/types";
import { captureView } from "@/lib/snapshots/capture";
import type { SnapshotOrigin } from "@/lib/snapshots/model";
import { isolate } from "@/lib/text/bidi";

const EXPLORER_ORIGIN: SnapshotOrigin = { kind: "explorer" };

interface ExplorerHeaderProps {
  graph: GraphData;
  controls: ViewControls;
  viewHasNodes: boolean;
  canEdit: boolean;
  coreRef: RefObject<Core | null>;
  onPick: (hit: SearchHit) => void;
  onNewEntity: () => void;
  onClear: () => void;
}

/** The explorer's part of the page header: search, "New entity", "Clear graph", sharing and export. */
export function ExplorerHeader({ graph, controls, viewHasNodes, canEdit, coreRef, onPick, onNewEntity, onClear }: ExplorerHeaderProps) {
  const [dataset, setDataset] = useState("");
  const shareTitle = graph.nodes.length > 0 ? `${isolate(graph.nodes[0]?.name ?? "Graph")} and ${graph.nodes.length - 1} more` : "Graph";
  return (
    <HeaderExtras>
      <h1 className="sr-only">Redstring explorer</h1>
      <SearchBox onPick={onPick} datasets={dataset ? [dataset] : undefined} />
      <DatasetFilter value={dataset} onChange={setDataset} />
      {canEdit && (
        <Button onClick={onNewEntity} variant="primary" className="shrink-0">
          New entity
        </Button>
      )}
      {viewHasNodes && <Button onClick={onClear}>Clear graph</Button>}
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
              edgeWidth: controls.edgeWidth,
            }}
          />
          <ExportMenu title={shareTitle} getCore={() => coreRef.current} getGraph={() => positionedGraph(coreRef.current, graph)} />
        </span>
      )}
    </HeaderExtras>
  );
}
