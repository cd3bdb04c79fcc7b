"use client";

import { useState } from "react";
import { UserText } from "@/components/ui/UserText";
import { TypeSwatch } from "@/components/graph/Legend";
import { useDatasetList } from "@/components/datasets/hooks/useDatasets";
import { NO_DATASET } from "@/lib/explore/view-state";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_SPECS, type EntityType, type RelationshipType } from "@/lib/model/registry";

interface FilterBarProps {
  entityCounts: Partial<Record<EntityType, number>>;
  relationshipCounts: Partial<Record<RelationshipType, number>>;
  hiddenTypes: readonly EntityType[];
  hiddenRelationships: readonly RelationshipType[];
  onToggleType: (type: EntityType) => void;
  onToggleRelationship: (type: RelationshipType) => void;
  /** Nodes in the view per data set (NO_DATASET: made by hand). */
  datasetCounts?: Readonly<Record<string, number>>;
  hiddenDatasets?: readonly string[];
  onToggleDataset?: (id: string) => void;
}

/**
 * The legend, made a filter: each type's colour and shape with its count in the view and a checkbox to
 * show or hide it; the same for relationship types. A bar above the graph, so it never covers a node.
 */
export function FilterBar({
  entityCounts,
  relationshipCounts,
  hiddenTypes,
  hiddenRelationships,
  onToggleType,
  onToggleRelationship,
  datasetCounts = {},
  hiddenDatasets = [],
  onToggleDataset,
}: FilterBarProps) {
  const [open, setOpen] = useState(() => typeof window === "undefined" || !window.matchMedia("(max-width: 767px)").matches);
  const relationshipsInView = RELATIONSHIP_TYPES.filter((type) => relationshipCounts[type] || hiddenRelationships.includes(type));
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      aria-label="Legend and filters"
      className="border-b border-gray-200 bg-white px-3 py-1.5 text-xs"
    >
      <summary className="cursor-pointer font-semibold text-gray-700">Legend and filters</summary>
      <fieldset className="mt-1">
        <legend className="sr-only">Entity types to show</legend>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {ENTITY_TYPES.map((type) => (
            <li key={type}>
              <label className="flex cursor-pointer items-center gap-1.5 text-gray-700">
                <input type="checkbox" checked={!hiddenTypes.includes(type)} onChange={() => onToggleType(type)} className="h-3.5 w-3.5" />
                <TypeSwatch type={type} />
                <span>{ENTITY_TYPE_SPECS[type].label}</span>
                <span className="text-gray-500">({entityCounts[type] ?? 0})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {relationshipsInView.length > 0 && (
        <fieldset className="mt-1">
          <legend className="sr-only">Relationship types to show</legend>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {relationshipsInView.map((type) => (
              <li key={type}>
                <label className="flex cursor-pointer items-center gap-1.5 text-gray-700">
                  <input
                    type="checkbox"
                    checked={!hiddenRelationships.includes(type)}
                    onChange={() => onToggleRelationship(type)}
                    className="h-3.5 w-3.5"
                  />
                  <span className="italic">{RELATIONSHIP_TYPE_SPECS[type].verb}</span>
                  <span className="text-gray-500">({relationshipCounts[type] ?? 0})</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {onToggleDataset && <DatasetToggles counts={datasetCounts} hidden={hiddenDatasets} onToggle={onToggleDataset} />}
    </details>
  );
}

/**
 * The data sets the view's nodes come from, each with a checkbox: a node is hidden once every data set it
 * comes from is unticked. Shown only when some node of the view comes from an import.
 */
function DatasetToggles({ counts, hidden, onToggle }: { counts: Readonly<Record<string, number>>; hidden: readonly string[]; onToggle: (id: string) => void }) {
  const ids = [...new Set([...Object.keys(counts), ...hidden])];
  const imported = ids.some((id) => id !== NO_DATASET);
  const names = useDatasetList(imported);
  if (!imported) return null;
  const nameOf = (id: string) => (id === NO_DATASET ? "made by hand" : (names.data?.find((dataset) => dataset.id === id)?.name ?? id));
  const sorted = ids.sort((a, b) => (a === NO_DATASET ? 1 : b === NO_DATASET ? -1 : nameOf(a).localeCompare(nameOf(b))));
  return (
    <fieldset className="mt-1">
      <legend className="sr-only">Data sets to show</legend>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {sorted.map((id) => (
          <li key={id}>
            <label className="flex cursor-pointer items-center gap-1.5 text-gray-700">
              <input type="checkbox" checked={!hidden.includes(id)} onChange={() => onToggle(id)} className="h-3.5 w-3.5" />
              <span>
                {id === NO_DATASET ? "" : "Data set: "}
                <UserText>{nameOf(id)}</UserText>
              </span>
              <span className="text-gray-500">({counts[id] ?? 0})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
