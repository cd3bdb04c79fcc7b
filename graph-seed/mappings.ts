/**
 * The committed import mappings (graph-seed/mappings/): data next to the seed story, read by the deploy
 * and import steps and handed down to lib, which never reads files of this folder itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { csvMappingSchema, type CsvMapping } from "../lib/import/mapping";

/** The committed US Congress (legis-graph-114) mapping's file. */
export const LEGIS_MAPPING_FILE = path.join(import.meta.dirname, "mappings", "legis-graph-114", "mapping.json");

/** The committed US Congress mapping, checked against the mapping schema. */
export function legisMapping(): CsvMapping {
  return csvMappingSchema.parse(JSON.parse(readFileSync(LEGIS_MAPPING_FILE, "utf8")));
}
