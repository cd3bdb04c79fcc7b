"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/api-client";
import { claimsQuery } from "@/lib/client/explore-queries";
import { RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { SourceList } from "./SourceList";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

interface ClaimsListProps {
  reportId: string;
  onShowEntity: (id: string) => void;
  /** Adds entities to the graph (the ends of the claims). */
  onAddToGraph: (ids: string[]) => void;
}

/**
 * Provenance read the other way: every relationship this report supports, with its quote and the other
 * sources that back it, and a button that puts them all in the graph.
 */
export function ClaimsList({ reportId, onShowEntity, onAddToGraph }: ClaimsListProps) {
  const claims = useQuery(claimsQuery(reportId));

  if (claims.isError && !claims.isFetching && !claims.data) {
    return (
      <Alert tone="error" plain>
        {errorMessage(claims.error, "Could not load what this report supports.")}
      </Alert>
    );
  }
  const page = claims.data;
  if (!page) return <p className="text-sm text-gray-500">Loading what this report supports…</p>;
  const names = new Map(page.nodes.map((node) => [node.id, node.name]));

  return (
    <section aria-labelledby="claims-title">
      <h3 id="claims-title" className="mb-1 text-sm font-semibold text-gray-800">
        Claims this report supports ({page.total})
      </h3>
      {page.total === 0 ? (
        <p className="text-sm text-gray-600">No relationship in the graph cites this report yet.</p>
      ) : (
        <>
          <Button
            onClick={() => onAddToGraph(page.nodes.map((node) => node.id))}
            size="xs"
            className="mb-2"
          >
            Add {page.edges.length === page.total ? "them" : `these ${page.edges.length}`} to the graph
          </Button>
          <ul aria-label="Claims" className="space-y-2">
            {page.edges.map((edge) => (
              <li key={edge.id} className="rounded border border-gray-100 p-2 text-sm">
                <p>
                  <button type="button" onClick={() => onShowEntity(edge.source)} className="font-medium underline decoration-dotted">
                    <UserText>{names.get(edge.source) ?? edge.source}</UserText>
                  </button>{" "}
                  <span className="text-gray-500">{RELATIONSHIP_TYPE_SPECS[edge.type].verb}</span>{" "}
                  <button type="button" onClick={() => onShowEntity(edge.target)} className="font-medium underline decoration-dotted">
                    <UserText>{names.get(edge.target) ?? edge.target}</UserText>
                  </button>
                </p>
                <SourceList sources={edge.sources} quote={edge.quote} onOpenReport={onShowEntity} />
              </li>
            ))}
          </ul>
          {page.edges.length < page.total && (
            <p className="mt-1 text-xs text-gray-600">
              Showing the first {page.edges.length} of {page.total}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
