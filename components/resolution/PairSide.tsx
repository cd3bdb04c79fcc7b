"use client";

import Link from "next/link";
import { errorMessage } from "@/lib/api-client";
import { ENTITY_TYPE_SPECS, isEntityType } from "@/lib/model/registry";
import type { MatchSide } from "@/lib/resolution/client";
import { PropertyList } from "@/components/panels/PropertyList";
import { UserText, UserTextList } from "@/components/ui/UserText";
import { usePairSide } from "./hooks/useResolution";

/**
 * One entity of a candidate pair, as a reviewer compares it: its name, type, fields, aliases, data sets
 * and best-connected neighbours, read with the explorer's own entity and neighbour calls.
 */
export function PairSide({ side, heading }: { side: MatchSide; heading: string }) {
  const { entity, neighbours } = usePairSide(side.id);
  const node = entity.data?.entity;
  const typeLabel = isEntityType(side.type) ? ENTITY_TYPE_SPECS[side.type].label : side.type;
  const aliases = Array.isArray(node?.properties.aliases) ? node.properties.aliases.filter((alias): alias is string => typeof alias === "string") : [];
  const headingId = `pair-side-${heading.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="min-w-0 space-y-2 rounded-md border border-gray-200 bg-white p-3">
      <h3 id={headingId} className="text-xs font-medium uppercase tracking-wide text-gray-600">
        {heading}
      </h3>
      <p className="text-lg font-semibold leading-tight">
        <Link href={`/?nodes=${encodeURIComponent(side.id)}&selected=${encodeURIComponent(side.id)}`} className="text-red-900 underline">
          <UserText>{side.name}</UserText>
        </Link>
      </p>
      <p className="text-sm text-gray-700">
        {typeLabel} · <span className="break-all font-mono text-xs">{side.id}</span>
      </p>
      <p className="text-sm">
        <span className="text-gray-600">Data sets: </span>
        {side.datasets.length > 0 ? <UserTextList items={side.datasets} /> : "none (made by hand)"}
      </p>
      {aliases.length > 0 && (
        <p className="text-sm">
          <span className="text-gray-600">Also known as: </span>
          <UserTextList items={aliases} />
        </p>
      )}
      {entity.isError && <p className="text-sm text-red-800">{errorMessage(entity.error, "This entity could not be read.")}</p>}
      {node && <PropertyList node={node} />}
      {typeof node?.properties.description === "string" && <p className="user-block text-sm text-gray-700">{node.properties.description}</p>}
      <div>
        <h4 className="text-sm font-medium">
          Neighbours{neighbours.data ? ` (${neighbours.data.total})` : ""}
        </h4>
        {neighbours.isPending ? (
          <p className="text-sm text-gray-600">Reading neighbours…</p>
        ) : neighbours.isError ? (
          <p className="text-sm text-red-800">{errorMessage(neighbours.error, "Its neighbours could not be read.")}</p>
        ) : neighbours.data.nodes.length === 0 ? (
          <p className="text-sm text-gray-600">None.</p>
        ) : (
          <ul className="text-sm">
            {neighbours.data.nodes.map((neighbour) => (
              <li key={neighbour.id}>
                <UserText>{neighbour.name}</UserText> <span className="text-xs text-gray-600">{ENTITY_TYPE_SPECS[neighbour.type].label}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
