"use client";

import { useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { useGraphWrite } from "@/lib/client/graph-writes";
import { deleteRelationshipApi } from "@/lib/editing/client";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphEdge, GraphNode } from "@/lib/graph/types";
import { RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { shownProperties } from "@/lib/graph/display";
import { SourceList } from "./SourceList";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

interface RelationshipPanelProps {
  edge: GraphEdge;
  from: GraphNode | undefined;
  to: GraphNode | undefined;
  onShowEntity: (id: string) => void;
  /** What an editor may do; absent for roles that cannot edit. */
  editing?: { onEdit: (edge: GraphEdge) => void; onDeleted: (result: EditResult) => void };
}

const HIDDEN = new Set(["createdAt", "updatedAt"]);

/** A relationship: who, what, whom, and the sources that say so. */
export function RelationshipPanel({ edge, from, to, onShowEntity, editing }: RelationshipPanelProps) {
  const spec = RELATIONSHIP_TYPE_SPECS[edge.type];
  // The registry's fields in its order, typed values as people read them ("€100,000.00", "29 December 2011").
  const extra = shownProperties(spec.fields, edge.properties, HIDDEN);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  const deletion = useGraphWrite(deleteRelationshipApi);

  async function remove() {
    try {
      editing?.onDeleted(await deletion.mutateAsync(edge.id));
    } catch (cause) {
      setFailure({ id: edge.id, message: errorMessage(cause, "Could not delete this relationship.") });
    }
  }

  return (
    <article aria-labelledby="relationship-panel-title" className="space-y-3">
      <header>
        <p className="text-xs uppercase tracking-wide text-gray-500">Relationship · {edge.type}</p>
        <h2 id="relationship-panel-title" className="text-lg font-semibold leading-snug text-gray-900">
          <button type="button" className="underline decoration-dotted" onClick={() => onShowEntity(edge.source)}>
            <UserText>{from?.name ?? edge.source}</UserText>
          </button>{" "}
          <span className="font-normal text-gray-500">{spec.verb}</span>{" "}
          <button type="button" className="underline decoration-dotted" onClick={() => onShowEntity(edge.target)}>
            <UserText>{to?.name ?? edge.target}</UserText>
          </button>
        </h2>
      </header>
      {editing && confirming !== edge.id && (
        <div className="flex gap-1.5">
          <Button size="xs" onClick={() => editing.onEdit(edge)}>
            Edit
          </Button>
          <Button variant="danger" size="xs" onClick={() => setConfirming(edge.id)}>
            Delete…
          </Button>
        </div>
      )}
      {editing && confirming === edge.id && (
        <div role="group" aria-label="Confirm deletion" className="space-y-2 rounded border border-red-200 bg-red-50 p-2 text-sm">
          <p>Delete this relationship? The deletion is recorded in History and can be reverted.</p>
          <div className="flex gap-1.5">
            <Button variant="primary" size="xs" onClick={remove}>
              Delete relationship
            </Button>
            <Button size="xs" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {failure?.id === edge.id && (
        <Alert tone="error" plain>
          {failure.message}
        </Alert>
      )}
      {extra.length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
          {extra.map((row) => (
            <div key={row.key} className="contents">
              <dt className="text-gray-500">
                <UserText>{row.label}</UserText>
              </dt>
              <dd className={row.shown.numeric ? "tabular-nums" : undefined}>
                <UserText>{row.shown.text}</UserText>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <section>
        <h3 className="text-sm font-semibold text-gray-800">Sources ({edge.sources.length})</h3>
        <SourceList sources={edge.sources} quote={edge.quote} onOpenReport={onShowEntity} />
      </section>
    </article>
  );
}
