import "server-only";
/**
 * Reading data sets: the list, one, and its refused rows. Who may read them is who may read the graph
 * ("graph:read"): the counts describe the graph, and refused rows hold raw data from the files.
 * Counts come from the records' `datasets` lists, counted when read: one pass over the entities and one
 * over the relationships that carry the property, for every data set at once.
 */
import { createReadStream, existsSync } from "node:fs";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read } from "../database";
import { toPlain } from "../db/values";
import { NotFoundError } from "../errors";
import { ENTITY_LABEL, entityTypeOf } from "../model/registry";
import { type Dataset, type DatasetCounts, type DatasetName } from "./model";
import { possibleMatchesOf } from "../resolution/counts";
import { refusedRowsPath } from "./refused";
import { DATASET_LABEL } from "./schema";

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const date = (value: unknown): string => String(toPlain(value) ?? "");

function datasetOf(properties: Record<string, unknown>, counts: DatasetCounts, possibleMatches: number): Dataset {
  const names = list(properties.fileNames);
  const hashes = list(properties.fileSha256);
  const sizes = list(properties.fileBytes);
  const reasons = list(properties.refusedReasons);
  const reasonRows = list(properties.refusedReasonRows);
  return {
    id: String(properties.id),
    name: text(properties.name) ?? String(properties.id),
    description: text(properties.description),
    url: text(properties.url),
    publisher: text(properties.publisher),
    licence: text(properties.licence),
    files: names.map((name, index) => ({ name: String(name), sha256: String(hashes[index] ?? ""), bytes: Number(sizes[index] ?? 0) })),
    importedBy:
      properties.importedByKind === "user"
        ? { kind: "user", id: String(properties.importedById ?? ""), name: String(properties.importedByName ?? "") }
        : { kind: "command line" },
    firstImportedAt: date(properties.firstImportedAt),
    lastImportedAt: date(properties.lastImportedAt),
    imports: Number(properties.imports ?? 0),
    counts,
    refused: {
      total: Number(properties.refusedTotal ?? 0),
      byReason: reasons.map((reason, index) => ({ reason: String(reason), rows: Number(reasonRows[index] ?? 0) })),
    },
    possibleMatches,
  };
}

/** Entities per type and relationships per type of each of these data sets. */
async function countsOf(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, DatasetCounts>> {
  const counts = new Map<string, DatasetCounts>(ids.map((id) => [id, { entities: {}, relationships: {} }]));
  if (ids.length === 0) return counts;
  const entities = await tx.run(
    `MATCH (n:${ENTITY_LABEL}) WHERE n.datasets IS NOT NULL
     UNWIND n.datasets AS dataset
     WITH dataset, labels(n) AS labels WHERE dataset IN $ids
     RETURN dataset, labels, count(*) AS count`,
    { ids },
  );
  for (const record of entities.records) {
    const type = entityTypeOf(record.get("labels") as string[]);
    const entry = counts.get(record.get("dataset") as string);
    if (!type || !entry) continue;
    entry.entities[type] = (entry.entities[type] ?? 0) + Number(toPlain(record.get("count")));
  }
  const relationships = await tx.run(
    `MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL}) WHERE r.datasets IS NOT NULL
     UNWIND r.datasets AS dataset
     WITH dataset, type(r) AS type WHERE dataset IN $ids
     RETURN dataset, type, count(*) AS count`,
    { ids },
  );
  for (const record of relationships.records) {
    const entry = counts.get(record.get("dataset") as string);
    if (entry) entry.relationships[record.get("type") as string] = Number(toPlain(record.get("count")));
  }
  return counts;
}

async function readDatasets(tx: ManagedTransaction, id: string | null): Promise<Dataset[]> {
  const result = await tx.run(
    `MATCH (d:${DATASET_LABEL}) WHERE $id IS NULL OR d.id = $id
     RETURN properties(d) AS properties ORDER BY d.name, d.id`,
    { id },
  );
  const rows = result.records.map((record) => record.get("properties") as Record<string, unknown>);
  const counts = await countsOf(tx, rows.map((row) => String(row.id)));
  const matches = new Map<string, number>();
  for (const row of rows) matches.set(String(row.id), await possibleMatchesOf(tx, String(row.id)));
  return rows.map((row) => datasetOf(row, counts.get(String(row.id)) ?? { entities: {}, relationships: {} }, matches.get(String(row.id)) ?? 0));
}

export async function listDatasets(actor: Actor): Promise<Dataset[]> {
  requirePermission(actor, "graph:read");
  return read((tx) => readDatasets(tx, null));
}

/** Every data set's id and name, by name: what a filter shows, without the counts' full scan. */
export async function listDatasetNames(actor: Actor): Promise<DatasetName[]> {
  requirePermission(actor, "graph:read");
  const result = await read((tx) => tx.run(`MATCH (d:${DATASET_LABEL}) RETURN d.id AS id, d.name AS name ORDER BY d.name, d.id`));
  return result.records.map((record) => ({ id: String(record.get("id")), name: String(record.get("name") ?? record.get("id")) }));
}

const notFound = () => new NotFoundError("No data set with this id exists.");

export async function getDataset(actor: Actor, id: string): Promise<Dataset> {
  requirePermission(actor, "graph:read");
  const [dataset] = await read((tx) => readDatasets(tx, id));
  if (!dataset) throw notFound();
  return dataset;
}

/**
 * The data set's refused rows as a TSV stream. Checked before the answer starts: the data set must exist;
 * one imported with nothing refused, or whose file is gone, answers the header line only.
 */
export async function refusedRows(actor: Actor, id: string): Promise<{ dataset: Dataset; stream: NodeJS.ReadableStream | null }> {
  const dataset = await getDataset(actor, id);
  const file = refusedRowsPath(dataset.id);
  return { dataset, stream: existsSync(file) ? createReadStream(file) : null };
}
