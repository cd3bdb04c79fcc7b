"use client";

import { useState } from "react";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS, type EntityType, type NodeShape } from "@/lib/model/registry";

/** Small SVG versions of the Cytoscape shapes, so the legend shows the same shape as the graph. */
const SHAPE_PATHS: Record<NodeShape, string> = {
  "round-rectangle": "M3 2 H13 Q14 2 14 3 V13 Q14 14 13 14 H3 Q2 14 2 13 V3 Q2 2 3 2 Z",
  ellipse: "M8 2 A6 6 0 1 1 7.99 2 Z",
  hexagon: "M4.5 2 H11.5 L15 8 L11.5 14 H4.5 L1 8 Z",
  octagon: "M5.5 2 H10.5 L14 5.5 V10.5 L10.5 14 H5.5 L2 10.5 V5.5 Z",
  tag: "M2 3 H11 L15 8 L11 13 H2 Z",
  diamond: "M8 1 L15 8 L8 15 L1 8 Z",
  star: "M8 1 L9.9 6 L15 6 L10.9 9.2 L12.5 14.5 L8 11.3 L3.5 14.5 L5.1 9.2 L1 6 L6.1 6 Z",
  barrel: "M3 2 H13 Q15 8 13 14 H3 Q1 8 3 2 Z",
  pentagon: "M8 1.5 L14.5 6.2 L12 14 H4 L1.5 6.2 Z",
};

export function TypeSwatch({ type }: { type: EntityType }) {
  const spec = ENTITY_TYPE_SPECS[type];
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" className="shrink-0">
      <path d={SHAPE_PATHS[spec.shape]} fill={spec.color} stroke="#374151" strokeWidth="0.8" />
    </svg>
  );
}

/**
 * Colour and shape of every type, with how many of each are on screen: a bar above the graph, so it
 * never covers a node.
 */
export function Legend({ counts }: { counts: Partial<Record<EntityType, number>> }) {
  // Open on wide screens; on a phone it starts folded so it does not hide the graph.
  const [open, setOpen] = useState(
    () => typeof window === "undefined" || !window.matchMedia("(max-width: 767px)").matches,
  );
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      aria-label="Legend"
      className="border-b border-gray-200 bg-white px-3 py-1.5 text-xs"
    >
      <summary className="cursor-pointer font-semibold text-gray-700">Legend</summary>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {ENTITY_TYPES.map((type) => (
          <li key={type} className="flex items-center gap-1.5 text-gray-700">
            <TypeSwatch type={type} />
            <span>{ENTITY_TYPE_SPECS[type].label}</span>
            {counts[type] ? <span className="text-gray-500">({counts[type]})</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
