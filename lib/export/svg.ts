/**
 * A positioned subgraph as a standalone SVG 1.1 document that looks like the explorer's Cytoscape drawing
 * (lib/graph/style.ts): the same node size, registry colours and shapes, labels under the nodes, edges
 * as thick as their number of sources, with an arrowhead at the target. Pure and browser-safe, so the
 * "Download SVG" button and the server's PNG previews (lib/export/png.ts) draw the same picture.
 *
 * Every user string (names, verbs, the title) goes through xmlText(): a name is always text, never
 * markup, and its bidi control characters are removed (SVG text has no isolation, so a right-to-left
 * override in a name would reverse the words drawn beside it; lib/text/bidi.ts). Output is deterministic (input order, fixed number formatting), so it can be compared in tests.
 */
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS, type NodeShape } from "../model/registry";
import { nodeLabel, sourcesWidth } from "../graph/elements";
import type { Position, PositionedGraph, PositionedNode } from "../graph/positioned";
import type { GraphEdge } from "../graph/types";
import { xmlEscape } from "../format/xml";
import { stripBidiControls } from "../text/bidi";

export interface SvgOptions {
  /** Written as the document's <title> (tooltips, accessibility). */
  title?: string;
  /** Room around the drawing, in graph units; 20 by default. */
  padding?: number;
  /** Fill behind the drawing; "#ffffff" by default, "none" for a transparent background. */
  background?: string;
  /** The document is scaled down (never up) to at most this many pixels wide. */
  maxWidth?: number;
}

export interface SvgImage {
  svg: string;
  width: number;
  height: number;
}

/** The drawing without its <svg> wrapper, so another document (the link preview) can embed it. */
export interface SvgContent {
  /** <defs> and the elements, in graph coordinates. */
  body: string;
  viewBox: { x: number; y: number; width: number; height: number };
}

export const SVG_FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/* Sizes from the stylesheet. */
const NODE_SIZE = 34;
const NODE_RADIUS = NODE_SIZE / 2;
const NODE_BORDER = "#374151";
const NODE_FONT_SIZE = 9;
const NODE_LABEL_MARGIN = 4;
const NODE_LINE_HEIGHT = 11;
const EDGE_COLOR = "#9ca3af";
const EDGE_FONT_SIZE = 8;
const EDGE_LABEL_COLOR = "#4b5563";
const LABEL_COLOR = "#1f2937";
/** Cytoscape wraps at text-max-width 120px; at 9px that is about 22 characters. */
const LABEL_LINE_CHARS = 22;
const LABEL_MAX_LINES = 3;
/** A generous average glyph width (em) for DejaVu Sans, to size label backgrounds and the bounding box. */
const GLYPH_WIDTH_EM = 0.6;
/** Parallel edges between the same two nodes bow apart like Cytoscape's bezier edges. */
const PARALLEL_STEP = 24;
const DEFAULT_PADDING = 20;

/* ---------------------------------------------------------------- text */

/** Text safe as XML element content and as a quoted attribute value, with no bidi control left in it. */
export function xmlText(value: string): string {
  return xmlEscape(stripBidiControls(value));
}

/** Fixed formatting (at most 2 decimals, no "-0"), so equal input always prints the same. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) || rounded === 0 ? "0" : String(rounded);
}

export function estimateTextWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * GLYPH_WIDTH_EM;
}

function truncate(text: string, chars: number): string {
  const glyphs = [...text];
  return glyphs.length <= chars ? text : `${glyphs.slice(0, Math.max(1, chars - 1)).join("").trimEnd()}…`;
}

/**
 * Greedy word wrap to `chars` per line and at most `maxLines` lines; a word longer than a line is cut,
 * and text that does not fit ends with an ellipsis.
 */
export function wrapText(text: string, chars: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    let rest = word;
    // Cut a word that is longer than a line on its own.
    while ([...rest].length > chars) {
      if (current) {
        lines.push(current);
        current = "";
      }
      lines.push([...rest].slice(0, chars).join(""));
      rest = [...rest].slice(chars).join("");
    }
    const candidate = current ? `${current} ${rest}` : rest;
    if ([...candidate].length <= chars) {
      current = candidate;
    } else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? "";
  kept[maxLines - 1] = [...last].length < chars ? `${last}…` : truncate(last, chars);
  return kept;
}

/** A node's label as lines: each "\n" part wrapped; later parts (an event's date) keep at least a line. */
function labelLines(node: PositionedNode): string[] {
  const parts = nodeLabel(node).split("\n");
  const lines: string[] = [];
  parts.forEach((part, index) => {
    const budget = LABEL_MAX_LINES - lines.length - (parts.length - index - 1);
    if (budget > 0) lines.push(...wrapText(part, LABEL_LINE_CHARS, budget));
  });
  return lines;
}

