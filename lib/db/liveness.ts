import "server-only";
/**
 * Telling a slow query from a database that does not answer at all. A stopped Neo4j process (SIGSTOP, a
 * long GC pause, a hung host) keeps its socket open: the driver's own timeouts never fire and every
 * request would wait for as long as it stays stopped. So a unit of work that has run for a while asks the
 * database a trivial question on the side; if that goes unanswered too, the request ends with a 503
 * instead of waiting on. A slow query on a live database is left alone (its transaction timeout applies).
 *
 * One probe at a time per process, its answer shared for a second, so a burst of waiting requests costs
 * the database one question, not hundreds. The probe has a connection of its own (getProbeDriver), so a
 * pool full of busy requests on a live database does not read as a database that does not answer.
 */
import { DatabaseUnavailableError } from "../errors";
import { getConfig } from "../config";
import { getProbeDriver } from "./driver";
import { formatSeconds } from "./errors";

const PROBE_SHARED_MS = 1_000;

const progress = globalThis as typeof globalThis & { __redstringLastAnswerAt?: number };

/**
 * Records that the database answered (a unit of work succeeded): a database that answers others is busy,
 * not frozen, and a request waiting on it is left to wait. Failures do not count: a connection attempt
 * that timed out is no sign of life.
 */
export function noteProgress<T>(work: Promise<T>): Promise<T> {
  work.then(
    () => {
      progress.__redstringLastAnswerAt = Date.now();
    },
    () => undefined,
  );
  return work;
}

const answeredRecently = (withinMs: number) => Date.now() - (progress.__redstringLastAnswerAt ?? 0) < withinMs;

interface Probe {
  at: number;
  answered: Promise<boolean>;
}

const holder = globalThis as typeof globalThis & { __redstringProbe?: Probe };

/**
 * Runs `work` after `ms`, telling it how late it came. A timer's callback runs before the loop reads the
 * sockets that became ready meanwhile; on a process whose loop is behind (busy turning big results into
 * JSON), the answer that came in time is still unread when the timer fires. Deferred to setImmediate,
 * after the loop's next read of its sockets, what has already arrived is seen first: a busy server must
 * not take itself for a database that does not answer.
 */
function afterDelay(ms: number, work: (lateMs: number) => void): NodeJS.Timeout {
  const due = performance.now() + ms;
  return setTimeout(() => void setImmediate(() => work(performance.now() - due)), ms);
}

/**
 * A timer late by a quarter of its window or more found this process busy (an idle loop is late by a few
 * milliseconds): the time went to the process's own work, not to waiting for the database.
 */
const wasBusy = (lateMs: number, windowMs: number) => lateMs >= windowMs / 4;

/** How many more windows an answer gets while this process's own loop keeps falling behind. */
const MAX_EXTENSIONS = 10;

/**
 * `promise`'s outcome, or "late" when it has not come within `ms`. Time this process spent busy does not
 * count against the answer: when the window's timer comes late (wasBusy), the loop was behind (each
 * answer takes a round trip or two, each needing the loop's turn), so the answer gets another window, up
 * to MAX_EXTENSIONS of them. A database that does not answer leaves the loop idle, and is called late
 * after the one window.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    let extensions = 0;
    const arm = () => {
      timer = afterDelay(ms, (lateMs) => {
        if (wasBusy(lateMs, ms) && extensions < MAX_EXTENSIONS) {
          extensions += 1;
          arm();
        } else {
          resolve("late");
        }
      });
    };
    arm();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Whether the database answers a trivial request within `withinMs` (shared between callers for a second). */
export function databaseAnswers(withinMs: number, now = Date.now()): Promise<boolean> {
  const recent = holder.__redstringProbe;
  if (recent && now - recent.at < PROBE_SHARED_MS) return recent.answered;
  // A query, not getServerInfo(): the driver answers that from a pooled connection's handshake without
  // asking the server again (neo4j-driver 6), so a frozen database would read as alive.
  const asked = getProbeDriver()
    .executeQuery("RETURN 1", {}, { database: getConfig().neo4jDatabase, routing: "READ" })
    .then(() => true as const);
  // A probe that fails (refused, no route) means "not answering" just as a late one does.
  const answered = settleWithin(asked, withinMs).then(
    (outcome) => outcome === true,
    () => false,
  );
  asked.catch(() => undefined);
  holder.__redstringProbe = { at: now, answered };
  return answered;
}

export class DatabaseNotAnsweringError extends DatabaseUnavailableError {
  constructor(deadlineMs: number) {
    super(`The graph database did not answer within ${formatSeconds(deadlineMs)}. Try again in a moment.`);
  }
}

/**
 * Runs `work`, and if it is still running at `deadlineMs` minus the probe's share, looks at the database:
 * if it answered other work within the probe's share, or answers the probe, it is alive (busy, maybe) and
 * the request waits on, looked at again every probe's share; otherwise the request fails with
 * DatabaseNotAnsweringError. Under a crowd of readers the database keeps answering, so nobody gets a 503
 * for waiting their turn; a frozen one answers nobody, so everyone does within the deadline. The work
 * itself is not cancelled (the driver cannot cancel a request the server never read); it ends when the
 * server comes back or the connection breaks, and its outcome then goes nowhere.
 */
export async function answeredWithin<T>(deadlineMs: number, work: () => Promise<T>): Promise<T> {
  const probeMs = Math.min(1_500, Math.floor(deadlineMs / 3));
  const running = work();
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const watchdog = new Promise<never>((_, reject) => {
    const look = (lateMs: number) => {
      if (settled) return;
      // A look that comes late found this process busy, not the database silent (a silent one leaves the
      // loop idle): look again later.
      if (answeredRecently(probeMs) || wasBusy(lateMs, probeMs)) {
        timer = afterDelay(probeMs, look);
        return;
      }
      void databaseAnswers(probeMs).then((answers) => {
        if (settled) return;
        if (answers) timer = afterDelay(probeMs, look);
        else reject(new DatabaseNotAnsweringError(deadlineMs));
      });
    };
    timer = afterDelay(deadlineMs - probeMs, look);
  });
  try {
    return await Promise.race([running, watchdog]);
  } finally {
    settled = true;
    clearTimeout(timer);
    running.catch(() => undefined);
  }
}
