/**
 * Streamed layout positions are applied no more often than drawing them allows (components/graph/
 * useForceLayout.ts throttledByDrawing): the first at once, later ones after a pause twice as long as the
 * last apply-and-draw took (one arriving before that frame waits for it), only the newest of those that
 * arrived meanwhile, none after cancel (a run replaced by another, or a canvas gone).
 */
import { throttledByDrawing } from "@/components/graph/useForceLayout";

const positions = (value: number) => [Float64Array.of(value), Float64Array.of(value)] as const;

describe("throttledByDrawing", () => {
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    frames = [];
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  /** The browser draws the frame `ms` after the apply began. */
  const drawFrame = (ms: number) => {
    vi.advanceTimersByTime(ms);
    for (const frame of frames.splice(0)) frame(performance.now());
  };

  it("applies the first update at once, then waits twice the drawing time and applies only the newest", () => {
    const applied: number[] = [];
    const stream = throttledByDrawing((x) => applied.push(x[0]!));
    stream.offer(...positions(1));
    vi.advanceTimersByTime(0);
    expect(applied).toEqual([1]);
    drawFrame(300); // applying and drawing took 300 ms: the next may come 600 ms later
    stream.offer(...positions(2));
    stream.offer(...positions(3));
    vi.advanceTimersByTime(599);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1, 3]);
  });

  it("holds an update that arrives before the last one is drawn until that frame says what drawing cost", () => {
    const applied: number[] = [];
    const stream = throttledByDrawing((x) => applied.push(x[0]!));
    stream.offer(...positions(1));
    vi.advanceTimersByTime(0);
    stream.offer(...positions(2)); // the first is applied but not drawn yet
    vi.advanceTimersByTime(100);
    expect(applied).toEqual([1]);
    drawFrame(100); // drawn 200 ms after it was applied: the next waits 400 ms from now
    vi.advanceTimersByTime(399);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1, 2]);
  });

  it("applies nothing after cancel", () => {
    const applied: number[] = [];
    const stream = throttledByDrawing((x) => applied.push(x[0]!));
    stream.offer(...positions(1));
    stream.cancel();
    stream.offer(...positions(2));
    vi.advanceTimersByTime(1_000);
    for (const frame of frames.splice(0)) frame(performance.now());
    vi.advanceTimersByTime(1_000);
    expect(applied).toEqual([]);
  });
});
