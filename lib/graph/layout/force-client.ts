/**
 * The page's side of the force layout: one web worker per canvas, started with the drawn nodes and
 * edges, streaming positions back to a callback. Knows nothing of Cytoscape (the canvas applies the
 * positions), so it only needs a Worker.
 */
import type { ForceEnd, FromForceWorker, ForceStartMessage } from "./protocol";

export interface ForceJob {
  ids: string[];
  /** Pairs of node ids. */
  links: readonly { source: string; target: string }[];
  /** Known positions: kept if fixed, else the force starts from them. */
  positions: ReadonlyMap<string, { x: number; y: number }>;
  fixed: ReadonlySet<string>;
  maxMillis: number;
}

export interface ForceCallbacks {
  onPlaced(x: Float64Array, y: Float64Array, communities: Uint32Array): void;
  onPositions(x: Float64Array, y: Float64Array): void;
  onDone(x: Float64Array, y: Float64Array, reason: ForceEnd): void;
}

/** A few updates a second: enough to watch the picture settle, few enough to leave the page its frames. */
export const FRAME_MILLIS = 250;

/** The start message for a job: typed arrays in the order of `ids`, NaN where no position is known. */
export function startMessage(job: ForceJob, run: number): ForceStartMessage {
  const index = new Map(job.ids.map((id, i) => [id, i]));
  const pairs: number[] = [];
  for (const { source, target } of job.links) {
    const a = index.get(source);
    const b = index.get(target);
    if (a !== undefined && b !== undefined && a !== b) pairs.push(a, b);
  }
  return {
    type: "start",
    run,
    ids: job.ids,
    x: Float64Array.from(job.ids, (id) => job.positions.get(id)?.x ?? Number.NaN),
    y: Float64Array.from(job.ids, (id) => job.positions.get(id)?.y ?? Number.NaN),
    fixed: Uint8Array.from(job.ids, (id) => (job.fixed.has(id) ? 1 : 0)),
    edges: Uint32Array.from(pairs),
    maxMillis: job.maxMillis,
    frameMillis: FRAME_MILLIS,
  };
}

export class ForceClient {
  private worker: Worker | null = null;
  private run = 0;
  private callbacks: ForceCallbacks | null = null;

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL("./force.worker.ts", import.meta.url));
      this.worker.onmessage = (event: MessageEvent<FromForceWorker>) => this.receive(event.data);
    }
    return this.worker;
  }

  private receive(message: FromForceWorker) {
    if (message.run !== this.run || !this.callbacks) return;
    if (message.type === "placed") this.callbacks.onPlaced(message.x, message.y, message.communities);
    else if (message.type === "positions") this.callbacks.onPositions(message.x, message.y);
    else {
      const callbacks = this.callbacks;
      this.callbacks = null;
      callbacks.onDone(message.x, message.y, message.reason);
    }
  }

  start(job: ForceJob, callbacks: ForceCallbacks) {
    this.run += 1;
    this.callbacks = callbacks;
    const message = startMessage(job, this.run);
    this.ensureWorker().postMessage(message, [message.x.buffer, message.y.buffer, message.fixed.buffer, message.edges.buffer]);
  }

  /** Asks the run under way to stop; its "done" arrives with the positions reached. */
  stop() {
    this.worker?.postMessage({ type: "stop", run: this.run });
  }

  get running(): boolean {
    return this.callbacks !== null;
  }

  dispose() {
    this.worker?.terminate();
    this.worker = null;
    this.callbacks = null;
  }
}
