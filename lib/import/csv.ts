/**
 * CSV files through a column mapping (mapping.ts) as import items. Parsing is csv-parse's (quotes,
 * embedded newlines, CRLF); bytes go through lines.ts first so invalid UTF-8 is caught with its line.
 * A line over 1 MB, or a record (quoted newlines included) over 1 MB, refuses the file with its line: past
 * it the parser could not know where the next row starts.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { MAX_LINE_BYTES, readLines } from "./lines";
import {
  mapNodeRow,
  mapRelationshipRow,
  nodeColumns,
  relationshipColumns,
  rowPasses,
  type CsvMapping,
  type Row,
} from "./mapping";
import type { ImportItem, ImportSource, ReadCounter } from "./types";

interface CsvRecord {
  line: number;
  row: Row;
}

type CsvEvent = { kind: "record"; record: CsvRecord } | { kind: "problem"; line: number; reason: string; fileLevel?: boolean };

/** Lines are handed to the parser in pieces of about this many characters: fewer stream events. */
const PIECE = 1 << 16;

/**
 * The records of one CSV file keyed by its header, each with the line it starts on. Rows touching an
 * undecodable line, or with a field count that differs from the header, come out as problems.
 */
export async function* readCsv(file: string, delimiter: string, counter?: ReadCounter): AsyncGenerator<CsvEvent> {
  const invalidLines = new Map<number, string>();
  let oversized: { line: number; reason: string } | undefined;
  async function* text(): AsyncGenerator<string> {
    let piece = "";
    for await (const line of readLines(file, counter)) {
      if (line.oversized) {
        // The parser is handed what came before; the file stops here (see the refusal below).
        oversized = { line: line.line, reason: line.invalid ?? "the line is too long" };
        break;
      }
      if (line.invalid) invalidLines.set(line.line, line.invalid);
      piece += `${line.text}\n`;
      if (piece.length >= PIECE) {
        yield piece;
        piece = "";
      }
    }
    if (piece !== "") yield piece;
  }

  const parser = Readable.from(text()).pipe(
    parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_LINE_BYTES }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const newlines = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
      const start = info.lines - newlines;
      let undecodable: string | undefined;
      for (let line = start; line <= info.lines && undecodable === undefined; line += 1) undecodable = invalidLines.get(line);
      if (undecodable !== undefined) {
        yield { kind: "problem", line: start, reason: undecodable };
        if (!header) return;
        continue;
      }
      if (!header) {
        header = record.map((name) => name.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield { kind: "problem", line: start, reason: `the row has ${record.length} fields, the header has ${header.length}` };
        continue;
      }
      const row: Record<string, string> = {};
      header.forEach((name, index) => {
        row[name] = record[index] ?? "";
      });
      yield { kind: "record", record: { line: start, row } };
    }
  } catch (cause) {
    if (!(cause instanceof CsvError)) throw cause;
    if (oversized) {
      // Cut off at the long line, the parser may see an open quote: the long line is the real problem.
      yield { kind: "problem", ...oversized, fileLevel: true };
      return;
    }
    const line = typeof (cause as { lines?: unknown }).lines === "number" ? (cause as unknown as { lines: number }).lines : 0;
    // The parser cannot go on after a syntax error, so nothing after it was read: the file is refused.
    yield { kind: "problem", line, reason: `CSV syntax error, the rest of the file is unreadable (truncated?): ${cause.message}`, fileLevel: true };
    return;
  }
  if (oversized) {
    yield { kind: "problem", ...oversized, fileLevel: true };
    return;
  }
  if (!header) yield { kind: "problem", line: 1, reason: "the file is empty: a header row is required", fileLevel: true };
}

/** The header row of a file, to check a mapping's columns before the first data row. */
async function readHeader(file: string, delimiter: string): Promise<string[] | null> {
  for await (const line of readLines(file)) {
    if (line.oversized) return null; // readCsv reports it with its line
    if (line.text.trim() === "") continue;
    const parser = parse(`${line.text}\n`, { delimiter, relax_quotes: true });
    for await (const record of parser as AsyncIterable<string[]>) return record.map((name) => name.trim());
    return null;
  }
  return null;
}