/* ---------------------------------------------------------------- shapes */

/** Cytoscape's regular polygon of `sides` corners, scaled to fill the unit square [-1, 1]². */
function ngon(sides: number, rotation = 0): number[] {
  const increment = (2 * Math.PI) / sides;
  const start = (sides % 2 === 0 ? Math.PI / 2 + increment / 2 : Math.PI / 2) + rotation;
  const points: number[] = [];
  for (let i = 0; i < sides; i += 1) {
    const angle = start + i * increment;
    points.push(Math.cos(angle), Math.sin(-angle));
  }
  return points;
}

function fitToSquare(points: number[]): number[] {
  const xs = points.filter((_, index) => index % 2 === 0);
  const ys = points.filter((_, index) => index % 2 === 1);
  const sx = 2 / (Math.max(...xs) - Math.min(...xs));
  const sy = 2 / (Math.max(...ys) - Math.min(...ys));
  const scaled = points.map((value, index) => value * (index % 2 === 0 ? sx : sy));
  const minY = Math.min(...scaled.filter((_, index) => index % 2 === 1));
  return minY < -1 ? scaled.map((value, index) => (index % 2 === 1 ? value + (-1 - minY) : value)) : scaled;
}

function star(): number[] {
  const outer = ngon(5);
  const innerRadius = 0.5 * (3 - Math.sqrt(5)) * 1.57; // as Cytoscape draws its "star"
  const inner = ngon(5, Math.PI / 5).map((value) => value * innerRadius);
  const points: number[] = [];
  for (let i = 0; i < 5; i += 1) points.push(outer[2 * i] ?? 0, outer[2 * i + 1] ?? 0, inner[2 * i] ?? 0, inner[2 * i + 1] ?? 0);
  return fitToSquare(points);
}

/** Unit polygons of the shapes Cytoscape draws as polygons (same corner lists as Cytoscape). */
const UNIT_POLYGONS: Partial<Record<NodeShape, number[]>> = {
  hexagon: fitToSquare(ngon(6)),
  pentagon: fitToSquare(ngon(5)),
  octagon: fitToSquare(ngon(8)),
  star: star(),
  diamond: [0, 1, 1, 0, 0, -1, -1, 0],
  tag: [-1, -1, 0.25, -1, 1, 0, 0.25, 1, -1, 1],
};

function polygonPath(unit: readonly number[], center: Position): string {
  const parts: string[] = [];
  for (let i = 0; i < unit.length; i += 2) {
    const x = center.x + (unit[i] ?? 0) * NODE_RADIUS;
    const y = center.y + (unit[i + 1] ?? 0) * NODE_RADIUS;
    parts.push(`${i === 0 ? "M" : "L"}${num(x)} ${num(y)}`);
  }
  return `${parts.join(" ")} Z`;
}

function roundRectanglePath(center: Position, radius: number): string {
  const left = center.x - NODE_RADIUS;
  const top = center.y - NODE_RADIUS;
  const inner = NODE_SIZE - 2 * radius;
  return (
    `M${num(left + radius)} ${num(top)} h${num(inner)} a${num(radius)} ${num(radius)} 0 0 1 ${num(radius)} ${num(radius)} ` +
    `v${num(inner)} a${num(radius)} ${num(radius)} 0 0 1 ${num(-radius)} ${num(radius)} h${num(-inner)} ` +
    `a${num(radius)} ${num(radius)} 0 0 1 ${num(-radius)} ${num(-radius)} v${num(-inner)} ` +
    `a${num(radius)} ${num(radius)} 0 0 1 ${num(radius)} ${num(-radius)} Z`
  );
}

function circlePath(center: Position): string {
  const r = num(NODE_RADIUS);
  return (
    `M${num(center.x - NODE_RADIUS)} ${num(center.y)} a${r} ${r} 0 1 0 ${num(NODE_SIZE)} 0 ` +
    `a${r} ${r} 0 1 0 ${num(-NODE_SIZE)} 0 Z`
  );
}

export function nodeShapePath(shape: NodeShape, center: Position): string {
  switch (shape) {
    case "round-rectangle":
      return roundRectanglePath(center, Math.min(NODE_SIZE / 4, 8)); // Cytoscape's corner radius
    case "barrel":
      return roundRectanglePath(center, NODE_SIZE / 4); // close enough at this size; no type uses it yet
    case "ellipse":
      return circlePath(center);
    case "hexagon":
    case "pentagon":
    case "octagon":
    case "star":
    case "diamond":
    case "tag":
      return polygonPath(UNIT_POLYGONS[shape] ?? [], center);
  }
}

