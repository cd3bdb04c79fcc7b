/**
 * Writes started side by side, at most `limit` at once: the importer's batches (pipeline.ts) and the
 * benchmark's stream loader, so that Neo4j runs a transaction per core while the next batch is read.
 * The first write that fails is thrown by the next `start` (after no new write was begun) or by `settle`,
 * once the writes still running have ended.
 */
export function writesInFlight(limit: number) {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const throwFailure = () => {
    if (failure) throw failure.error;
  };
  return {
    /** Waits for a free place, then starts `write`; returns once it has started. */
    async start(write: () => Promise<unknown>): Promise<void> {
      while (running.size >= limit) await Promise.race(running);
      throwFailure();
      const writing: Promise<void> = write().then(
        () => void running.delete(writing),
        (error: unknown) => {
          failure ??= { error };
          running.delete(writing);
        },
      );
      running.add(writing);
    },
    /** Waits for every write started; throws the first failure. */
    async settle(): Promise<void> {
      await Promise.all(running);
      throwFailure();
    },
  };
}