type MapRow = (row: Row) => ReturnType<typeof mapNodeRow> | ReturnType<typeof mapRelationshipRow>;
/** Entities by type and id, of the node mappings with `sameId: "first"`, for one pass over the files. */
type FirstSeen = Map<string, Record<string, unknown>>;

/**
 * `sameId: "first"`: a row with an id that an earlier row of such a mapping gave (this one, or another
 * with the same setting: legislators-current before legislators-historical) yields the first row's entity
 * again, which the pipeline counts as an identical repeat instead of refusing it for its other values.
 */
function firstById(mapRow: (row: Row) => ReturnType<typeof mapNodeRow>): (seen: FirstSeen) => MapRow {
  return (seen) => (row) => {
    const mapped = mapRow(row);
    if (!("entity" in mapped)) return mapped;
    const key = `${String(mapped.entity.type)} ${String(mapped.entity.id)}`;
    const first = seen.get(key);
    if (first) return { entity: first };
    seen.set(key, mapped.entity);
    return mapped;
  };
}

export interface CsvSourceOptions {
  mapping: CsvMapping;
  /** Where the mapping's file names are resolved. */
  directory: string;
  name?: string;
}

/** An import source over the files a mapping names: nodes first, then relationships, in mapping order. */
export function csvSource({ mapping, directory, name }: CsvSourceOptions): ImportSource {
  const resolve = (file: string) => path.resolve(directory, file);
  const entries = [
    ...mapping.nodes.map((node) => ({
      file: node.file,
      when: node.when,
      columns: nodeColumns(node),
      map: node.sameId === "first" ? firstById((row: Row) => mapNodeRow(node, row)) : (): MapRow => (row: Row) => mapNodeRow(node, row),
    })),
    ...mapping.relationships.map((relationship) => ({
      file: relationship.file,
      when: relationship.when,
      columns: relationshipColumns(relationship),
      map: (): MapRow => (row: Row) => mapRelationshipRow(relationship, row),
    })),
  ];
  const files = [...new Set(entries.map((entry) => entry.file))];
  const totalBytes = entries.reduce((sum, entry) => {
    try {
      return sum + statSync(resolve(entry.file)).size;
    } catch {
      return sum;
    }
  }, 0);

  return {
    name: name ?? mapping.source?.name ?? path.basename(path.resolve(directory)),
    files,
    totalBytes,
    async *items(counter: ReadCounter): AsyncGenerator<ImportItem> {
      const firstSeen: FirstSeen = new Map(); // per pass: every pass must see the same items
      for (const [index, entry] of entries.entries()) {
        const file = entry.file;
        const absolute = resolve(file);
        try {
          statSync(absolute);
        } catch {
          // The file as the mapping names it: where the server looked is not the reader's business.
          yield { kind: "problem", file, line: 0, index: 0, reason: "the file does not exist next to the mapping", fileLevel: true };
          continue;
        }
        const header = await readHeader(absolute, mapping.delimiter);
        const missing = entry.columns.filter((column) => !header?.includes(column));
        if (header && missing.length > 0) {
          const list = missing.map((column) => `"${column}"`).join(", ");
          yield { kind: "problem", file, line: 1, index: 0, reason: `the mapping reads column ${list}, which the header lacks`, fileLevel: true };
          continue;
        }
        const map = entry.map(firstSeen);
        for await (const event of readCsv(absolute, mapping.delimiter, counter)) {
          if (event.kind === "problem") {
            yield { kind: "problem", file, line: event.line, index: 0, reason: event.reason, fileLevel: event.fileLevel };
            continue;
          }
          const { line, row } = event.record;
          if (!rowPasses(entry.when, row)) continue;
          const mapped = map(row);
          // The mapping entry as the index: one file may feed both a node and a relationship mapping.
          if ("reason" in mapped) yield { kind: "problem", file, line, index, reason: mapped.reason };
          else if ("entity" in mapped) yield { kind: "entity", file, line, index, entity: mapped.entity };
          else yield { kind: "relationship", file, line, index, relationship: mapped.relationship };
        }
      }
    },
  };
}
