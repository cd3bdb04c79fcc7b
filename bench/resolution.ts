/**
 * `npm run bench -- --resolution`: entity resolution, measured.
 *
 * 1. Quality, no database: the matcher over the whole FtM donations file (mapped as the importer maps it),
 *    against the hand-labelled true pairs (tests/fixtures/resolution/): candidate pairs proposed, recall
 *    of the labelled set in the top 10/20/30/50, and the time taken.
 * 2. Scale, on the database NEO4J_URI names (a disposable one: it imports into it): the demo story and the
 *    whole US Congress data set (legis-graph-114) imported as data sets if they are not yet, then
 *    cross-referencing of the Congress data against the graph timed, with this process's peak memory
 *    (RSS and heap, sampled every 20 ms) and the comparisons and candidates it made. Goal: under 60 s.
 */
import { loadSeedStory, SEED_STORY_DATASET } from "../graph-seed/load";
import { closeDriver } from "../lib/db/driver";
import { migrateSchema } from "../lib/migrations";
import { pairsWithin } from "../lib/resolution/blocking";
import { crossReference } from "../lib/resolution/cross-reference";
import { pairKey } from "../lib/resolution/model";
import { donationProfiles, labelledDonationPairs } from "../tests/support/donations";
import { datasetExists, ensureCongress, LEGIS } from "./congress";

export interface ResolutionBench {
  donations: { entities: number; proposed: number; labelled: number; recallAt: Record<string, number>; ms: number };
  congress: { ms: number; indexed: number; streamed: number; comparisons: number; candidates: number; peakRssMiB: number; peakHeapMiB: number } | null;
}

function qualityOnDonations(): ResolutionBench["donations"] {
  const started = performance.now();
  const profiles = donationProfiles();
  const proposed = pairsWithin(profiles).map((pair) => pairKey(pair.left.id, pair.right.id));
  const ms = Math.round(performance.now() - started);
  const labelled = labelledDonationPairs();
  const recallAt: Record<string, number> = {};
  for (const n of [10, 20, 30, 50]) {
    const top = new Set(proposed.slice(0, n));
    recallAt[`top${n}`] = Math.round((labelled.filter(({ key }) => top.has(key)).length / labelled.length) * 1000) / 1000;
  }
  return { entities: profiles.length, proposed: proposed.length, labelled: labelled.length, recallAt, ms };
}

async function congressAgainstTheGraph(log: (line: string) => void): Promise<NonNullable<ResolutionBench["congress"]>> {
  await migrateSchema();
  if (!(await datasetExists(SEED_STORY_DATASET.id))) {
    log("resolution: loading the demo story");
    await loadSeedStory();
  }
  await ensureCongress(log);
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  log("resolution: cross-referencing the Congress data against the graph");
  const started = performance.now();
  const stats = await crossReference(LEGIS);
  const ms = Math.round(performance.now() - started);
  clearInterval(sampler);
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { ms, indexed: stats.indexed, streamed: stats.streamed, comparisons: stats.comparisons, candidates: stats.candidates, peakRssMiB: mib(peakRss), peakHeapMiB: mib(peakHeap) };
}

export async function benchResolution(log: (line: string) => void): Promise<ResolutionBench> {
  const donations = qualityOnDonations();
  log(`resolution: donations: ${donations.entities} entities, ${donations.proposed} pairs proposed, recall of ${donations.labelled} labelled pairs ${JSON.stringify(donations.recallAt)} (${donations.ms} ms)`);
  let congress: ResolutionBench["congress"] = null;
  if (process.env.NEO4J_URI) {
    const measured = await congressAgainstTheGraph(log);
    congress = measured;
    log(`resolution: Congress against the graph: ${measured.ms} ms, ${measured.indexed} indexed, ${measured.streamed} streamed past, ${measured.comparisons} comparisons, ${measured.candidates} candidates, peak RSS ${measured.peakRssMiB} MiB, peak heap ${measured.peakHeapMiB} MiB (goal < 60 s)`);
    await closeDriver();
  } else log("resolution: NEO4J_URI not set: the Congress timing needs a disposable database (skipped)");
  return { donations, congress };
}
