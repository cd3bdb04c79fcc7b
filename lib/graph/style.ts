/** The Cytoscape stylesheet; colours and shapes come from the element data, which the registry sets. */
export const graphStylesheet = [
  {
    selector: "node",
    style: {
      "background-color": "data(color)",
      shape: "data(shape)",
      label: "data(short)",
      width: 34,
      height: 34,
      "font-size": 9,
      color: "#1f2937",
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "wrap",
      "text-max-width": "120px",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": "1px",
      "min-zoomed-font-size": 6,
      "border-width": 1,
      "border-color": "#374151",
    },
  },
  // The reader's size and colour scales (lib/graph/reading.ts), when chosen, over the type's defaults.
  { selector: "node[size]", style: { width: "data(size)", height: "data(size)" } },
  { selector: "node[tint]", style: { "background-color": "data(tint)" } },
  {
    selector: "node:selected",
    style: { "border-width": 4, "border-color": "#111827", "overlay-opacity": 0 },
  },
  {
    selector: "edge",
    style: {
      // By sources or by amount: lib/graph/elements.ts computes it (a log scale needs the view's range).
      width: "data(width)",
      "line-color": "#9ca3af",
      "target-arrow-color": "#9ca3af",
      "target-arrow-shape": "triangle",
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 8,
      color: "#4b5563",
      // Relationship labels appear once zoomed in, so a crowded overview stays readable.
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "min-zoomed-font-size": 9,
    },
  },
  {
    selector: "edge:selected",
    style: { "line-color": "#111827", "target-arrow-color": "#111827", width: 5 },
  },
  // The explorer's view controls: filtered elements are not drawn; a path or hovered event stands out.
  { selector: ".filtered", style: { display: "none" } },
  { selector: "node.highlighted", style: { "border-width": 5, "border-color": "#b91c1c" } },
  { selector: "edge.highlighted", style: { "line-color": "#b91c1c", "target-arrow-color": "#b91c1c", width: 5, "z-index": 10 } },
  { selector: "node.pinned", style: { "border-style": "double", "border-width": 5 } },
  // Reading a dense graph: labels by importance at this zoom, the hovered neighbourhood, matches, groups.
  { selector: "node.quiet", style: { "text-opacity": 0, "text-background-opacity": 0 } },
  { selector: ".faded", style: { opacity: 0.12 } },
  { selector: "node.found", style: { "border-width": 5, "border-color": "#2563eb", "text-opacity": 1, "z-index": 20 } },
  { selector: "node.found-current", style: { "border-width": 7, "border-color": "#1d4ed8", "underlay-color": "#93c5fd", "underlay-opacity": 0.6, "underlay-padding": 8 } },
  { selector: ".grouped", style: { display: "none" } },
  {
    selector: "node.group",
    style: { "background-color": "#e5e7eb", "border-width": 3, "border-style": "dashed", "border-color": "#4b5563", "font-weight": "bold", "text-opacity": 1 },
  },
  { selector: "edge.group-link", style: { "line-style": "dashed", "target-arrow-shape": "none", label: "data(label)" } },
  // "Compare with live" on a snapshot: changed in amber, gone dashed and faded, new in green.
  { selector: "node.changed", style: { "border-width": 4, "border-color": "#d97706" } },
  { selector: "node.removed", style: { opacity: 0.45, "border-style": "dashed", "border-width": 3, "border-color": "#b91c1c" } },
  { selector: "edge.changed", style: { "line-color": "#d97706", "target-arrow-color": "#d97706" } },
  { selector: "edge.removed", style: { "line-style": "dashed", "line-color": "#b91c1c", "target-arrow-color": "#b91c1c", opacity: 0.6 } },
  { selector: "edge.added", style: { "line-style": "dashed", "line-color": "#15803d", "target-arrow-color": "#15803d" } },
];
