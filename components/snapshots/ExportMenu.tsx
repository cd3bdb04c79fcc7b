"use client";

import type { Core } from "cytoscape";
import { useState } from "react";
import { download, fileNameOf } from "@/lib/download";
import { toEdgesCsv, toNodesCsv, toRedstringJson } from "@/lib/export/json-csv";
import { toGexf, toGraphML } from "@/lib/export/gephi";
import type { PositionedGraph } from "@/lib/graph/positioned";
import { graphToSvg } from "@/lib/export/svg";

interface ExportMenuProps {
  title: string;
  /** The live canvas, for the PNG (drawn by Cytoscape itself, at three times the screen's resolution). */
  getCore: () => Core | null;
  /** The graph as drawn, for SVG, JSON and CSV. */
  getGraph: () => PositionedGraph;
}

/** Downloads of the view: PNG, SVG, Redstring JSON (re-importable), GraphML and GEXF (Gephi), CSV of nodes and of edges. */
export function ExportMenu({ title, getCore, getGraph }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const name = fileNameOf(title);

  const exports = [
    {
      label: "PNG image",
      run: () => {
        const cy = getCore();
        if (!cy) return;
        const blob = cy.png({ output: "blob", full: true, scale: 3, bg: "#ffffff", maxWidth: 8000, maxHeight: 8000 });
        download(`${name}.png`, blob);
      },
    },
    { label: "SVG image", run: () => download(`${name}.svg`, graphToSvg(getGraph(), { title }).svg, "image/svg+xml;charset=utf-8") },
    {
      label: "Redstring JSON",
      run: () => download(`${name}.json`, `${JSON.stringify(toRedstringJson(getGraph(), { title }), null, 2)}\n`, "application/json;charset=utf-8"),
    },
    { label: "GraphML (Gephi, yEd)", run: () => download(`${name}.graphml`, toGraphML(getGraph(), title), "application/graphml+xml;charset=utf-8") },
    { label: "GEXF (Gephi)", run: () => download(`${name}.gexf`, toGexf(getGraph(), title), "application/gexf+xml;charset=utf-8") },
    { label: "CSV of nodes", run: () => download(`${name}-nodes.csv`, toNodesCsv(getGraph()), "text/csv;charset=utf-8") },
    { label: "CSV of relationships", run: () => download(`${name}-relationships.csv`, toEdgesCsv(getGraph()), "text/csv;charset=utf-8") },
  ];

  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
        className="rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm text-gray-700 hover:bg-gray-100"
      >
        Export
      </button>
      {open && (
        <ul aria-label="Export as" className="absolute right-0 z-30 mt-1 w-52 rounded-md border border-gray-200 bg-white py-1 text-sm shadow-lg">
          {exports.map((item) => (
            <li key={item.label}>
              <button
                type="button"
                onClick={() => {
                  item.run();
                  setOpen(false);
                }}
                className="block w-full px-3 py-1.5 text-left hover:bg-gray-100"
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
