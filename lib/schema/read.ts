import "server-only";
/**
 * What the database holds, per registry label and relationship type, for the schema analysts read
 * (lib/schema/model.ts builds it; GET /api/schema and /schema serve it). Labels and types are spliced in
 * only from the registry's constants, so only entity data is ever read: Redstring's own records (users,
 * saved queries, snapshots, import jobs...) carry none of those labels and join no entity.
 *
 * Cost, per label or type, in one read transaction: one pass over its records grouped by their set of
 * keys and their `datasets` list (a handful of groups, however many records: exact counts and data sets),
 * then, per key, a bounded read of the first SAMPLE records that carry it, for up to MAX_EXAMPLES distinct
 * examples and the value types Neo4j holds there. Asking Neo4j for every record's value types would
 * triple the pass (valueType() on every key of every record); a type that differs only beyond the
 * sample goes unseen. On the US Congress data (23.6k entities, 314k relationships) the read takes a few
 * seconds on a busy two-core machine, most of it the passes over the three big relationship types.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { read } from "../database";
import { DATASET_LABEL } from "../datasets/schema";
import { toInteger } from "../db/params";
import { toPlain } from "../db/values";
import type { JsonValue } from "../json";
import { ENTITY_TYPES, RELATIONSHIP_TYPES, precisionFieldOf, type EntityType, type RelationshipType } from "../model/registry";
import {
  DATASETS_PROPERTY,
  HIDDEN_KEY,
  MAX_EXAMPLES,
  buildGraphSchema,
  type GraphSchema,
  type KeyObservation,
  type SchemaObservations,
  type TypeObservation,
} from "./model";


/** Examples and value types come from the first this many records carrying a key: never a full scan per key. */
const SAMPLE = 1_000;
/** More data sets than this would not be read by anyone on one page. */
const MAX_DATASETS = 1_000;
/** A pass over every record of a big graph can outlast an ordinary request's transaction timeout (15 s). */
const SCHEMA_TIMEOUT_MS = 60_000;

/** The Cypher pattern binding `x` to the records of one label or type; the name comes from the registry only. */
function patternOf(kind: "entity" | "relationship", name: EntityType | RelationshipType): string {
  return kind === "entity" ? `(x:${name})` : `()-[x:${name}]->()`;
}

interface KeyTally {
  count: number;
  datasetIds: Set<string>;
}

async function observe(tx: ManagedTransaction, kind: "entity" | "relationship", name: EntityType | RelationshipType): Promise<TypeObservation> {
  const pattern = patternOf(kind, name);
  const groups = await tx.run(`MATCH ${pattern} RETURN keys(x) AS keys, x.${DATASETS_PROPERTY} AS datasets, count(*) AS count`);
  let total = 0;
  const tallies = new Map<string, KeyTally>();
  for (const record of groups.records) {
    const count = Number(toPlain(record.get("count")));
    const datasets = record.get("datasets") as unknown;
    total += count;
    for (const key of record.get("keys") as string[]) {
      if (HIDDEN_KEY(key)) continue;
      const tally = tallies.get(key) ?? { count: 0, datasetIds: new Set<string>() };
      tally.count += count;
      if (Array.isArray(datasets)) for (const id of datasets) if (typeof id === "string") tally.datasetIds.add(id);
      tallies.set(key, tally);
    }
  }
  if (tallies.size === 0) return { count: total, keys: [] };
  const samples = await sampleKeys(tx, pattern, [...tallies.keys()]);
  const keys = [...tallies].map(([key, tally]): KeyObservation => ({
    key,
    count: tally.count,
    datasetIds: [...tally.datasetIds],
    neo4jTypes: samples.get(key)?.types ?? [],
    examples: samples.get(key)?.examples ?? [],
  }));
  return { count: total, keys };
}

interface KeySample {
  types: string[];
  examples: JsonValue[];
}

/**
 * Per key, from the first SAMPLE records carrying it: the value types Neo4j holds (valueType()) and up to
 * MAX_EXAMPLES distinct values as the API shows them (a date known only to its month or year reads as
 * written, "2019-03", from the precision kept beside it).
 */
async function sampleKeys(tx: ManagedTransaction, pattern: string, keys: readonly string[]): Promise<Map<string, KeySample>> {
  const result = await tx.run(
    `UNWIND $keys AS key
     CALL (key) {
       MATCH ${pattern} WHERE x[key] IS NOT NULL
       WITH x[key] AS value, x[key + $precisionSuffix] AS precision LIMIT $sample
       RETURN collect(DISTINCT valueType(value)) AS types, collect(DISTINCT [value, precision])[..$examples] AS examples
     }
     RETURN key, types, examples`,
    { keys, precisionSuffix: precisionFieldOf(""), sample: toInteger(SAMPLE), examples: toInteger(MAX_EXAMPLES) },
  );
  return new Map(
    result.records.map((record) => [
      String(record.get("key")),
      {
        types: (record.get("types") as unknown[]).map(String),
        examples: (record.get("examples") as [unknown, unknown][]).map(([value, precision]) => asWritten(toPlain(value), precision)).filter(isTelling),
      },
    ]),
  );
}

/** An empty list or text says nothing about a key's values. */
const isTelling = (value: JsonValue) => !(Array.isArray(value) && value.length === 0) && value !== "";

function asWritten(value: JsonValue, precision: unknown): JsonValue {
  if (typeof value !== "string") return value;
  if (precision === "year") return value.slice(0, 4);
  if (precision === "month") return value.slice(0, 7);
  return value;
}

async function datasetNames(tx: ManagedTransaction): Promise<Record<string, string>> {
  const result = await tx.run(
    `MATCH (d:${DATASET_LABEL}) WHERE d.id IS NOT NULL RETURN d.id AS id, coalesce(d.name, d.id) AS name LIMIT $limit`,
    { limit: toInteger(MAX_DATASETS) },
  );
  return Object.fromEntries(result.records.map((record) => [String(record.get("id")), String(record.get("name"))]));
}

/** What the database holds, for buildGraphSchema; exported for the benchmark and the tests. */
export async function observeSchema(tx: ManagedTransaction): Promise<SchemaObservations> {
  const entities: SchemaObservations["entities"] = {};
  for (const type of ENTITY_TYPES) entities[type] = await observe(tx, "entity", type);
  const relationships: SchemaObservations["relationships"] = {};
  for (const type of RELATIONSHIP_TYPES) relationships[type] = await observe(tx, "relationship", type);
  return { entities, relationships, datasetNames: await datasetNames(tx) };
}

/** The schema of the graph as it is now. Needs "graph:read": whoever may read the graph or run queries. */
export async function readGraphSchema(actor: Actor): Promise<GraphSchema> {
  requirePermission(actor, "graph:read");
  const observations = await read((tx) => observeSchema(tx), { timeoutMs: SCHEMA_TIMEOUT_MS });
  return buildGraphSchema(observations);
}
