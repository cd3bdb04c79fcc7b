import "server-only";
/**
 * Creating or updating a data set's record at the end of an import: the command line
 * (graph-seed/import-cli.ts), the Data page's jobs (lib/import/jobs.ts) and the demo seed all call this
 * once the pipeline has written. The counts are not stored here: they are counted from the records'
 * `datasets` lists whenever the record is read (store.ts), so they stay true after edits and merges.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { runWrite } from "../db/session";
import { DATASET_LABEL } from "./schema";
import type { DatasetFile, DatasetImporter, RefusedReason } from "./model";

export interface DatasetImport {
  id: string;
  name: string;
  description?: string | null;
  url?: string | null;
  publisher?: string | null;
  licence?: string | null;
  /** The files read: where they are, and the name to show (never the server's path). */
  files: readonly { path: string; name: string }[];
  importedBy: DatasetImporter;
  refused: { total: number; byReason: readonly RefusedReason[] };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Each file's hash and size, read from disk; a file that is gone (an upload already removed) is left out. */
export async function describeFiles(files: DatasetImport["files"]): Promise<DatasetFile[]> {
  const described: DatasetFile[] = [];
  for (const file of files) {
    try {
      described.push({ name: file.name, bytes: (await stat(file.path)).size, sha256: await sha256Of(file.path) });
    } catch {
      continue;
    }
  }
  return described;
}

/** Neo4j stores no maps: files and the reason summary are kept as parallel lists. */
export async function recordDatasetImport(info: DatasetImport): Promise<void> {
  const files = await describeFiles(info.files);
  const importer = info.importedBy;
  await runWrite((tx) =>
    tx.run(
      `MERGE (d:${DATASET_LABEL} {id: $id})
       ON CREATE SET d.firstImportedAt = datetime(), d.imports = 0
       SET d.name = $name, d.description = $description, d.url = $url, d.publisher = $publisher, d.licence = $licence,
           d.fileNames = $fileNames, d.fileSha256 = $fileSha256, d.fileBytes = $fileBytes,
           d.importedByKind = $importedByKind, d.importedById = $importedById, d.importedByName = $importedByName,
           d.lastImportedAt = datetime(), d.imports = d.imports + 1,
           d.refusedTotal = $refusedTotal, d.refusedReasons = $refusedReasons, d.refusedReasonRows = $refusedReasonRows`,
      {
        id: info.id,
        name: info.name,
        description: info.description ?? null,
        url: info.url ?? null,
        publisher: info.publisher ?? null,
        licence: info.licence ?? null,
        fileNames: files.map((file) => file.name),
        fileSha256: files.map((file) => file.sha256),
        fileBytes: files.map((file) => file.bytes),
        importedByKind: importer.kind,
        importedById: importer.kind === "user" ? importer.id : null,
        importedByName: importer.kind === "user" ? importer.name : null,
        refusedTotal: info.refused.total,
        refusedReasons: info.refused.byReason.map((entry) => entry.reason),
        refusedReasonRows: info.refused.byReason.map((entry) => entry.rows),
      },
    ),
  );
}
