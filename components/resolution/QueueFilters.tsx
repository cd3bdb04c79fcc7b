"use client";

import { ENTITY_TYPES, ENTITY_TYPE_SPECS } from "@/lib/model/registry";
import { HAND_MADE, type CandidateFilter } from "@/lib/resolution/client";
import { useDatasetList } from "@/components/datasets/hooks/useDatasets";
import { Field } from "@/components/ui/Field";

/** The queue's type and data-set filters; each change becomes the page's query string (so links can open it filtered). */
export function QueueFilters({ filter, onChange }: { filter: CandidateFilter; onChange: (filter: CandidateFilter) => void }) {
  const datasets = useDatasetList(true);
  const known = datasets.data ?? [];
  // A data set in the address that the list does not hold (yet) is still offered, so the select shows it.
  const options = filter.dataset && filter.dataset !== HAND_MADE && !known.some((dataset) => dataset.id === filter.dataset) ? [...known, { id: filter.dataset, name: filter.dataset }] : known;
  const select = "mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm sm:w-56";
  return (
    <div className="flex flex-wrap gap-3">
      <Field label="Type" className="text-sm font-medium text-gray-800" labelClassName="">
        {(control) => (
          <select
            {...control}
            className={select}
            value={filter.type ?? ""}
            onChange={(event) => {
              const type = ENTITY_TYPES.find((candidate) => candidate === event.target.value);
              onChange({ ...filter, type });
            }}
          >
            <option value="">Every type</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {ENTITY_TYPE_SPECS[type].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Data set" className="text-sm font-medium text-gray-800" labelClassName="">
        {(control) => (
          <select {...control} className={select} value={filter.dataset ?? ""} onChange={(event) => onChange({ ...filter, dataset: event.target.value || undefined })}>
            <option value="">Every data set</option>
            <option value={HAND_MADE}>Made by hand</option>
            {options.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
