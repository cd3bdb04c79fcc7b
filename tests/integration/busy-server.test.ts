/**
 * A server whose own event loop is behind is not a database that does not answer. Under a crowd of
 * readers of big results (a saved query of 882 rows at 1M nodes, npm run bench), the process spends
 * hundreds of milliseconds at a time turning rows into JSON; the liveness watchdog's timers then fire
 * before the loop reads the answers that came in time, and a busy app told its readers "the database did
 * not answer" (docs/BENCHMARKS.md). Here the loop is held busy exactly across the watchdog's look and
 * its probe, with a live database behind: the request must wait on, not fail (lib/db/liveness.ts).
 */
import { getConfig } from "@/lib/config";
import { answeredWithin, databaseAnswers } from "@/lib/db/liveness";
import { closeDriver } from "@/lib/db/driver";
import { requireNeo4jUri } from "../support/neo4j";
import { busyFor } from "../support/busy";

const DEADLINE_MS = 600;
/** answeredWithin looks at the database at the deadline minus its probe's share (a third). */
const PROBE_MS = DEADLINE_MS / 3;
const LOOK_AT_MS = DEADLINE_MS - PROBE_MS;

const state = globalThis as typeof globalThis & { __redstringLastAnswerAt?: number; __redstringProbe?: unknown };

afterAll(async () => {
  await closeDriver();
});

it("keeps waiting for work on a live database while its own event loop is behind", async () => {
  requireNeo4jUri();
  getConfig();
  // The probe's connection is open and warm: its answer comes within milliseconds of being asked.
  expect(await databaseAnswers(5_000)).toBe(true);
  // Nothing answered lately and no shared probe: the watchdog must ask the database itself.
  state.__redstringLastAnswerAt = 0;
  state.__redstringProbe = undefined;

  let finish!: (value: string) => void;
  const finishes = new Promise<string>((resolve) => {
    finish = resolve;
  });
  const watched = answeredWithin(DEADLINE_MS, () => finishes);
  // Busy across the watchdog's look (its timer runs then, or just after: set with the same delay, later).
  setTimeout(() => busyFor(LOOK_AT_MS), 1);
  // Busy again right after the look has sent its probe, for longer than the probe may take: the probe's
  // answer and its time limit both come due while the loop is held.
  setTimeout(() => busyFor(PROBE_MS * 2), LOOK_AT_MS);
  // The work ends well after the deadline, on a database that answered all along.
  setTimeout(() => finish("answered"), DEADLINE_MS * 3);

  await expect(watched).resolves.toBe("answered");
});
