/**
 * Counting what the app sends to Neo4j, with Neo4j's own query collector (`db.stats.collect('QUERIES')`,
 * in every edition): how many times each query text ran while the collector was on. Tests use it to show
 * that a request reads something once, by count, not by timing. The collector is one per database, so
 * this is for tests that run alone against it (integration files and end-to-end specs run one at a time).
 */
import { randomBytes } from "node:crypto";

/** Runs Cypher on the test's database and gives back the records as plain objects. */
export type RunCypher = (query: string) => Promise<Record<string, unknown>[]>;

export interface QueryCounter {
  /** How many times each query text ran since start (waits until the collector has seen everything). */
  counts(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

/** Starts a fresh collection (what ran before is forgotten). */
export async function countQueries(run: RunCypher): Promise<QueryCounter> {
  await run("CALL db.stats.stop('QUERIES')");
  await run("CALL db.stats.clear('QUERIES')");
  await run("CALL db.stats.collect('QUERIES')");
  return {
    async counts() {
      // A query of our own, sent after the work under test ended: once the collector lists it, it has
      // seen everything before it. Polled, not slept on.
      const marker = `RETURN '${randomBytes(6).toString("hex")}' AS marker`;
      await run(marker);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const rows = await run(
          "CALL db.stats.retrieve('QUERIES') YIELD data RETURN data.query AS query, data.invocationSummary.invocationCount AS count",
        );
        const counts = new Map(rows.map((row) => [String(row.query), Number(row.count)]));
        if (counts.has(marker)) {
          counts.delete(marker);
          return counts;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error("the query collector never listed the marker query");
    },
    async stop() {
      await run("CALL db.stats.stop('QUERIES')");
    },
  };
}

/** The sum of the counts of the query texts that contain `fragment`. */
export function timesRun(counts: Map<string, number>, fragment: string): number {
  let total = 0;
  for (const [query, count] of counts) if (query.includes(fragment)) total += count;
  return total;
}
