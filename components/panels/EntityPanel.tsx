"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { TypeSwatch } from "@/components/graph/Legend";
import { errorMessage } from "@/lib/api-client";
import { panelNeighboursQuery } from "@/lib/client/explore-queries";
import { relationshipHighlights } from "@/lib/graph/display";
import { formatEventDate } from "@/lib/graph/elements";
import type { GraphEdge, GraphNode, NeighbourPage } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { ChangeList } from "@/components/editing/ChangeList";
import { ClaimsList } from "./ClaimsList";
import { PropertyList } from "./PropertyList";
import { SourceList } from "./SourceList";
import { UserText, UserTextList } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

/** What an editor may do from the panel; absent for roles that cannot edit. */
export interface EntityEditActions {
  onEdit: (entity: GraphNode) => void;
  onAddRelationship: (entity: GraphNode) => void;
  onMerge: (entity: GraphNode) => void;
  onDelete: (entity: GraphNode) => void;
}

interface EntityPanelProps {
  entityId: string;
  editing?: EntityEditActions;
  /** Whether the reader may see the History tab, and revert from it. */
  history?: { canRevert: boolean; onReverted: () => void };
  onExpand: (id: string) => void;
  /** Adds an entity to the graph (if needed) and selects it. */
  onShowEntity: (id: string) => void;
  /** Adds several entities to the graph (a report's claims). */
  onAddToGraph?: (ids: string[]) => void;
}

interface Connection {
  edge: GraphEdge;
  other: GraphNode;
  outgoing: boolean;
}

function connectionsOf(page: NeighbourPage): Connection[] {
  const byId = new Map(page.nodes.map((node) => [node.id, node]));
  return page.edges.flatMap((edge) => {
    const outgoing = edge.source === page.center.id;
    const other = byId.get(outgoing ? edge.target : edge.source);
    return other ? [{ edge, other, outgoing }] : [];
  });
}

