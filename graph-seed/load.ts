/**
 * The demo story and the starter library, loaded as data. The story goes through the import pipeline
 * (lib/import/pipeline.ts), the one validator and loader of every graph input: a file on the Data page,
 * `npm run import` and this alike. Idempotent: MERGE on our own ids with properties set only on create,
 * so loading again creates nothing and overwrites nothing (edits made in the app since survive a re-seed).
 */
import "server-only";
import { importDataset, type DatasetDescription } from "../lib/datasets/import-run";
import { graphInputSource } from "../lib/import/graph-input";
import { neo4jImportStore } from "../lib/import/neo4j-store";
import { runImport } from "../lib/import/pipeline";
import { type GraphInput } from "../lib/model/registry";
import { findSavedQuery, insertSavedQuery } from "../lib/queries/records";
import { savedQueryInputSchema } from "../lib/queries/model";
import { retryingRaces } from "../lib/db/races";
import { runWrite } from "../lib/db/session";
import { seedEntities, seedRelationships } from "./seed-story";
import { starterQueries } from "./starter-queries";

/** Small transactions, as the seed loader always wrote: the story is a few hundred elements. */
const BATCH_SIZE = 1_000;

export interface LoadResult {
  entitiesCreated: number;
  relationshipsCreated: number;
}

/**
 * Validates the whole graph (schemas, ids, endpoint types, that every cited source is a Report of the
 * graph or the database) and, if nothing is wrong, writes it; otherwise writes nothing and throws an
 * Error listing every problem, so a bad data file is fixed in one go.
 */
export async function loadGraph(input: GraphInput, name = "graph", dataset?: DatasetDescription): Promise<LoadResult> {
  const source = graphInputSource(name, input);
  const options = { store: neo4jImportStore, sourceReport: null, batchSize: BATCH_SIZE };
  // As a data set (its records list it in `datasets`, and it has a page) when one is named: the demo story is.
  const result = dataset ? await importDataset(source, options, dataset) : await runImport(source, options);
  if (result.status === "refused") {
    const problems = result.problems.map((problem) => `${problem.file} line ${problem.line}: ${problem.reason}`);
    const more = result.problemCount > problems.length ? `\n- ... and ${result.problemCount - problems.length} more` : "";
    throw new Error(`The graph data is invalid:\n- ${problems.join("\n- ")}${more}`);
  }
  return { entitiesCreated: result.entities.created, relationshipsCreated: result.relationships.created };
}

export const SEED_STORY_NAME = "seed story";

/** The demo story's data set: written as data in graph-seed/seed-story.ts, so no files. */
export const SEED_STORY_DATASET: DatasetDescription = {
  id: "demo-story",
  name: "Demo story",
  description: "The graph Redstring shows on a fresh install: the Wall Street Journal story of 20 February 2019 on Thermo Fisher's sales of genetic sequencers to Xinjiang, every link citing its report.",
  publisher: "Redstring (from The Wall Street Journal)",
  files: [],
  importedBy: { kind: "command line" },
};

export function loadSeedStory(): Promise<LoadResult> {
  return loadGraph({ entities: seedEntities, relationships: seedRelationships }, SEED_STORY_NAME, SEED_STORY_DATASET);
}

/**
 * The starter library: each query is created once under its fixed id. One that exists (edited, or in the
 * bin) is left alone, so loading again changes nothing; two processes loading at once both succeed (the
 * one that loses the race on an id runs again and finds it). Returns how many this call created.
 */
export async function loadStarterQueries(): Promise<number> {
  let created = 0;
  for (const { id, ...content } of starterQueries) {
    const valid = savedQueryInputSchema.parse(content);
    created += await retryingRaces("adding the starter saved queries", () =>
      runWrite(async (tx) => {
        if (await findSavedQuery(tx, id)) return 0;
        await insertSavedQuery(tx, id, valid, "starter library");
        return 1;
      }),
    );
  }
  return created;
}
