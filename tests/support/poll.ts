/**
 * Polling for tests that watch something with no event to wait for (a background import job, another
 * process): ask again every `intervalMs` until the answer is wanted, a bounded number of times. The
 * bound is a count of attempts, not a speed requirement: a slow machine takes longer, a broken app
 * fails with `what` in the message instead of hanging the suite.
 */
export interface PollOptions {
  /** What the test waits for, for the failure message ("the import finished"). */
  what: string;
  attempts?: number;
  intervalMs?: number;
}

/** The first answer of `ask` that `done` accepts; throws after `attempts` answers that it did not. */
export async function pollUntil<T>(ask: () => Promise<T> | T, done: (answer: T) => boolean, { what, attempts = 240, intervalMs = 250 }: PollOptions): Promise<T> {
  let answer = await ask();
  for (let attempt = 1; attempt < attempts && !done(answer); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    answer = await ask();
  }
  if (!done(answer)) throw new Error(`Waited for ${what} through ${attempts} checks ${intervalMs} ms apart; the last answer was ${JSON.stringify(answer)}`);
  return answer;
}
