/**
 * Import for the benchmarks: the synthetic graph into Neo4j, timed, through one of two loaders.
 *
 * - "seed": the app's own loader, graph-seed/load.ts `loadGraph`: the import pipeline (lib/import/pipeline.ts)
 *   over the graph in memory. It validates everything first (zod, ids, endpoints, sources, a lookup of the
 *   ids in the database), then writes UNWIND batches of 1,000. Needs the whole graph as arrays, so it is
 *   used up to 100k nodes.
 * - "stream": a streaming loader written for the benchmark: the same statements as loadGraph and the
 *   importers (lib/db/graph-writes.ts: CREATE for ids the database does not have, looked up in the same
 *   transaction, MERGE on id for the rest; relationships between entities this run created are CREATEd),
 *   the same per-row validation with the registry's schemas, but batch by batch from the generator, 10,000
 *   rows per transaction, with the next batch generated and validated while the previous one is written.
 *
 * To time lib/import (the importers' streaming pipeline, lib/import/neo4j-store.ts) instead, add it to
 * LOADERS below: that one line is the swap, e.g. `lib: (graph, context) => importerLoader(graph, context)`.
 */
import neo4j, { type Driver } from "neo4j-driver";
import { loadGraph } from "../graph-seed/load";
import {
  entityCreateStatement,
  entityMergeStatement,
  entityRow,
  relationshipCreateStatement,
  relationshipMergeStatement,
  relationshipRow,
} from "../lib/db/graph-writes";
import {
  checkEndpoints,
  ENTITY_LABEL,
  ENTITY_TYPES,
  entitySchemas,
  RELATIONSHIP_TYPES,
  relationshipInputSchema,
  type EntityInput,
  type EntityType,
  type RelationshipInput,
  type RelationshipType,
} from "../lib/model/registry";
import { writesInFlight } from "../lib/import/in-flight";
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
  /** Transactions the stream loader keeps in flight at once (1: one batch written while the next is made). */
  writers?: number;
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

