import type { GraphEdge, GraphNode } from "@/lib/graph/types";
import { RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { displayValue } from "./PropertyList";
import { SourceList } from "./SourceList";

interface RelationshipPanelProps {
  edge: GraphEdge;
  from: GraphNode | undefined;
  to: GraphNode | undefined;
  onShowEntity: (id: string) => void;
}

const HIDDEN = new Set(["createdAt", "updatedAt"]);

/** A relationship: who, what, whom, and the sources that say so. */
export function RelationshipPanel({ edge, from, to, onShowEntity }: RelationshipPanelProps) {
  const spec = RELATIONSHIP_TYPE_SPECS[edge.type];
  const extra = Object.entries(edge.properties).filter(([key, value]) => !HIDDEN.has(key) && value !== null);
  return (
    <article aria-labelledby="relationship-panel-title" className="space-y-3">
      <header>
        <p className="text-xs uppercase tracking-wide text-gray-500">Relationship · {edge.type}</p>
        <h2 id="relationship-panel-title" className="text-lg font-semibold leading-snug text-gray-900">
          <button type="button" className="underline decoration-dotted" onClick={() => onShowEntity(edge.source)}>
            {from?.name ?? edge.source}
          </button>{" "}
          <span className="font-normal text-gray-500">{spec.verb}</span>{" "}
          <button type="button" className="underline decoration-dotted" onClick={() => onShowEntity(edge.target)}>
            {to?.name ?? edge.target}
          </button>
        </h2>
      </header>
      {extra.length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
          {extra.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-gray-500">{spec.fields.find((field) => field.name === key)?.label ?? key}</dt>
              <dd>{displayValue(value)}</dd>
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
