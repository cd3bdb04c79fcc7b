/**
 * The worker's loop, apart from the Worker global: first the instant placement (communities packed as
 * circles, known positions kept), sent at once; then batches of ForceAtlas2 iterations for about
 * `frameMillis`, each followed by a positions message and a yield (setTimeout 0) so a "stop" message is
 * read between batches. Ends with "done" when the movement settles, the reader stops it, or `maxMillis`
 * is used up.
 */
import { createForceRun, SETTLED_MOVEMENT } from "./force-run";
import { communitiesOf, firstPlacement, type LinkEnds, type Point } from "./placement";
import type { ForceEnd, ForceStartMessage, FromForceWorker, ToForceWorker } from "./protocol";

export interface ForceLoop {
  receive(message: ToForceWorker): void;
}

/** Places the nodes without a position (NaN) and numbers every node's community. */
export function placeStart(message: Pick<ForceStartMessage, "ids" | "x" | "y" | "edges">) {
  const { ids } = message;
  const links: LinkEnds[] = [];
  for (let e = 0; e + 1 < message.edges.length; e += 2) links.push({ source: ids[message.edges[e]!]!, target: ids[message.edges[e + 1]!]! });
  const known = new Map<string, Point>();
  ids.forEach((id, index) => {
    const x = message.x[index]!;
    const y = message.y[index]!;
    if (Number.isFinite(x) && Number.isFinite(y)) known.set(id, { x, y });
  });
  const communities = communitiesOf(ids, links);
  const placed = firstPlacement({ ids, links, fixed: known, communities });
  return {
    x: Float64Array.from(ids, (id) => placed.get(id)?.x ?? 0),
    y: Float64Array.from(ids, (id) => placed.get(id)?.y ?? 0),
    communities: Uint32Array.from(ids, (id) => communities.get(id) ?? 0),
  };
}

export function createForceLoop(post: (message: FromForceWorker) => void, now: () => number = () => performance.now()): ForceLoop {
  let current: { run: number; stopped: boolean } | null = null;

  const start = (message: ForceStartMessage) => {
    const state = { run: message.run, stopped: false };
    current = state;
    const began = now();
    const placed = placeStart(message);
    post({ type: "placed", run: message.run, x: placed.x.slice(), y: placed.y.slice(), communities: placed.communities });
    const run = createForceRun({ ...message, x: placed.x, y: placed.y });
    // Iterations per batch grow or shrink so a batch takes about a tenth of a frame.
    let batch = 1;
    const finish = (reason: ForceEnd) => {
      const { x, y } = run.positions();
      post({ type: "done", run: message.run, x, y, iterations: run.iterations, reason });
    };
    const frame = () => {
      if (state.stopped) return finish("stopped");
      const frameStart = now();
      // At least one batch a frame, however slow a batch is.
      do {
        const batchStart = now();
        const movement = run.step(batch);
        const took = now() - batchStart;
        batch = took < message.frameMillis / 10 ? Math.min(batch * 2, 64) : Math.max(1, Math.floor(batch / 2));
        if (movement < SETTLED_MOVEMENT) return finish("converged");
        if (now() - began >= message.maxMillis) return finish("time");
      } while (now() - frameStart < message.frameMillis);
      const { x, y } = run.positions();
      post({ type: "positions", run: message.run, x, y, iterations: run.iterations });
      setTimeout(frame, 0);
    };
    setTimeout(frame, 0);
  };

  return {
    receive(message) {
      if (message.type === "start") {
        if (current) current.stopped = true;
        start(message);
      } else if (current && current.run === message.run) {
        current.stopped = true;
      }
    },
  };
}
