/**
 * What every importer produces and the pipeline consumes. A format module (csv.ts, redstring-json.ts,
 * ftm.ts) only turns its file into items; validation, duplicate and reference checks, and writing are the
 * pipeline's, so every format refuses bad rows the same way.
 */

/** Where a row came from: shown to the user, and the key that lets later passes skip refused rows. */
export interface RowOrigin {
  /** The file as the user named it (a path or a base name). */
  file: string;
  /** 1-based line where the row starts. */
  line: number;
  /** Several items may come from one row (an FtM Person and its HAS_ADDRESS link): their index. */
  index: number;
}

export interface EntityItem extends RowOrigin {
  kind: "entity";
  /** Not yet validated: the pipeline checks it against the registry's strict schema for its type. */
  entity: Record<string, unknown>;
}

export interface RelationshipItem extends RowOrigin {
  kind: "relationship";
  /** Not yet validated; `sources` may be absent when the import cites its own source Report. */
  relationship: Record<string, unknown>;
}

export interface ProblemItem extends RowOrigin {
  kind: "problem";
  reason: string;
  /**
   * The file as a whole is unreadable past this point (CSV syntax error, missing column, not a file):
   * even --skip-invalid refuses to load, since rows after it were never checked.
   */
  fileLevel?: boolean;
}

export type ImportItem = EntityItem | RelationshipItem | ProblemItem;

export interface Problem {
  file: string;
  line: number;
  reason: string;
}

/** Bytes read so far in the current pass, for the progress line ("42% of 14 MB"). */
export interface ReadCounter {
  bytes: number;
}

/**
 * A readable input: the pipeline streams it several times (validate, check references, write entities,
 * write relationships), so `items` must yield the same sequence on every call.
 */
export interface ImportSource {
  /** Human name of the data set, for the provenance Report and the final report. */
  readonly name: string;
  readonly files: readonly string[];
  readonly totalBytes: number;
  items(counter: ReadCounter): AsyncIterable<ImportItem>;
}

export function originKey(origin: RowOrigin): string {
  return `${origin.file}\u0000${origin.line}\u0000${origin.index}`;
}
