/**
 * A graph for Gephi (and yEd, Cytoscape desktop, NetworkX): GraphML and GEXF 1.3. Pure and browser-safe.
 *
 * Both carry every node with its type and name, every property as a string attribute (lists and maps as
 * JSON), and every relationship with its type, sources (report ids joined by "; ") and quote. Positions,
 * when the graph has them, go into GEXF's viz:position so Gephi opens the same picture. Every value is
 * XML-escaped; characters XML cannot hold at all are dropped. Bidi control characters are kept: these
 * files are data, exported exactly as stored; only drawings neutralise them (lib/text/bidi.ts).
 */
import type { JsonValue } from "../json";
import { xmlEscape } from "../format/xml";
import { ENTITY_TYPE_SPECS } from "../model/registry";
import type { PositionedGraph } from "../graph/positioned";
import type { GraphData, GraphEdge, GraphNode } from "../graph/types";

function text(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** Only edges whose two ends are exported, as in the drawing and the other formats. */
function exportedEdges(graph: GraphData): GraphEdge[] {
  const ids = new Set(graph.nodes.map((node) => node.id));
  return graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
}

function propertyKeys(items: readonly { properties: Record<string, JsonValue> }[], fixed: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.properties)) if (!fixed.includes(key)) keys.add(key);
  return [...keys].sort();
}

const NODE_FIXED = ["type", "name"] as const;
const EDGE_FIXED = ["type", "sources", "quote"] as const;

function nodeValues(node: GraphNode): Record<string, string> {
  return { type: node.type, name: node.name, ...Object.fromEntries(Object.entries(node.properties).map(([key, value]) => [key, text(value)])) };
}

function edgeValues(edge: GraphEdge): Record<string, string> {
  return {
    type: edge.type,
    sources: edge.sources.map((source) => source.id).join("; "),
    quote: edge.quote ?? "",
    ...Object.fromEntries(Object.entries(edge.properties).map(([key, value]) => [key, text(value)])),
  };
}

export function toGraphML(graph: GraphData | PositionedGraph, title = "Redstring graph"): string {
  const edges = exportedEdges(graph);
  const nodeKeys = [...NODE_FIXED, ...propertyKeys(graph.nodes, NODE_FIXED)];
  const edgeKeys = [...EDGE_FIXED, ...propertyKeys(edges, EDGE_FIXED)];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${xmlEscape(title)}</desc>`,
    ...nodeKeys.map((key, index) => `  <key id="n${index}" for="node" attr.name="${xmlEscape(key)}" attr.type="string"/>`),
    ...edgeKeys.map((key, index) => `  <key id="e${index}" for="edge" attr.name="${xmlEscape(key)}" attr.type="string"/>`),
    '  <graph id="G" edgedefault="directed">',
  ];
  for (const node of graph.nodes) {
    const values = nodeValues(node);
    lines.push(`    <node id="${xmlEscape(node.id)}">`);
    nodeKeys.forEach((key, index) => {
      const value = values[key];
      if (value) lines.push(`      <data key="n${index}">${xmlEscape(value)}</data>`);
    });
    lines.push("    </node>");
  }
  for (const edge of edges) {
    const values = edgeValues(edge);
    lines.push(`    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">`);
    edgeKeys.forEach((key, index) => {
      const value = values[key];
      if (value) lines.push(`      <data key="e${index}">${xmlEscape(value)}</data>`);
    });
    lines.push("    </edge>");
  }
  lines.push("  </graph>", "</graphml>", "");
  return lines.join("\n");
}

function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match ? { r: parseInt(match[1]!, 16), g: parseInt(match[2]!, 16), b: parseInt(match[3]!, 16) } : { r: 128, g: 128, b: 128 };
}

export function toGexf(graph: GraphData | PositionedGraph, title = "Redstring graph", exportedAt = new Date().toISOString()): string {
  const edges = exportedEdges(graph);
  const nodeKeys = [...NODE_FIXED, ...propertyKeys(graph.nodes, NODE_FIXED)];
  const edgeKeys = [...EDGE_FIXED, ...propertyKeys(edges, EDGE_FIXED)];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta lastmodifieddate="${exportedAt.slice(0, 10)}"><creator>Redstring</creator><description>${xmlEscape(title)}</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...nodeKeys.map((key, index) => `      <attribute id="n${index}" title="${xmlEscape(key)}" type="string"/>`),
    "    </attributes>",
    '    <attributes class="edge">',
    ...edgeKeys.map((key, index) => `      <attribute id="e${index}" title="${xmlEscape(key)}" type="string"/>`),
    "    </attributes>",
    "    <nodes>",
  ];
  for (const node of graph.nodes) {
    const values = nodeValues(node);
    const color = hexToRgb(ENTITY_TYPE_SPECS[node.type].color);
    lines.push(`      <node id="${xmlEscape(node.id)}" label="${xmlEscape(node.name)}">`, "        <attvalues>");
    nodeKeys.forEach((key, index) => {
      const value = values[key];
      if (value) lines.push(`          <attvalue for="n${index}" value="${xmlEscape(value)}"/>`);
    });
    lines.push("        </attvalues>", `        <viz:color r="${color.r}" g="${color.g}" b="${color.b}"/>`);
    if ("position" in node && node.position) {
      const { x, y } = node.position as { x: number; y: number };
      // Gephi's y axis points up; Cytoscape's points down.
      lines.push(`        <viz:position x="${Number(x.toFixed(2))}" y="${Number((-y).toFixed(2))}" z="0"/>`);
    }
    lines.push("      </node>");
  }
  lines.push("    </nodes>", "    <edges>");
  for (const edge of edges) {
    const values = edgeValues(edge);
    lines.push(
      `      <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}" label="${xmlEscape(edge.type)}" weight="${Math.max(1, edge.sources.length)}">`,
      "        <attvalues>",
    );
    edgeKeys.forEach((key, index) => {
      const value = values[key];
      if (value) lines.push(`          <attvalue for="e${index}" value="${xmlEscape(value)}"/>`);
    });
    lines.push("        </attvalues>", "      </edge>");
  }
  lines.push("    </edges>", "  </graph>", "</gexf>", "");
  return lines.join("\n");
}
