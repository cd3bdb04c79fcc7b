/**
 * ForceAtlas2 (Barnes-Hut) over a view, in batches: the worker calls `step` until a frame's time is used,
 * sends the positions, and goes on until the movement settles or the time is up. Kept free of any Worker
 * API so the protocol's behaviour (fixed nodes never move, convergence ends a run) is unit tested in Node.
 */
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import type { ForceStartMessage } from "./protocol";

// The matrices' layout, as graphology-layout-forceatlas2 reads them (10 numbers per node, 3 per edge).
const PPN = 10;
const PPE = 3;

/**
 * Settings for pixel coordinates: scalingRatio spreads nodes to about a node's room apart, gravity keeps
 * islands close, and Barnes-Hut makes repulsion O(n log n). slowDown damps the first swings of a packed start.
 */
export function forceSettings(order: number): Required<ForceAtlas2Settings> {
  return {
    linLogMode: false,
    outboundAttractionDistribution: false,
    adjustSizes: false,
    edgeWeightInfluence: 1,
    scalingRatio: 40,
    strongGravityMode: false,
    gravity: 0.05,
    slowDown: 1 + Math.log10(Math.max(1, order)),
    barnesHutOptimize: order > 300,
    barnesHutTheta: 0.6,
  };
}

/** Mean movement per free node in one iteration, in pixels, below which the picture counts as settled. */
export const SETTLED_MOVEMENT = 0.5;

export interface ForceRun {
  /** Runs `iterations` iterations; answers the mean movement of a free node in the last one. */
  step(iterations: number): number;
  positions(): { x: Float64Array; y: Float64Array };
  readonly iterations: number;
}

export function createForceRun(start: Pick<ForceStartMessage, "ids" | "x" | "y" | "fixed" | "edges">): ForceRun {
  const order = start.ids.length;
  const nodes = new Float32Array(order * PPN);
  for (let i = 0; i < order; i++) {
    const j = i * PPN;
    nodes[j] = start.x[i] ?? 0;
    nodes[j + 1] = start.y[i] ?? 0;
    nodes[j + 6] = 1; // mass: 1 + degree, added below
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = 1; // size
    nodes[j + 9] = start.fixed[i] ? 1 : 0;
  }
  const edgeCount = Math.floor(start.edges.length / 2);
  const edges = new Float32Array(edgeCount * PPE);
  for (let e = 0; e < edgeCount; e++) {
    const source = start.edges[2 * e]!;
    const target = start.edges[2 * e + 1]!;
    edges[e * PPE] = source * PPN;
    edges[e * PPE + 1] = target * PPN;
    edges[e * PPE + 2] = 1;
    nodes[source * PPN + 6]! += 1;
    nodes[target * PPN + 6]! += 1;
  }
  const settings = forceSettings(order);
  const freeCount = Math.max(1, start.fixed.reduce((count, value) => count + (value ? 0 : 1), 0));
  const before = new Float32Array(order * 2);
  let done = 0;
  return {
    get iterations() {
      return done;
    },
    step(iterations) {
      for (let k = 0; k < iterations; k++) {
        if (k === iterations - 1) {
          for (let i = 0; i < order; i++) {
            before[2 * i] = nodes[i * PPN]!;
            before[2 * i + 1] = nodes[i * PPN + 1]!;
          }
        }
        iterate(settings, nodes, edges);
        done++;
      }
      let moved = 0;
      for (let i = 0; i < order; i++) moved += Math.hypot(nodes[i * PPN]! - before[2 * i]!, nodes[i * PPN + 1]! - before[2 * i + 1]!);
      return moved / freeCount;
    },
    positions() {
      const x = new Float64Array(order);
      const y = new Float64Array(order);
      for (let i = 0; i < order; i++) {
        x[i] = nodes[i * PPN]!;
        y[i] = nodes[i * PPN + 1]!;
      }
      return { x, y };
    },
  };
}
