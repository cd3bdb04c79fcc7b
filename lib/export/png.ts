import "server-only";
/**
 * SVG -> PNG on the server with resvg (a Rust renderer shipped as a native Node addon: no browser, no
 * canvas). Used for downloadable images and the 1200×630 link previews (Open Graph) of snapshots.
 *
 * Text needs fonts on the machine: resvg reads the system's fonts, and DejaVu Sans is the one we name
 * first (Debian: fonts-dejavu-core, which .ci/run installs). Without it, labels fall back to any sans
 * font found, or are left out; the shapes still draw.
 */
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import type { PositionedGraph } from "../graph/positioned";
import { SVG_FONT_FAMILY, estimateTextWidth, graphSvgContent, num, wrapText, xmlText } from "./svg";

const FONT_OPTIONS: ResvgRenderOptions["font"] = {
  loadSystemFonts: true,
  defaultFontFamily: "DejaVu Sans",
  sansSerifFamily: "DejaVu Sans",
};

/** Renders an SVG document to PNG, scaled to `width` pixels wide (height follows the aspect ratio). */
export function svgToPng(svg: string, width: number): Buffer {
  const pixels = Math.max(1, Math.round(Number.isFinite(width) ? width : 1));
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: pixels }, font: FONT_OPTIONS });
  return resvg.render().asPng();
}

/* The Open Graph card: 1200×630, a title band, the graph fitted below. */
const PREVIEW_WIDTH = 1200;
const PREVIEW_HEIGHT = 630;
const MARGIN = 48;
const BRAND_BASELINE = 50;
const BRAND_SIZE = 22;
const TITLE_SIZE = 40;
const TITLE_LINE_HEIGHT = 48;
const TITLE_FIRST_BASELINE = 104;
const BAND_HEIGHT = 172;
const GRAPH_MARGIN = 24;
/** A small graph is enlarged at most this much, so one node does not fill the card. */
const MAX_GRAPH_SCALE = 2.5;
/** Bold DejaVu Sans is wider than the regular face the shared estimate assumes. */
const BOLD_WIDTH_FACTOR = 1.05;

export function previewSvg(graph: PositionedGraph, title: string): string {
  const titleChars = Math.floor(
    (PREVIEW_WIDTH - 2 * MARGIN) / ((estimateTextWidth("x", TITLE_SIZE) * BOLD_WIDTH_FACTOR) || 1),
  );
  const titleLines = wrapText(title, titleChars, 2);
  // One line sits in the middle of the room for two.
  const firstBaseline = TITLE_FIRST_BASELINE + (titleLines.length === 1 ? TITLE_LINE_HEIGHT / 2 - 8 : 0);
  const titleText = titleLines
    .map((line, index) => `<tspan x="${MARGIN}" y="${firstBaseline + index * TITLE_LINE_HEIGHT}">${xmlText(line)}</tspan>`)
    .join("");

  const { body, viewBox } = graphSvgContent(graph, { padding: 12 });
  const area = {
    x: GRAPH_MARGIN,
    y: BAND_HEIGHT + GRAPH_MARGIN,
    width: PREVIEW_WIDTH - 2 * GRAPH_MARGIN,
    height: PREVIEW_HEIGHT - BAND_HEIGHT - 2 * GRAPH_MARGIN,
  };
  const scale = Math.min(area.width / viewBox.width, area.height / viewBox.height, MAX_GRAPH_SCALE);
  const width = viewBox.width * scale;
  const height = viewBox.height * scale;
  const box = `${num(viewBox.x)} ${num(viewBox.y)} ${num(viewBox.width)} ${num(viewBox.height)}`;

  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" `,
    `viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}" font-family="${SVG_FONT_FAMILY}">`,
    `<title>${xmlText(title)}</title>`,
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${PREVIEW_WIDTH}" height="${BAND_HEIGHT}" fill="#f9fafb"/>`,
    `<rect width="8" height="${BAND_HEIGHT}" fill="#b91c1c"/>`,
    `<rect y="${BAND_HEIGHT - 1}" width="${PREVIEW_WIDTH}" height="1" fill="#e5e7eb"/>`,
    `<text x="${MARGIN}" y="${BRAND_BASELINE}" font-size="${BRAND_SIZE}" font-weight="bold" fill="#b91c1c">Redstring</text>`,
    `<text font-size="${TITLE_SIZE}" font-weight="bold" fill="#111827">${titleText}</text>`,
    `<svg x="${num(area.x + (area.width - width) / 2)}" y="${num(area.y + (area.height - height) / 2)}" `,
    `width="${num(width)}" height="${num(height)}" viewBox="${box}">${body}</svg>`,
    `</svg>\n`,
  ].join("");
}

/** The link-preview image of a graph: 1200×630 PNG with the title on top. */
export function renderPreviewPng(graph: PositionedGraph, title: string): Buffer {
  return svgToPng(previewSvg(graph, title), PREVIEW_WIDTH);
}
