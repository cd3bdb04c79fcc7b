/**
 * The liveness probe's time limit (lib/db/liveness.ts settleWithin) counts the database's time, not this
 * process's: when the event loop was itself busy through the window, the answer gets another window; an
 * answer that never comes is still called late.
 */
import { settleWithin } from "@/lib/db/liveness";
import { busyFor } from "../support/busy";

const WINDOW_MS = 200;

const answerAfter = <T,>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

it("waits on for an answer while the loop was busy through the window", async () => {
  const answer = answerAfter(2 * WINDOW_MS + 150, "answered");
  const settled = settleWithin(answer, WINDOW_MS);
  // Busy past the whole window and more: the time limit's timer can only fire late, by a window or more.
  busyFor(2 * WINDOW_MS);
  await expect(settled).resolves.toBe("answered");
});

it("still calls a database that never answers late", async () => {
  const never = new Promise<string>(() => undefined);
  await expect(settleWithin(never, WINDOW_MS)).resolves.toBe("late");
});
