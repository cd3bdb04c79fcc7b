"use client";

import type { Core } from "cytoscape";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { Legend } from "@/components/graph/Legend";
import { displayValue } from "@/components/panels/PropertyList";
import { MAX_VIEW_IDS } from "@/lib/api-schemas";
import { errorMessage } from "@/lib/api-client";
import type { JsonValue } from "@/lib/json";
import { toElements } from "@/lib/graph/elements";
import type { EntityType } from "@/lib/model/registry";
import type { FieldChange, Snapshot, SnapshotComparison } from "@/lib/snapshots/model";
import { serializeViewState } from "@/lib/explore/view-state";
import { ExportMenu } from "./ExportMenu";
import { SnapshotDetails } from "./SnapshotDetails";
import { UserText } from "@/components/ui/UserText";
import { Button, buttonClass } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { useSnapshotComparison } from "./hooks/useSnapshots";

const GraphCanvas = dynamic(() => import("@/components/graph/GraphCanvas"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-gray-500">Loading the graph…</p>,
});

export function formatSnapshotDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

const value = (item: unknown) => (item === null || item === undefined || item === "" ? "—" : displayValue(item as JsonValue));

/** One changed node or link in the comparison: select it, and each field before → after. */
function ChangedElement({ label, changes, onSelect }: { label: React.ReactNode; changes: FieldChange[]; onSelect: () => void }) {
  return (
    <li>
      <button type="button" onClick={onSelect} className="font-medium text-amber-800 hover:underline">
        {label}
      </button>
      <ul className="ml-3 text-xs">
        {changes.map((change) => (
          <li key={change.field}>
            <UserText className="font-mono">{change.field}</UserText>: <del><UserText>{value(change.before)}</UserText></del> →{" "}
            <ins className="no-underline">
              <UserText>{value(change.after)}</UserText>
            </ins>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The snapshot's elements as Cytoscape definitions: frozen positions, and compare marks when asked. */
function snapshotElements(snapshot: Snapshot, comparison: SnapshotComparison | null) {
  const elements = toElements(snapshot.graph, { edgeWidth: snapshot.style.edgeWidth });
  const positions = new Map(snapshot.graph.nodes.map((node) => [node.id, node.position]));
  const removedNodes = new Set(comparison?.nodes.removed);
  const changedNodes = new Set(comparison?.nodes.changed.map((item) => item.id));
  const removedEdges = new Set(comparison?.edges.removed);
  const changedEdges = new Set(comparison?.edges.changed.map((item) => item.id));
  const nodes = elements.nodes.map((node) => ({
    ...node,
    position: positions.get(node.data.id),
    classes: removedNodes.has(node.data.id) ? "removed" : changedNodes.has(node.data.id) ? "changed" : undefined,
  }));
  const edges = elements.edges.map((edge) => ({
    ...edge,
    classes: removedEdges.has(edge.data.id) ? "removed" : changedEdges.has(edge.data.id) ? "changed" : undefined,
  }));
  const added = comparison ? toElements({ nodes: snapshot.graph.nodes, edges: comparison.edges.added }, { edgeWidth: snapshot.style.edgeWidth }).edges.map((edge) => ({ ...edge, classes: "added" })) : [];
  return { nodes, edges: [...edges, ...added] };
}

/**
 * A permalink: the frozen subgraph exactly as shared, its data and sources as of the snapshot, a
 * comparison with today's data on demand, exports, and a way to continue in the explorer.
 */
export function SnapshotView({ snapshot }: { snapshot: Snapshot }) {
  const [selected, setSelected] = useState<string | null>(null);
  // Nothing is compared until the reader asks; asking again reads today's data again.
  const [asked, setAsked] = useState(false);
  const compared = useSnapshotComparison(snapshot.id, asked);
  const comparison = compared.data ?? null;
  const comparing = compared.isFetching;
  const failure = !comparing && compared.error ? errorMessage(compared.error, "Today's data could not be read. Try again.") : null;
  const coreRef = useRef<Core | null>(null);
  const elements = useMemo(() => snapshotElements(snapshot, comparison), [snapshot, comparison]);
  const counts = useMemo(() => {
    const byType: Partial<Record<EntityType, number>> = {};
    for (const node of snapshot.graph.nodes) byType[node.type] = (byType[node.type] ?? 0) + 1;
    return byType;
  }, [snapshot]);
  const fixed = useMemo(() => ({ extent: snapshot.viewport }), [snapshot]);
  const names = new Map(snapshot.graph.nodes.map((node) => [node.id, node.name]));
  const continueHref = `/?${serializeViewState({ nodes: snapshot.graph.nodes.map((node) => node.id).slice(0, MAX_VIEW_IDS), selected: null })}`;

  function compare() {
    if (asked) void compared.refetch();
    else setAsked(true);
  }

  const changeCount = comparison
    ? comparison.nodes.removed.length + comparison.nodes.changed.length + comparison.edges.removed.length + comparison.edges.changed.length + comparison.edges.added.length
    : 0;

  return (
    <div data-fills-screen className="flex min-h-0 flex-1 flex-col bg-gray-50 text-gray-900">
      <div role="region" aria-label="About this snapshot" className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm">
        <div className="mr-auto min-w-0">
          <h1 className="font-semibold">
            <UserText>{snapshot.title}</UserText>
          </h1>
          <p className="text-amber-900">
            Snapshot of {formatSnapshotDate(snapshot.createdAt)}: the data and sources as they were then.
            {snapshot.origin.kind === "query" && (
              <>
                {" "}From the query{" "}
                {snapshot.origin.queryId ? (
                  <Link className="underline" href={`/queries/${encodeURIComponent(snapshot.origin.queryId)}`}>
                    <UserText>{snapshot.origin.title}</UserText>
                  </Link>
                ) : (
                  <>
                    “<UserText>{snapshot.origin.title}</UserText>” (unsaved)
                  </>
                )}
                .
              </>
            )}
          </p>
          {snapshot.note && (
            <p dir="auto" className="mt-1 whitespace-pre-line text-gray-800">
              {/* The server sends a private note only to the team (lib/snapshots/store.ts); say that it is one. */}
              {!snapshot.noteIsCaption && <span className="mr-1 rounded bg-amber-100 px-1 text-xs font-medium text-amber-900">Private note, for your team</span>}
              <UserText>{snapshot.note}</UserText>
            </p>
          )}
        </div>
        <span className="flex flex-wrap gap-2">
          <Button onClick={compare} disabled={comparing}>
            {comparing ? "Comparing…" : "Compare with live"}
          </Button>
          <Link href={continueHref} className={buttonClass()}>
            Continue exploring
          </Link>
          <ExportMenu title={snapshot.title} getCore={() => coreRef.current} getGraph={() => snapshot.graph} />
        </span>
      </div>

      <main className="flex min-h-0 flex-1 flex-col md:flex-row">
        <section aria-label="Graph" className="flex min-h-[55vh] flex-1 flex-col md:min-h-0">
          <Legend counts={counts} />
          <div className="relative min-h-0 flex-1">
            <GraphCanvas
              elements={elements}
              selectedId={selected}
              onSelect={setSelected}
              onExpand={setSelected}
              fixed={fixed}
              onCore={(cy) => {
                coreRef.current = cy;
              }}
            />
          </div>
        </section>
        <aside aria-label="Details" className="max-h-[45vh] space-y-4 overflow-y-auto border-t border-gray-200 bg-white p-3 md:max-h-none md:w-96 md:border-l md:border-t-0">
          {failure && (
            <Alert tone="error">
              {failure}
            </Alert>
          )}
          {comparison && (
            <section aria-label="Changes since the snapshot" className="rounded border border-gray-200 p-2 text-sm">
              <h2 className="font-semibold">
                {changeCount === 0 ? "Nothing has changed since the snapshot." : `${changeCount} ${changeCount === 1 ? "change" : "changes"} since the snapshot`}
              </h2>
              <p className="text-xs text-gray-600">Compared with today’s data on {formatSnapshotDate(comparison.comparedAt)}.</p>
              <ul className="mt-2 space-y-2">
                {comparison.nodes.changed.map((item) => (
                  <ChangedElement key={item.id} label={
                      <>
                        Changed: <UserText>{names.get(item.id) ?? item.id}</UserText>
                      </>
                    } changes={item.changes} onSelect={() => setSelected(item.id)} />
                ))}
                {comparison.nodes.removed.map((id) => (
                  <li key={id} className="text-red-800">
                    Deleted since: <UserText>{names.get(id) ?? id}</UserText>
                  </li>
                ))}
                {comparison.edges.changed.map((item) => (
                  <ChangedElement key={item.id} label={
                      <>
                        Changed link: <UserText>{item.id}</UserText>
                      </>
                    } changes={item.changes} onSelect={() => setSelected(item.id)} />
                ))}
                {comparison.edges.removed.map((id) => (
                  <li key={id} className="text-red-800">
                    Link deleted since: <UserText>{id}</UserText>
                  </li>
                ))}
                {comparison.edges.added.map((edge) => (
                  <li key={edge.id} className="text-green-800">
                    New link: <UserText>{names.get(edge.source) ?? edge.source}</UserText> → <UserText>{names.get(edge.target) ?? edge.target}</UserText> ({edge.type})
                  </li>
                ))}
              </ul>
            </section>
          )}
          <SnapshotDetails graph={snapshot.graph} selectedId={selected} onSelect={setSelected} />
        </aside>
      </main>
    </div>
  );
}
