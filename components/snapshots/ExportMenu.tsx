"use client";

import type { Core } from "cytoscape";
import { MenuButton } from "@/components/ui/Menu";
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
    <MenuButton menuLabel="Export as" items={exports.map((item) => ({ label: item.label, onSelect: item.run }))} size="md">
      Export
    </MenuButton>
  );
}