async function streamLoader(graph: SyntheticGraph, { driver, log, writers = 1 }: LoaderContext): Promise<ImportResult> {
  const timings = { generate: 0, validate: 0, wait: 0 };
  let written = 0;
  const total = graph.nodeCount + graph.relationshipCount;
  let nextReport = 0.1;

  // Whether every entity so far was new (then no relationship between them can exist yet).
  let allEntitiesNew = true;

  /**
   * One batch in one transaction, as lib/db/graph-writes.ts writes it: entities the database does not have
   * (looked up first) and relationships between entities this run created with CREATE, the rest with MERGE.
   */
  async function write<T extends string>(prepared: Prepared<T>, order: readonly T[], kind: "entities" | "relationships") {
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(async (tx) => {
        for (const type of order) {
          const rows = prepared.groups.get(type) as { id: string }[] | undefined;
          if (!rows || rows.length === 0) continue;
          let existing = new Set<string>();
          if (kind === "entities") {
            const found = await tx.run(`UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n.id AS id`, { ids: rows.map((row) => row.id) });
            existing = new Set(found.records.map((record) => record.get("id") as string));
            if (existing.size > 0) allEntitiesNew = false;
          } else if (!allEntitiesNew) {
            existing = new Set(rows.map((row) => row.id));
          }
          const fresh = rows.filter((row) => !existing.has(row.id));
          const known = rows.filter((row) => existing.has(row.id));
          const create = kind === "entities" ? entityCreateStatement : relationshipCreateStatement;
          const merge = kind === "entities" ? entityMergeStatement : relationshipMergeStatement;
          if (fresh.length > 0) await tx.run(create(type as never), { rows: fresh });
          if (known.length > 0) await tx.run(merge(type as never), { rows: known });
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

  /**
   * Generates and validates the next batch while up to `writers` earlier ones are being written: Node and
   * Neo4j work at once, and with two or more writers Neo4j runs several transactions side by side (each
   * batch's ids are its own; relationships of two batches may share end nodes, and a deadlock Neo4j
   * reports on them is retried by executeWrite, as the importer's are).
   */
  async function pipeline<B, T extends string>(
    batches: Generator<B[]>,
    prepare: (batch: B[]) => Prepared<T>,
    order: readonly T[],
    kind: "entities" | "relationships",
  ) {
    const inFlight = writesInFlight(writers);
    for (;;) {
      let mark = performance.now();
      const next = batches.next();
      timings.generate += seconds(mark);
      if (next.done) break;
      mark = performance.now();
      const prepared = prepare(next.value);
      timings.validate += seconds(mark);
      mark = performance.now();
      await inFlight.start(() => write(prepared, order, kind));
      timings.wait += seconds(mark);
    }
    const mark = performance.now();
    await inFlight.settle();
    timings.wait += seconds(mark);
  }

  const started = performance.now();
  await pipeline(graph.nodeBatches(STREAM_BATCH), prepareNodes, ENTITY_TYPES, "entities");
  const nodeSeconds = seconds(started);
  const relationshipsStarted = performance.now();
  await pipeline(graph.relationshipBatches(STREAM_BATCH), prepareRelationships, RELATIONSHIP_TYPES, "relationships");
  const relationshipSeconds = seconds(relationshipsStarted);
  const wall = seconds(started);
  return {
    loader: `bench/loader.ts stream (the statements of lib/db/graph-writes.ts, CREATE for new ids, validate per batch, UNWIND batches of ${STREAM_BATCH.toLocaleString("en")}, ${writers === 1 ? "one batch" : `${writers} batches`} in flight)`,
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

export interface WriteFloor {
  nodes: number;
  relationships: number;
  rowsPerSecond: number;
  nodeRowsPerSecond: number;
  relationshipRowsPerSecond: number;
}

const FLOOR_LABEL = "BenchWriteFloor";

/**
 * What plain Cypher writes on this machine, in this run, on this engine: `UNWIND ... CREATE` of bare
 * nodes (an id and a name, one label, a unique constraint on the id) and of relationships between them
 * (no properties, no indexes), in batches of the stream loader's size, one transaction at a time. The
 * importer's rows/s are compared with this: it is the ceiling for a loader that writes through Bolt
 * transactions, whatever it does in Node. The nodes, the relationships and the constraint are deleted
 * afterwards. At most 100,000 nodes and 300,000 relationships, so it costs a minute at most.
 */
export async function measureWriteFloor(driver: Driver, nodeCount: number, log: (line: string) => void): Promise<WriteFloor> {
  const nodes = Math.min(nodeCount, 100_000);
  const relationships = nodes * 3;
  await driver.executeQuery(`CREATE CONSTRAINT bench_write_floor_id IF NOT EXISTS FOR (n:${FLOOR_LABEL}) REQUIRE n.id IS UNIQUE`);
  try {
    let started = performance.now();
    for (let start = 0; start < nodes; start += STREAM_BATCH) {
      const rows = Array.from({ length: Math.min(STREAM_BATCH, nodes - start) }, (_, k) => ({ id: `floor-${start + k}`, name: `Floor node ${start + k}` }));
      await driver.executeQuery(`UNWIND $rows AS row CREATE (:${FLOOR_LABEL} {id: row.id, name: row.name})`, { rows });
    }
    const nodeSeconds = seconds(started);
    started = performance.now();
    for (let start = 0; start < relationships; start += STREAM_BATCH) {
      // Deterministic, spread ends: relationship j joins node j mod n to node (7j + 1) mod n.
      const rows = Array.from({ length: Math.min(STREAM_BATCH, relationships - start) }, (_, k) => {
        const j = start + k;
        return { from: `floor-${j % nodes}`, to: `floor-${(7 * j + 1) % nodes}` };
      });
      await driver.executeQuery(
        `UNWIND $rows AS row MATCH (a:${FLOOR_LABEL} {id: row.from}) MATCH (b:${FLOOR_LABEL} {id: row.to}) CREATE (a)-[:BENCH_WRITE_FLOOR]->(b)`,
        { rows },
      );
    }
    const relationshipSeconds = seconds(started);
    const floor = {
      nodes,
      relationships,
      rowsPerSecond: (nodes + relationships) / (nodeSeconds + relationshipSeconds),
      nodeRowsPerSecond: nodes / nodeSeconds,
      relationshipRowsPerSecond: relationships / relationshipSeconds,
    };
    log(`[import] write floor (plain UNWIND CREATE): ${Math.round(floor.rowsPerSecond)} rows/s (nodes ${Math.round(floor.nodeRowsPerSecond)}, relationships ${Math.round(floor.relationshipRowsPerSecond)})`);
    return floor;
  } finally {
    // CALL ... IN TRANSACTIONS runs only in an auto-commit transaction, which executeQuery does not open.
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(`MATCH (n:${FLOOR_LABEL}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`);
    } finally {
      await session.close();
    }
    await driver.executeQuery("DROP CONSTRAINT bench_write_floor_id IF EXISTS");
  }
}