/* ---------------------------------------------------------------- layout */

/** The canvas's width by sources (lib/graph/elements.ts): a drawing is the default view. */
export const edgeWidth = sourcesWidth;

/** Cytoscape's triangle arrow: 0.3 of max((width * 13.37)^0.9, 29), as long as it is wide. */
function arrowSize(width: number): number {
  return Math.round(0.3 * Math.max(Math.pow(width * 13.37, 0.9), 29) * 10) / 10;
}

class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;

  add(x: number, y: number) {
    this.minX = Math.min(this.minX, x);
    this.minY = Math.min(this.minY, y);
    this.maxX = Math.max(this.maxX, x);
    this.maxY = Math.max(this.maxY, y);
  }

  addBox(cx: number, cy: number, halfWidth: number, halfHeight: number) {
    this.add(cx - halfWidth, cy - halfHeight);
    this.add(cx + halfWidth, cy + halfHeight);
  }
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function unit(dx: number, dy: number): { x: number; y: number } {
  const length = Math.hypot(dx, dy);
  return length === 0 ? { x: 1, y: 0 } : { x: dx / length, y: dy / length };
}

interface DrawnEdge {
  edge: GraphEdge;
  path: string;
  width: number;
  marker: string;
  label: string;
  labelAt: Position;
  /** Degrees, kept upright like Cytoscape's autorotate. */
  labelAngle: number;
}

function labelBackground(x: number, y: number, text: string, fontSize: number): string {
  const width = estimateTextWidth(text, fontSize) + 2;
  const height = fontSize + 2;
  return `<rect x="${num(x - width / 2)}" y="${num(y - fontSize)}" width="${num(width)}" height="${num(height)}" fill="#ffffff" fill-opacity="0.8"/>`;
}

/**
 * Edges between the same two nodes get indexes -n..n so they bow apart; the only edge of a pair is
 * straight. Keys are unordered pairs, so A->B and B->A are spread too.
 */
