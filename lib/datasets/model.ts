/**
 * Data sets as the API and the pages show them, and the pure parts of recording one: ids, the summary of
 * refused rows by reason, and the TSV of every refused row. No database, no server module.
 */
import { z } from "zod";
import { tsvField } from "../format/tsv";

/** A data set's id: a slug such as `legis-graph-114` or `ftm-donations`, the same as entity ids. */
export const DATASET_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,199}$/;
export const datasetIdSchema = z.string().regex(DATASET_ID_PATTERN, "a data set id is a lowercase slug such as ftm-donations");

/** One file an import read, as the page lists it: its name (never a server path), its hash and size. */
export interface DatasetFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** Refused rows that share a reason once ids, numbers and quoted values are taken out. */
export interface RefusedReason {
  reason: string;
  rows: number;
}

export interface DatasetCounts {
  entities: Record<string, number>;
  relationships: Record<string, number>;
}

/** Who ran the import: a signed-in user on the Data page, or `npm run import` ("command line"). */
export type DatasetImporter = { kind: "user"; id: string; name: string } | { kind: "command line" };

/** A data set as a filter or a label names it: no counts (those read every record the graph holds). */
export interface DatasetName {
  id: string;
  name: string;
}

export interface Dataset {
  id: string;
  name: string;
  description: string | null;
  url: string | null;
  publisher: string | null;
  licence: string | null;
  files: DatasetFile[];
  importedBy: DatasetImporter;
  firstImportedAt: string;
  lastImportedAt: string;
  imports: number;
  /** Counted in the database from the `datasets` lists, when read: true after edits, merges and re-imports. */
  counts: DatasetCounts;
  refused: { total: number; byReason: RefusedReason[] };
  /**
   * Candidate pairs not yet judged with at least one side from this data set (pairs within it count
   * too), as cross-referencing stored them (lib/resolution): what "N possible matches" says.
   */
  possibleMatches: number;
}

/**
 * The wording of a reason without what differs row to row, so rows refused for the same cause are counted
 * together: quoted values ("leg-a0001"), parenthesised details, numbers and ids become "…".
 *   `relationship sponsored-h1-a1: unknown end entity "bill-h1" (neither in the import nor in the database)`
 *   -> `relationship …: unknown end entity … (neither in the import nor in the database)`
 */
export function reasonKind(reason: string): string {
  return reason
    .replace(/"(?:[^"\\]|\\.)*"|“[^”]*”/g, "…")
    .replace(/^(entity|relationship) [^\s:]+:/, "$1 …:")
    .replace(/\(([^()]*->[^()]*)\)/g, "(…)")
    .replace(/\b\d+(?:[.,]\d+)*\b/g, "…")
    .replace(/…(?:\s*…)+/g, "…")
    .replace(/\s+/g, " ")
    .trim();
}

/** Counts of refused rows per reason kind, most frequent first (then alphabetically, so the order is stable). */
export class ReasonTally {
  private readonly counts = new Map<string, number>();
  total = 0;

  add(reason: string): void {
    const kind = reasonKind(reason);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.total += 1;
  }

  summary(): RefusedReason[] {
    return [...this.counts]
      .map(([reason, rows]) => ({ reason, rows }))
      .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
  }
}

export const REFUSED_TSV_HEADER = "file\tline\treason\n";

export function refusedTsvLine(problem: { file: string; line: number; reason: string }): string {
  return `${tsvField(problem.file)}\t${tsvField(problem.line)}\t${tsvField(problem.reason)}\n`;
}
