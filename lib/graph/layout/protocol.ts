/**
 * The messages between the canvas and the force layout's web worker (./force.worker.ts). Positions travel
 * as typed arrays in the order of `ids`, so 20,000 nodes cost two transfers, not 20,000 objects.
 * A `run` number ties answers to the start they belong to: a stale run's answers are ignored.
 */
export interface ForceStartMessage {
  type: "start";
  run: number;
  ids: string[];
  /** Known positions; NaN where a node has none yet (the worker places those first). */
  x: Float64Array;
  y: Float64Array;
  /** 1 where the node must not move (stored position, pinned, already placed when expanding). */
  fixed: Uint8Array;
  /** Pairs of indexes into `ids`. */
  edges: Uint32Array;
  /** Stops by itself after this long, converged or not. */
  maxMillis: number;
  /** How often positions are sent back to the canvas. */
  frameMillis: number;
}

export interface ForceStopMessage {
  type: "stop";
  run: number;
}

export type ToForceWorker = ForceStartMessage | ForceStopMessage;

/** Why a run ended: it settled, the reader stopped it, or it used its time. */
export type ForceEnd = "converged" | "stopped" | "time";

/** The first placement (./placement.ts), sent before any force runs, with each node's community. */
export interface ForcePlacedMessage {
  type: "placed";
  run: number;
  x: Float64Array;
  y: Float64Array;
  communities: Uint32Array;
}

export interface ForcePositionsMessage {
  type: "positions";
  run: number;
  x: Float64Array;
  y: Float64Array;
  iterations: number;
}

export interface ForceDoneMessage {
  type: "done";
  run: number;
  x: Float64Array;
  y: Float64Array;
  iterations: number;
  reason: ForceEnd;
}

export type FromForceWorker = ForcePlacedMessage | ForcePositionsMessage | ForceDoneMessage;
