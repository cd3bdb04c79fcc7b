import { PNG } from "pngjs";
import { renderPreviewPng, svgToPng } from "@/lib/export/png";
import { graphToSvg } from "@/lib/export/svg";
import type { PositionedGraph, PositionedNode } from "@/lib/graph/positioned";

function node(id: string, type: PositionedNode["type"], name: string, x: number, y: number): PositionedNode {
  return { id, type, name, properties: {}, position: { x, y } };
}

const graph: PositionedGraph = {
  nodes: [
    node("company-a", "Company", "Thermo Fisher", 0, 0),
    node("agency-b", "Agency", "Xinjiang police", 220, 60),
    node("person-c", "Person", "<img src=x onerror=alert(1)> ]]> & \"'", -120, 140),
  ],
  edges: [
    {
      id: "r1",
      type: "SUPPLIED",
      source: "company-a",
      target: "agency-b",
      properties: {},
      sources: [{ id: "report-1", name: "R", publisher: null, url: null, publishedAt: null }],
      quote: null,
    },
  ],
};

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const at = (png.width * y + x) * 4;
  return [png.data[at] ?? 0, png.data[at + 1] ?? 0, png.data[at + 2] ?? 0, png.data[at + 3] ?? 0];
}

function countNonWhite(png: PNG): number {
  let count = 0;
  for (let at = 0; at < png.data.length; at += 4) {
    if ((png.data[at] ?? 0) < 250 || (png.data[at + 1] ?? 0) < 250 || (png.data[at + 2] ?? 0) < 250) count += 1;
  }
  return count;
}

describe("PNG rendering", () => {
  it("renders a 1200×630 link preview with the title band and the graph", () => {
    const png = PNG.sync.read(renderPreviewPng(graph, `A "hostile" <title> & ]]> that is long enough to need a second line of text, and then some more`));
    expect(png.width).toBe(1200);
    expect(png.height).toBe(630);
    expect(countNonWhite(png)).toBeGreaterThan(5_000);
    // The red accent bar on the left of the band.
    expect(pixel(png, 3, 60)).toEqual([0xb9, 0x1c, 0x1c, 255]);
    // Somewhere below the band, the Company's blue is drawn.
    let blue = 0;
    for (let y = 180; y < 630; y += 1) for (let x = 0; x < 1200; x += 1) if (pixel(png, x, y).slice(0, 3).join() === "31,119,180") blue += 1;
    expect(blue).toBeGreaterThan(100);
  });

  it("renders an empty graph's preview too", () => {
    const png = PNG.sync.read(renderPreviewPng({ nodes: [], edges: [] }, ""));
    expect([png.width, png.height]).toEqual([1200, 630]);
  });

  it("scales an SVG to the width asked for, keeping its aspect ratio", () => {
    const { svg, width, height } = graphToSvg(graph);
    const png = PNG.sync.read(svgToPng(svg, 300));
    expect(png.width).toBe(300);
    expect(png.height).toBe(Math.round((height * 300) / width));
    expect(countNonWhite(png)).toBeGreaterThan(500);
    // The background is painted opaque white.
    expect(pixel(png, 0, 0)).toEqual([255, 255, 255, 255]);
  });

  it("draws label text with the system fonts", () => {
    const { svg } = graphToSvg(graph);
    const withLabels = PNG.sync.read(svgToPng(svg, 800));
    const withoutLabels = PNG.sync.read(svgToPng(svg.replace(/<text[^>]*>.*?<\/text>/g, ""), 800));
    // The same drawing minus its <text>: text must have added pixels (without any font it adds none).
    expect(countNonWhite(withLabels)).toBeGreaterThan(countNonWhite(withoutLabels) + 500);
  });
});