function parallelOffsets(edges: readonly GraphEdge[]): number[] {
  const groups = new Map<string, number[]>();
  edges.forEach((edge, index) => {
    const key = [edge.source, edge.target].sort().join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const offsets = new Array<number>(edges.length).fill(0);
  for (const members of groups.values()) {
    members.forEach((edgeIndex, position) => {
      offsets[edgeIndex] = (position - (members.length - 1) / 2) * PARALLEL_STEP;
    });
  }
  return offsets;
}

function drawEdge(edge: GraphEdge, from: Position, to: Position, offset: number, markerId: string): DrawnEdge {
  const width = edgeWidth(edge.sources.length);
  const arrow = arrowSize(width);
  const label = RELATIONSHIP_TYPE_SPECS[edge.type].verb;

  if (edge.source === edge.target) {
    // A loop above the node, as Cytoscape draws one.
    const reach = NODE_RADIUS + 40;
    const at = (degrees: number, distance: number) => ({
      x: from.x + Math.cos((degrees * Math.PI) / 180) * distance,
      y: from.y + Math.sin((degrees * Math.PI) / 180) * distance,
    });
    const start = at(-110, NODE_RADIUS);
    const c1 = at(-135, reach);
    const c2 = at(-45, reach);
    const border = at(-70, NODE_RADIUS);
    const back = unit(c2.x - border.x, c2.y - border.y);
    const end = { x: border.x + back.x * arrow, y: border.y + back.y * arrow };
    return {
      edge,
      width,
      marker: markerId,
      label,
      path: `M${num(start.x)} ${num(start.y)} C${num(c1.x)} ${num(c1.y)} ${num(c2.x)} ${num(c2.y)} ${num(end.x)} ${num(end.y)}`,
      labelAt: { x: from.x, y: from.y - NODE_RADIUS - 32 },
      labelAngle: 0,
    };
  }

  const direction = unit(to.x - from.x, to.y - from.y);
  // The normal is taken from the unordered pair, so A->B and B->A with opposite offsets do not cross.
  const flip = edge.source < edge.target ? 1 : -1;
  const normal = { x: -direction.y * flip, y: direction.x * flip };
  const control = {
    x: (from.x + to.x) / 2 + normal.x * offset * 2,
    y: (from.y + to.y) / 2 + normal.y * offset * 2,
  };
  // Leave the node borders (approximated by the node radius), and stop short by the arrow's length
  // so the arrowhead's tip touches the target's border.
  const out = unit(control.x - from.x, control.y - from.y);
  const into = unit(to.x - control.x, to.y - control.y);
  const start = { x: from.x + out.x * NODE_RADIUS, y: from.y + out.y * NODE_RADIUS };
  const end = { x: to.x - into.x * (NODE_RADIUS + arrow), y: to.y - into.y * (NODE_RADIUS + arrow) };
  const path =
    offset === 0
      ? `M${num(start.x)} ${num(start.y)} L${num(end.x)} ${num(end.y)}`
      : `M${num(start.x)} ${num(start.y)} Q${num(control.x)} ${num(control.y)} ${num(end.x)} ${num(end.y)}`;
  // The quadratic curve's midpoint (t = 0.5) carries the label; for a straight edge it is the middle.
  const labelAt = {
    x: 0.25 * from.x + 0.5 * control.x + 0.25 * to.x,
    y: 0.25 * from.y + 0.5 * control.y + 0.25 * to.y,
  };
  let labelAngle = (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
  if (labelAngle > 90) labelAngle -= 180;
  if (labelAngle <= -90) labelAngle += 180;
  return { edge, width, marker: markerId, label, path, labelAt, labelAngle };
}

/** The drawing in graph coordinates, with its fitted view box. */
export function graphSvgContent(graph: PositionedGraph, options: Pick<SvgOptions, "padding"> = {}): SvgContent {
  const padding = Math.max(0, finite(options.padding ?? DEFAULT_PADDING));
  const nodes = new Map<string, PositionedNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const positionOf = (node: PositionedNode): Position => ({ x: finite(node.position.x), y: finite(node.position.y) });

  if (nodes.size === 0) {
    const text = `<text x="80" y="34" text-anchor="middle" font-size="14" fill="${EDGE_LABEL_COLOR}">Empty graph</text>`;
    return { body: text, viewBox: { x: 0, y: 0, width: 160, height: 56 } };
  }

  const bounds = new Bounds();
  // Edges whose ends are not in the picture are not drawn (as in the explorer).
  const edges = graph.edges.filter((edge) => nodes.has(edge.source) && nodes.has(edge.target));
  const offsets = parallelOffsets(edges);
  const arrowSizes = [...new Set(edges.map((edge) => arrowSize(edgeWidth(edge.sources.length))))].sort((a, b) => a - b);
  const markerIdOf = (size: number) => `redstring-arrow-${arrowSizes.indexOf(size)}`;

  const drawnEdges = edges.map((edge, index) => {
    const from = positionOf(nodes.get(edge.source) as PositionedNode);
    const to = positionOf(nodes.get(edge.target) as PositionedNode);
    const drawn = drawEdge(edge, from, to, offsets[index] ?? 0, markerIdOf(arrowSize(edgeWidth(edge.sources.length))));
    const half = estimateTextWidth(drawn.label, EDGE_FONT_SIZE) / 2 + 2;
    // Rotated labels: the half width bounds them in every direction.
    bounds.addBox(drawn.labelAt.x, drawn.labelAt.y, half, Math.max(half * Math.abs(Math.sin((drawn.labelAngle * Math.PI) / 180)), EDGE_FONT_SIZE));
    if (edge.source === edge.target) bounds.addBox(from.x, from.y - NODE_RADIUS - 20, NODE_RADIUS + 24, 24);
    return drawn;
  });

  const markers = arrowSizes.map(
    (size, index) =>
      `<marker id="redstring-arrow-${index}" viewBox="0 0 10 10" refX="0" refY="5" markerUnits="userSpaceOnUse" ` +
      `markerWidth="${num(size)}" markerHeight="${num(size)}" orient="auto"><path d="M0 0 L10 5 L0 10 Z" fill="${EDGE_COLOR}"/></marker>`,
  );

  const edgeParts = drawnEdges.map(({ edge, path, width, marker }) => {
    const from = nodes.get(edge.source)?.name ?? edge.source;
    const to = nodes.get(edge.target)?.name ?? edge.target;
    const verb = RELATIONSHIP_TYPE_SPECS[edge.type].verb;
    return (
      `<g class="edge"><title>${xmlText(`${from} ${verb} ${to}`)}</title>` +
      `<path d="${path}" fill="none" stroke="${EDGE_COLOR}" stroke-width="${num(width)}" marker-end="url(#${marker})"/></g>`
    );
  });

  const edgeLabels = drawnEdges.map(({ label, labelAt, labelAngle }) => {
    const x = labelAt.x;
    const y = labelAt.y + EDGE_FONT_SIZE / 3; // visually centred on the line
    const rotate = labelAngle === 0 ? "" : ` transform="rotate(${num(labelAngle)} ${num(labelAt.x)} ${num(labelAt.y)})"`;
    return (
      `<g class="edge-label"${rotate}>${labelBackground(x, y, label, EDGE_FONT_SIZE)}` +
      `<text x="${num(x)}" y="${num(y)}" text-anchor="middle" font-size="${EDGE_FONT_SIZE}" fill="${EDGE_LABEL_COLOR}">${xmlText(label)}</text></g>`
    );
  });

  const nodeParts: string[] = [];
  const nodeLabels: string[] = [];
  for (const node of nodes.values()) {
    const spec = ENTITY_TYPE_SPECS[node.type];
    const at = positionOf(node);
    nodeParts.push(
      `<g class="node"><title>${xmlText(`${node.name} (${spec.label})`)}</title>` +
        `<path d="${nodeShapePath(spec.shape, at)}" fill="${spec.color}" stroke="${NODE_BORDER}" stroke-width="1"/></g>`,
    );
    const lines = labelLines(node);
    const firstBaseline = at.y + NODE_RADIUS + NODE_LABEL_MARGIN + NODE_FONT_SIZE;
    const backgrounds = lines.map((line, index) => labelBackground(at.x, firstBaseline + index * NODE_LINE_HEIGHT, line, NODE_FONT_SIZE));
    const spans = lines.map(
      (line, index) => `<tspan x="${num(at.x)}" y="${num(firstBaseline + index * NODE_LINE_HEIGHT)}">${xmlText(line)}</tspan>`,
    );
    nodeLabels.push(
      `<g class="node-label">${backgrounds.join("")}<text text-anchor="middle" font-size="${NODE_FONT_SIZE}" fill="${LABEL_COLOR}">${spans.join("")}</text></g>`,
    );
    const widest = Math.max(0, ...lines.map((line) => estimateTextWidth(line, NODE_FONT_SIZE) + 2));
    bounds.addBox(at.x, at.y, Math.max(NODE_RADIUS + 1, widest / 2), NODE_RADIUS + 1);
    bounds.add(at.x, firstBaseline + (lines.length - 1) * NODE_LINE_HEIGHT + 4);
  }

  // Whole units, centred: integer width/height attributes with no stretching.
  const contentWidth = bounds.maxX - bounds.minX + 2 * padding;
  const contentHeight = bounds.maxY - bounds.minY + 2 * padding;
  const width = Math.ceil(contentWidth);
  const height = Math.ceil(contentHeight);
  const viewBox = {
    x: bounds.minX - padding - (width - contentWidth) / 2,
    y: bounds.minY - padding - (height - contentHeight) / 2,
    width,
    height,
  };

  const body = [
    markers.length > 0 ? `<defs>${markers.join("")}</defs>` : "",
    `<g class="edges">${edgeParts.join("")}</g>`,
    `<g class="nodes">${nodeParts.join("")}</g>`,
    `<g class="edge-labels">${edgeLabels.join("")}</g>`,
    `<g class="node-labels">${nodeLabels.join("")}</g>`,
  ].join("");
  return { body, viewBox };
}

/** A standalone SVG 1.1 document of the graph, fitted to its nodes and labels. */
export function graphToSvg(graph: PositionedGraph, options: SvgOptions = {}): SvgImage {
  const { body, viewBox } = graphSvgContent(graph, options);
  const maxWidth = options.maxWidth !== undefined && options.maxWidth > 0 ? options.maxWidth : Infinity;
  const scale = Math.min(1, maxWidth / viewBox.width);
  const width = Math.max(1, Math.round(viewBox.width * scale));
  const height = Math.max(1, Math.round(viewBox.height * scale));
  const background = options.background ?? "#ffffff";
  const box = `${num(viewBox.x)} ${num(viewBox.y)} ${num(viewBox.width)} ${num(viewBox.height)}`;

  const svg = [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="${box}" `,
    `font-family="${SVG_FONT_FAMILY}">`,
    options.title !== undefined ? `<title>${xmlText(options.title)}</title>` : "",
    background === "none"
      ? ""
      : `<rect class="background" x="${num(viewBox.x)}" y="${num(viewBox.y)}" width="${num(viewBox.width)}" height="${num(viewBox.height)}" fill="${xmlText(background)}"/>`,
    body,
    `</svg>\n`,
  ].join("");
  return { svg, width, height };
}
