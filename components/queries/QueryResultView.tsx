"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import type { Core } from "cytoscape";
import { useMemo, useRef, useState } from "react";
import { ExportMenu } from "@/components/snapshots/ExportMenu";
import { ResultTable } from "./ResultTable";
import { ShareDialog } from "@/components/snapshots/ShareDialog";
import { positionedGraph } from "@/lib/graph/positions";
import { captureView } from "@/lib/snapshots/capture";
import type { SnapshotOrigin } from "@/lib/snapshots/model";
import { Legend } from "@/components/graph/Legend";
import { EntityPanel } from "@/components/panels/EntityPanel";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import { MAX_VIEW_IDS } from "@/lib/api-schemas";
import { toElements } from "@/lib/graph/elements";
import type { EntityType } from "@/lib/model/registry";
import { resultToCsv } from "@/lib/queries/csv";
import type { QueryRunResult } from "@/lib/queries/execute";
import { download, fileNameOf } from "@/lib/download";
import { serializeViewState } from "@/lib/explore/view-state";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-500">Loading the graph…</p>,
});

interface QueryResultViewProps {
  result: QueryRunResult;
  /** For file names and the share dialog. */
  title: string;
  /** The saved query and values this result came from, recorded in a snapshot made from it. */
  origin: SnapshotOrigin;
}

/** A run's answer as a graph (in the explorer's components) and as a table, with CSV and "open in explorer". */
export function QueryResultView({ result, title, origin }: QueryResultViewProps) {
  const router = useRouter();
  const coreRef = useRef<Core | null>(null);
  const [tab, setTab] = useState<"graph" | "table">(result.graph.nodes.length > 0 ? "graph" : "table");
  const [selected, setSelected] = useState<string | null>(null);
  const elements = useMemo(() => toElements(result.graph), [result.graph]);
  const counts = useMemo(() => {
    const byType: Partial<Record<EntityType, number>> = {};
    for (const node of result.graph.nodes) byType[node.type] = (byType[node.type] ?? 0) + 1;
    return byType;
  }, [result.graph]);
  const selectedNode = result.graph.nodes.find((node) => node.id === selected);
  const selectedEdge = selectedNode ? undefined : result.graph.edges.find((edge) => edge.id === selected);
  const nodeIds = result.graph.nodes.map((node) => node.id);

  const openInExplorer = (extra: string[] = [], focus: string | null = null) => {
    const nodes = [...new Set([...nodeIds, ...extra])].slice(0, MAX_VIEW_IDS);
    router.push(`/?${serializeViewState({ nodes, selected: focus })}`);
  };
  const select = (id: string) => {
    setSelected(id);
    if (result.graph.nodes.some((node) => node.id === id) || result.graph.edges.some((edge) => edge.id === id)) setTab("graph");
  };
  const showEntity = (id: string) => (nodeIds.includes(id) ? select(id) : openInExplorer([id], id));

  const tabClass = (name: "graph" | "table") =>
    `rounded-t-md border border-b-0 px-3 py-1.5 text-sm ${tab === name ? "bg-white font-medium" : "bg-gray-100 text-gray-700"}`;

  return (
    <section aria-label="Result" className="mt-4">
      <Alert tone="info" plain data-testid="run-summary">
        {result.rowCount} {result.rowCount === 1 ? "row" : "rows"}
        {result.truncated && ` (stopped at the limit of ${result.limits.maxRows}: add a LIMIT or narrow the query)`} ·{" "}
        {result.graph.nodes.length} nodes, {result.graph.edges.length} links
        {result.graphTruncated && ` (graph stopped at ${result.limits.maxGraphElements} elements)`} · {result.elapsedMs} ms
      </Alert>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div role="tablist" aria-label="Show the result as" className="flex gap-1">
          <button type="button" role="tab" aria-selected={tab === "graph"} onClick={() => setTab("graph")} className={tabClass("graph")}>
            Graph
          </button>
          <button type="button" role="tab" aria-selected={tab === "table"} onClick={() => setTab("table")} className={tabClass("table")}>
            Table
          </button>
        </div>
        <span className="ml-auto flex gap-2">
          <Button
            onClick={() => download(`${fileNameOf(title, "query")}.csv`, resultToCsv(result), "text/csv;charset=utf-8")}
            size="sm"
          >
            Download CSV
          </Button>
          {tab === "graph" && nodeIds.length > 0 && (
            <>
              <ShareDialog capture={() => (coreRef.current ? captureView(coreRef.current) : null)} origin={origin} defaultTitle={title} />
              <ExportMenu title={title} getCore={() => coreRef.current} getGraph={() => positionedGraph(coreRef.current, result.graph)} />
            </>
          )}
          <Button
            disabled={nodeIds.length === 0}
            onClick={() => openInExplorer()}
            size="sm"
          >
            Open in explorer
          </Button>
        </span>
      </div>

      {tab === "graph" ? (
        <div role="tabpanel" aria-label="Graph" className="flex flex-col border border-gray-200 bg-white md:flex-row">
          <div className="flex min-h-[420px] flex-1 flex-col">
            <Legend counts={counts} />
            {result.graph.nodes.length > 0 ? (
              <div className="relative min-h-[380px] flex-1">
                <GraphCanvas
                  elements={elements}
                  selectedId={selected}
                  onSelect={setSelected}
                  onExpand={(id) => openInExplorer([id], id)}
                  onCore={(cy) => {
                    coreRef.current = cy;
                  }}
                />
              </div>
            ) : (
              <p className="p-6 text-sm text-gray-600">
                This result holds no entities or relationships to draw. Return nodes, relationships or paths to see a graph.
              </p>
            )}
          </div>
          <aside aria-label="Details" className="max-h-[480px] overflow-y-auto border-t border-gray-200 p-3 md:w-80 md:border-l md:border-t-0">
            {selectedNode && <EntityPanel entityId={selectedNode.id} onExpand={(id) => openInExplorer([id], id)} onShowEntity={showEntity} />}
            {selectedEdge && (
              <RelationshipPanel
                edge={selectedEdge}
                from={result.graph.nodes.find((node) => node.id === selectedEdge.source)}
                to={result.graph.nodes.find((node) => node.id === selectedEdge.target)}
                onShowEntity={showEntity}
              />
            )}
            {!selectedNode && !selectedEdge && (
              <p className="text-sm text-gray-600">Click a node or a link for its details and sources. Double-click opens it in the explorer.</p>
            )}
          </aside>
        </div>
      ) : (
        <div role="tabpanel" aria-label="Table" className="overflow-x-auto border border-gray-200 bg-white">
          {result.columns.length === 0 ? (
            <p className="p-4 text-sm text-gray-600">The query returned no columns.</p>
          ) : (
            <ResultTable columns={result.columns} rows={result.rows} onSelect={select} />
          )}
          {result.rowCount === 0 && <p className="p-4 text-sm text-gray-600">No rows.</p>}
        </div>
      )}
    </section>
  );
}
