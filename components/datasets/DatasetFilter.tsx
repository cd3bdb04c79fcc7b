"use client";

import { useId } from "react";
import { useDatasetList } from "./hooks/useDatasets";

interface DatasetFilterProps {
  /** The data set chosen ("" for all). */
  value: string;
  onChange: (id: string) => void;
  enabled?: boolean;
}

/** "Search in": every data set, or one. Hidden while there is no data set to choose from. */
export function DatasetFilter({ value, onChange, enabled = true }: DatasetFilterProps) {
  const id = useId();
  const list = useDatasetList(enabled);
  const datasets = list.data ?? [];
  if (datasets.length === 0) return null;
  return (
    <span className="flex shrink-0 items-center gap-1 text-sm">
      <label htmlFor={id} className="text-gray-700">
        Search in
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className="max-w-[12rem] rounded-md border border-gray-300 bg-white px-1 py-1">
        <option value="">all data sets</option>
        {datasets.map((dataset) => (
          <option key={dataset.id} value={dataset.id}>
            {dataset.name}
          </option>
        ))}
      </select>
    </span>
  );
}
