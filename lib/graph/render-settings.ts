/**
 * How the canvas draws a big view. Past BIG_VIEW elements: straight "haystack" edges (no curve or arrow
 * to compute), no edge labels, edges hidden and the picture drawn from a texture while panning or zooming,
 * no motion blur, one pixel per CSS pixel, and labels only from a readable size. Measured on this machine
 * (docs/BENCHMARKS.md): the 2D canvas pans at ~16 ms a frame where the WebGL renderer on SwiftShader (no
 * GPU) takes 180-900 ms, so the WebGL renderer is not used.
 */
import type { Core } from "cytoscape";

export const BIG_VIEW = 2000;
/** Below this many elements the force-directed layout is fcose (it looks better there); above, the worker's. */
export const WORKER_LAYOUT_FROM = 300;

export function isBigView(elementCount: number): boolean {
  return elementCount >= BIG_VIEW;
}

/** Stylesheet rules added after the normal ones for a big view. */
export const BIG_VIEW_STYLE = [
  { selector: "edge", style: { "curve-style": "haystack", "haystack-radius": 0, "target-arrow-shape": "none", label: "", width: 1 } },
  { selector: "node", style: { "min-zoomed-font-size": 10, "text-background-opacity": 0, "border-width": 0 } },
];

/** The canvas renderer's own switches, which Cytoscape reads on every frame (3.35: renderer fields set from the init options). */
interface RendererSwitches {
  hideEdgesOnViewport: boolean;
  textureOnViewport: boolean;
  motionBlur: boolean;
  forcedPixelRatio: number | null;
}

/**
 * Sets the viewport switches on a live instance: they are init-only options in Cytoscape's API, and a
 * view crosses the threshold while it lives (an expansion), so they are set on the renderer directly.
 */
export function applyRenderSettings(cy: Core, big: boolean) {
  const renderer = (cy as unknown as { renderer(): Partial<RendererSwitches> | undefined }).renderer();
  if (!renderer) return;
  const pixelRatio = big ? 1 : null;
  const changed = renderer.forcedPixelRatio !== pixelRatio;
  renderer.hideEdgesOnViewport = big;
  renderer.textureOnViewport = big;
  renderer.motionBlur = false;
  renderer.forcedPixelRatio = pixelRatio;
  if (changed) cy.resize();
}
