/**
 * Import for the benchmarks: the synthetic graph into Neo4j, timed, through one of two loaders.
 *
 * - "seed": the app's own loader, graph-seed/load.ts `loadGraph`: the import pipeline (lib/import/pipeline.ts)
 *   over the graph in memory. It validates everything first (zod, ids, endpoints, sources, a lookup of the
 *   ids in the database), then writes UNWIND batches of 1,000. Needs the whole graph as arrays, so it is
 *   used up to 100k nodes.
 * - "stream": a streaming loader written for the benchmark: the same Cypher shape as loadGraph (MERGE on
 *   id, ON CREATE SET, type label spliced in from the registry), the same per-row validation with the
 *   registry's schemas, but batch by batch from the generator, 10,000 rows per transaction, with the next
 *   batch generated and validated while the previous one is written.
 *
 * To time lib/import (the importers' streaming pipeline, lib/import/neo4j-store.ts) instead, add it to
 * LOADERS below: that one line is the swap, e.g. `lib: (graph, context) => importerLoader(graph, context)`.
 */
import neo4j, { type Driver } from "neo4j-driver";
import { loadGraph } from "../graph-seed/load";
import { entityMergeStatement, entityRow, relationshipMergeStatement, relationshipRow } from "../lib/db/graph-writes";
import {
  checkEndpoints,
  ENTITY_TYPES,
  entitySchemas,
  RELATIONSHIP_TYPES,
  relationshipInputSchema,
  type EntityInput,
  type EntityType,
  type RelationshipInput,
  type RelationshipType,
} from "../lib/model/registry";
import type { SyntheticGraph } from "./generator";

export type LoaderName = "seed" | "stream";

export interface ImportResult {
  loader: string;
  nodes: number;
  relationships: number;
  batchSize: number;
  /** Wall time from the first row to the last commit. */
  seconds: number;
  rowsPerSecond: number;
  nodeSeconds: number;
  relationshipSeconds: number;
  /** Time spent in Node building rows (generation) and validating them, overlapped with writes for "stream". */
  generateSeconds: number;
  validateSeconds: number;
  /** Time the loader sat waiting for Neo4j to commit. */
  writeWaitSeconds: number;
}

export interface LoaderContext {
  driver: Driver;
  log: (line: string) => void;
}

export const LOADERS: Record<LoaderName, (graph: SyntheticGraph, context: LoaderContext) => Promise<ImportResult>> = {
  seed: (graph, context) => seedLoader(graph, context),
  stream: (graph, context) => streamLoader(graph, context),
};

const seconds = (from: number) => (performance.now() - from) / 1000;

/** The app's loader. Generation (the whole graph as arrays) is timed apart: a real import reads a file. */
async function seedLoader(graph: SyntheticGraph, { log }: LoaderContext): Promise<ImportResult> {
  let started = performance.now();
  const entities: EntityInput[] = [];
  for (const batch of graph.nodeBatches(10_000)) entities.push(...batch);
  const relationships: RelationshipInput[] = [];
  for (const batch of graph.relationshipBatches(10_000)) relationships.push(...batch);
  const generateSeconds = seconds(started);
  log(`[import] generated ${entities.length} entities and ${relationships.length} relationships in ${generateSeconds.toFixed(1)} s; loadGraph...`);
  started = performance.now();
  const result = await loadGraph({ entities, relationships });
  const total = seconds(started);
  if (result.entitiesCreated !== entities.length || result.relationshipsCreated !== relationships.length) {
    throw new Error(`loadGraph created ${result.entitiesCreated}/${result.relationshipsCreated}, expected ${entities.length}/${relationships.length}`);
  }
  const rows = entities.length + relationships.length;
  return {
    loader: "graph-seed/load.ts loadGraph: the import pipeline (validate all, then UNWIND batches of 1,000)",
    nodes: entities.length,
    relationships: relationships.length,
    batchSize: 1_000,
    seconds: total,
    rowsPerSecond: rows / total,
    // loadGraph does not report its phases; only the total is known.
    nodeSeconds: NaN,
    relationshipSeconds: NaN,
    generateSeconds,
    validateSeconds: NaN,
    writeWaitSeconds: NaN,
  };
}

const STREAM_BATCH = 10_000;

/**
 * The statements of lib/db/graph-writes.ts (what loadGraph and lib/import write with), kept here so the
 * stream loader can run them on its own driver with its own batch size and pipelining.
 */
