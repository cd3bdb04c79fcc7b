import { createForceRun } from "@/lib/graph/layout/force-run";
import { createForceLoop, placeStart } from "@/lib/graph/layout/force-loop";
import { startMessage } from "@/lib/graph/layout/force-client";
import type { FromForceWorker } from "@/lib/graph/layout/protocol";

/** A chain of `n` nodes plus a star on n0, as a job for the worker. */
function job(n: number, fixed: string[] = [], positions = new Map<string, { x: number; y: number }>()) {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const links = ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id }));
  return { ids, links, positions, fixed: new Set(fixed), maxMillis: 5000 };
}

describe("the worker's start message", () => {
  it("sends positions as typed arrays in the order of ids, NaN where none is known, and edges as index pairs", () => {
    const message = startMessage(job(3, ["n1"], new Map([["n1", { x: 5, y: 6 }]])), 7);
    expect(message.run).toBe(7);
    expect(Number.isNaN(message.x[0])).toBe(true);
    expect([message.x[1], message.y[1]]).toEqual([5, 6]);
    expect([...message.fixed]).toEqual([0, 1, 0]);
    expect([...message.edges]).toEqual([0, 1, 1, 2]);
  });
});

describe("the force run", () => {
  it("never moves a fixed node, and moves the free ones", () => {
    const message = startMessage(job(40, ["n0", "n20"], new Map([["n0", { x: 0, y: 0 }], ["n20", { x: 900, y: 900 }]])), 1);
    const placed = placeStart(message);
    expect([placed.x[0], placed.y[0], placed.x[20], placed.y[20]]).toEqual([0, 0, 900, 900]);
    const run = createForceRun({ ...message, x: placed.x, y: placed.y });
    run.step(50);
    const after = run.positions();
    expect([after.x[0], after.y[0], after.x[20], after.y[20]]).toEqual([0, 0, 900, 900]);
    const moved = Array.from(after.x).some((x, i) => i !== 0 && i !== 20 && Math.abs(x - placed.x[i]!) > 1e-3);
    expect(moved).toBe(true);
  });

  it("settles: the movement of an iteration falls as it runs", () => {
    const message = startMessage(job(30), 1);
    const placed = placeStart(message);
    const run = createForceRun({ ...message, x: placed.x, y: placed.y });
    const early = run.step(5);
    run.step(300);
    const late = run.step(1);
    expect(late).toBeLessThan(early);
  });
});

describe("the worker's loop", () => {
  const collect = () => {
    const messages: FromForceWorker[] = [];
    let resolveDone: (message: FromForceWorker) => void = () => {};
    const done = new Promise<FromForceWorker>((resolve) => (resolveDone = resolve));
    const post = (message: FromForceWorker) => {
      messages.push(message);
      if (message.type === "done") resolveDone(message);
    };
    return { messages, done, post };
  };

  it("places first, then ends by itself with the positions, tagged with the run", async () => {
    const { messages, done, post } = collect();
    createForceLoop(post).receive({ ...startMessage(job(20), 3), frameMillis: 5 });
    const end = await done;
    expect(messages[0]?.type).toBe("placed");
    expect(messages.every((message) => message.run === 3)).toBe(true);
    expect(["converged", "time"]).toContain(end.type === "done" ? end.reason : null);
    expect(end.x).toHaveLength(20);
  });

  it("stops when asked", async () => {
    const { done, post } = collect();
    const loop = createForceLoop(post);
    loop.receive({ ...startMessage(job(200), 4), frameMillis: 5, maxMillis: 60_000 });
    loop.receive({ type: "stop", run: 4 });
    const end = await done;
    expect(end.type === "done" && end.reason).toBe("stopped");
  });

  it("ends at the time limit when it cannot settle in time", async () => {
    const { done, post } = collect();
    let clock = 0;
    // A clock that jumps a second per reading: the 3-second budget is used within a few batches.
    createForceLoop(post, () => (clock += 1000)).receive({ ...startMessage(job(200), 5), frameMillis: 5, maxMillis: 3000 });
    const end = await done;
    expect(end.type === "done" && end.reason).toBe("time");
  });
});
