/**
 * The whole US Congress data set (legis-graph-114) imported into the database NEO4J_URI names, once: the
 * data the resolution and workspace cases measure on. An import ends by cross-referencing, as every
 * import does (lib/datasets/import-run.ts).
 */
import path from "node:path";
import { legisMapping } from "../graph-seed/mappings";
import { read } from "../lib/database";
import { importDataset } from "../lib/datasets/import-run";
import { csvSource } from "../lib/import/csv";
import { datasetsDir } from "../lib/import/datasets";
import { neo4jImportStore } from "../lib/import/neo4j-store";

const ROOT = path.resolve(import.meta.dirname, "..");
export const LEGIS = "legis-graph-114";

export async function datasetExists(id: string): Promise<boolean> {
  const result = await read((tx) => tx.run("MATCH (d:Dataset {id: $id}) RETURN d.id", { id }));
  return result.records.length > 0;
}

/** Imports the Congress data set unless it is there already; says how long it took (0 when it was there). */
export async function ensureCongress(log: (line: string) => void): Promise<number> {
  if (await datasetExists(LEGIS)) return 0;
  log("congress: importing the whole US Congress data set (once; a few minutes)");
  const started = performance.now();
  const directory = path.join(datasetsDir(ROOT), LEGIS);
  const mapping = legisMapping();
  await importDataset(
    csvSource({ mapping, directory }),
    { store: neo4jImportStore, sourceReport: { id: "import-legis-graph-114", name: "legis-graph-114" }, skipInvalid: true },
    { id: LEGIS, name: "US Congress (legis-graph-114)", files: [], importedBy: { kind: "command line" } },
  );
  const seconds = (performance.now() - started) / 1000;
  log(`congress: imported in ${seconds.toFixed(1)} s`);
  return seconds;
}