interface Prepared<T extends string> {
  groups: Map<T, unknown[]>;
  rows: number;
}

/** The type of a generated id ("person-0001a" -> Person; the hubs are Companies). */
function typeOfGeneratedId(id: string): EntityType | undefined {
  if (id.startsWith("bench-hub-")) return "Company";
  const prefix = id.slice(0, id.indexOf("-"));
  return ENTITY_TYPES.find((type) => type.toLowerCase() === prefix);
}

function prepareNodes(batch: EntityInput[]): Prepared<EntityType> {
  const groups = new Map<EntityType, unknown[]>();
  for (const entity of batch) {
    const valid = entitySchemas[entity.type].parse(entity) as EntityInput;
    const rows = groups.get(entity.type) ?? [];
    rows.push(entityRow(entity.type, valid));
    groups.set(entity.type, rows);
  }
  return { groups, rows: batch.length };
}

function prepareRelationships(batch: RelationshipInput[]): Prepared<RelationshipType> {
  const groups = new Map<RelationshipType, unknown[]>();
  for (const input of batch) {
    const relationship = relationshipInputSchema.parse(input);
    const from = typeOfGeneratedId(relationship.from);
    const to = typeOfGeneratedId(relationship.to);
    const problem = from && to ? checkEndpoints(relationship.type, from, to) : "unknown endpoint";
    if (problem) throw new Error(`relationship ${relationship.id}: ${problem}`);
    if (relationship.sources.some((source) => typeOfGeneratedId(source) !== "Report")) {
      throw new Error(`relationship ${relationship.id}: a source is not a Report`);
    }
    const rows = groups.get(relationship.type) ?? [];
    rows.push(relationshipRow(relationship));
    groups.set(relationship.type, rows);
  }
  return { groups, rows: batch.length };
}

async function streamLoader(graph: SyntheticGraph, { driver, log }: LoaderContext): Promise<ImportResult> {
  const timings = { generate: 0, validate: 0, wait: 0 };
  let written = 0;
  const total = graph.nodeCount + graph.relationshipCount;
  let nextReport = 0.1;

  async function write<T extends string>(prepared: Prepared<T>, order: readonly T[], statement: (type: T) => string) {
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(async (tx) => {
        for (const type of order) {
          const rows = prepared.groups.get(type);
          if (rows && rows.length > 0) await tx.run(statement(type), { rows });
        }
      });
    } finally {
      await session.close();
    }
    written += prepared.rows;
    if (written / total >= nextReport) {
      log(`[import] ${Math.round((100 * written) / total)}% (${written} rows)`);
      nextReport += 0.1;
    }
  }

  /** Generates and validates batch k+1 while batch k is being written: Node and Neo4j work at once. */
  async function pipeline<B, T extends string>(
    batches: Generator<B[]>,
    prepare: (batch: B[]) => Prepared<T>,
    order: readonly T[],
    statement: (type: T) => string,
  ) {
    let inFlight: Promise<void> | null = null;
    for (;;) {
      let mark = performance.now();
      const next = batches.next();
      timings.generate += seconds(mark);
      if (next.done) break;
      mark = performance.now();
      const prepared = prepare(next.value);
      timings.validate += seconds(mark);
      mark = performance.now();
      await inFlight;
      timings.wait += seconds(mark);
      inFlight = write(prepared, order, statement);
    }
    const mark = performance.now();
    await inFlight;
    timings.wait += seconds(mark);
  }

  const started = performance.now();
  await pipeline(graph.nodeBatches(STREAM_BATCH), prepareNodes, ENTITY_TYPES, entityMergeStatement);
  const nodeSeconds = seconds(started);
  const relationshipsStarted = performance.now();
  await pipeline(graph.relationshipBatches(STREAM_BATCH), prepareRelationships, RELATIONSHIP_TYPES, relationshipMergeStatement);
  const relationshipSeconds = seconds(relationshipsStarted);
  const wall = seconds(started);
  return {
    loader: `bench/loader.ts stream (same Cypher as loadGraph, validate per batch, UNWIND batches of ${STREAM_BATCH.toLocaleString("en")}, one batch in flight)`,
    nodes: graph.nodeCount,
    relationships: graph.relationshipCount,
    batchSize: STREAM_BATCH,
    seconds: wall,
    rowsPerSecond: total / wall,
    nodeSeconds,
    relationshipSeconds,
    generateSeconds: timings.generate,
    validateSeconds: timings.validate,
    writeWaitSeconds: timings.wait,
  };
}