/** An entity: its properties, and every connection with the sources that support it. */
export function EntityPanel({ entityId, editing, history, onExpand, onShowEntity, onAddToGraph }: EntityPanelProps) {
  const [tab, setTab] = useState<"details" | "history">("details");
  // One cache entry per entity: picking another entity never shows this one's pages or failure, and a
  // write elsewhere (an edit, a revert) marks it stale so it is read again.
  const neighbours = useInfiniteQuery(panelNeighboursQuery(entityId));

  if (!neighbours.data) {
    if (neighbours.isError && !neighbours.isFetching) {
      return (
        <Alert tone="error" plain>
          {errorMessage(neighbours.error, "Could not load this entity.")}
        </Alert>
      );
    }
    return <p className="text-sm text-gray-500">Loading…</p>;
  }
  const loaded = neighbours.data.pages;
  const first = loaded[0];
  if (!first) return <p className="text-sm text-gray-500">Loading…</p>;

  const entity = first.center;
  const spec = ENTITY_TYPE_SPECS[entity.type];
  const connections = loaded.flatMap(connectionsOf);
  const neighboursLoaded = loaded.reduce((sum, page) => sum + page.nodes.length, 0);
  const aliases = Array.isArray(entity.properties.aliases) ? entity.properties.aliases.map(String) : [];
  const description = typeof entity.properties.description === "string" ? entity.properties.description : null;

  const loadingMore = neighbours.isFetchingNextPage;
  const moreError = neighbours.isFetchNextPageError ? errorMessage(neighbours.error, "Could not load more connections.") : null;
  // A click while the next page is on its way does not ask for it again.
  const loadMore = () => void neighbours.fetchNextPage({ cancelRefetch: false });

  // The details tab (a plain value, not a component: it shares this render's state and never remounts).
  const details = () => (
    <>
      {description && (
        <p dir="auto" className="text-sm text-gray-700">
          <UserText>{description}</UserText>
        </p>
      )}
      <PropertyList node={entity} />
      <Button
        onClick={() => onExpand(entity.id)}
        variant="primary"
      >
        Expand neighbours ({first.total})
      </Button>

      {entity.type === "Report" && onAddToGraph && <ClaimsList reportId={entity.id} onShowEntity={onShowEntity} onAddToGraph={onAddToGraph} />}

      <section aria-labelledby="connections-title">
        <h3 id="connections-title" className="mb-1 text-sm font-semibold text-gray-800">
          Connections ({first.total})
        </h3>
        <ul className="space-y-3">
          {connections.map(({ edge, other, outgoing }) => {
            const verb = RELATIONSHIP_TYPE_SPECS[edge.type].verb;
            const when = other.type === "Event" ? formatEventDate(other.properties.date, other.properties.datePrecision) : null;
            const role = typeof edge.properties.role === "string" ? edge.properties.role : null;
            const highlights = relationshipHighlights(RELATIONSHIP_TYPE_SPECS[edge.type].fields, edge.properties);
            return (
              <li key={edge.id} className="rounded border border-gray-100 p-2">
                <p className="text-sm">
                  {/* Read in the relationship's direction: "acted in X" or "X concerns <this entity>". */}
                  {outgoing && <span className="text-gray-500">{verb} </span>}
                  <button
                    type="button"
                    onClick={() => onShowEntity(other.id)}
                    className="text-left font-medium text-gray-900 underline decoration-dotted hover:decoration-solid"
                  >
                    <UserText>{other.name}</UserText>
                  </button>
                  {!outgoing && (
                    <span className="text-gray-500">
                      {" "}
                      {verb} <UserText>{entity.name}</UserText>
                    </span>
                  )}
                  {when && <span className="text-gray-500"> · {when}</span>}
                  {highlights.map((text, index) => (
                    <span key={index} className="text-gray-500">
                      {" "}
                      · <UserText>{text}</UserText>
                    </span>
                  ))}
                </p>
                {role && (
                  <p className="text-xs text-gray-600">
                    Role: <UserText>{role}</UserText>
                  </p>
                )}
                <SourceList sources={edge.sources} quote={edge.quote} onOpenReport={onShowEntity} />
              </li>
            );
          })}
        </ul>
        {neighboursLoaded < first.total && (
          <button
            type="button"
            onClick={loadMore}
            disabled={loadingMore}
            className="mt-2 text-sm text-red-800 underline disabled:text-gray-400"
          >
            {loadingMore ? "Loading…" : `Show more connections (${first.total - neighboursLoaded} more)`}
          </button>
        )}
        {moreError && (
          <Alert tone="error" plain className="mt-1">
            {moreError}
          </Alert>
        )}
      </section>
    </>
  );

  return (
    <article aria-labelledby="entity-panel-title" className="space-y-3">
      <header>
        <p className="flex items-center gap-1.5 text-xs uppercase tracking-wide text-gray-500">
          <TypeSwatch type={entity.type} />
          {spec.label}
        </p>
        <h2 id="entity-panel-title" className="text-lg font-semibold leading-snug text-gray-900">
          <UserText>{entity.name}</UserText>
        </h2>
        {aliases.length > 0 && (
          <p className="text-xs text-gray-500">
            Also known as <UserTextList items={aliases} />
          </p>
        )}
      </header>
      {(editing || history) && (
        <div className="flex flex-wrap gap-1.5">
          {history && (
            <div role="tablist" aria-label="Entity views" className="mr-auto flex gap-1">
              {(["details", "history"] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  aria-selected={tab === name}
                  onClick={() => setTab(name)}
                  className={`rounded px-2 py-1 text-xs ${tab === name ? "bg-gray-900 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-100"}`}
                >
                  {name === "details" ? "Details" : "History"}
                </button>
              ))}
            </div>
          )}
          {editing && (
            <>
              <Button size="xs" onClick={() => editing.onEdit(entity)}>
                Edit
              </Button>
              <Button size="xs" onClick={() => editing.onAddRelationship(entity)}>
                Add relationship
              </Button>
              <Button size="xs" onClick={() => editing.onMerge(entity)}>
                Merge…
              </Button>
              <Button variant="danger" size="xs" onClick={() => editing.onDelete(entity)}>
                Delete…
              </Button>
            </>
          )}
        </div>
      )}
      {history && tab === "history" ? (
        <ChangeList entityId={entity.id} canRevert={history.canRevert} onReverted={history.onReverted} onShowEntity={onShowEntity} />
      ) : (
        details()
      )}
    </article>
  );
}

