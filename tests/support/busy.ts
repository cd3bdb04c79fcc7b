/**
 * Holds the event loop for `ms`, as a handler turning a big result into JSON does: no timer runs and no
 * socket is read meanwhile (the liveness tests' busy server).
 */
export function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Nothing else runs meanwhile.
  }
}
