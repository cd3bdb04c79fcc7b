"use client";

import { TypeSwatch } from "@/components/graph/Legend";
import { PropertyList } from "@/components/panels/PropertyList";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import { SourceList } from "@/components/panels/SourceList";
import type { PositionedGraph } from "@/lib/graph/positioned";
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { UserText } from "@/components/ui/UserText";

interface SnapshotDetailsProps {
  graph: PositionedGraph;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Shorter text for the embed's small panel. */
  compact?: boolean;
}

/**
 * The selected element as it was in the snapshot: properties, connections within the snapshot and their
 * sources. Reads nothing live: a permalink shows what was shared and no more.
 */
export function SnapshotDetails({ graph, selectedId, onSelect, compact = false }: SnapshotDetailsProps) {
  const node = graph.nodes.find((item) => item.id === selectedId);
  const edge = node ? undefined : graph.edges.find((item) => item.id === selectedId);
  const byId = new Map(graph.nodes.map((item) => [item.id, item]));
  const openReport = (id: string) => {
    if (byId.has(id)) onSelect(id);
  };

  if (edge) {
    return <RelationshipPanel edge={edge} from={byId.get(edge.source)} to={byId.get(edge.target)} onShowEntity={openReport} />;
  }
  if (!node) {
    return <p className="text-sm text-gray-600">Click a node or a link to see its details and sources as of this snapshot.</p>;
  }
  const connections = graph.edges.filter((item) => item.source === node.id || item.target === node.id);
  return (
    <article aria-labelledby="snapshot-entity-title" className="space-y-3">
      <header>
        <p className="flex items-center gap-2 text-xs uppercase tracking-wide text-gray-600">
          <TypeSwatch type={node.type} /> {ENTITY_TYPE_SPECS[node.type].label}
        </p>
        <h2 id="snapshot-entity-title" className="text-lg font-semibold">
          <UserText>{node.name}</UserText>
        </h2>
      </header>
      {typeof node.properties.description === "string" && node.properties.description && (
        <p dir="auto" className="text-sm text-gray-700">
          <UserText>{node.properties.description}</UserText>
        </p>
      )}
      <PropertyList node={node} />
      {!compact && connections.length > 0 && (
        <section aria-label="Connections in this snapshot">
          <h3 className="text-sm font-semibold">Connections in this snapshot ({connections.length})</h3>
          <ul className="mt-1 space-y-2">
            {connections.map((item) => {
              const outgoing = item.source === node.id;
              const other = byId.get(outgoing ? item.target : item.source);
              const verb = RELATIONSHIP_TYPE_SPECS[item.type].verb;
              return (
                <li key={item.id} className="rounded border border-gray-100 p-2 text-sm">
                  <button type="button" onClick={() => onSelect(item.id)} className="text-left text-red-900 hover:underline">
                    {outgoing ? (
                      <>
                        {verb} <UserText>{other?.name ?? item.target}</UserText>
                      </>
                    ) : (
                      <>
                        <UserText>{other?.name ?? item.source}</UserText> {verb} this
                      </>
                    )}
                  </button>
                  <SourceList sources={item.sources} quote={item.quote} onOpenReport={openReport} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </article>
  );
}
