/**
 * A Redstring JSON file (lib/export/json-csv.ts) as import items, read as a stream: a small scanner finds
 * each element of `entities` and `relationships` and parses it alone, so the file never has to fit in
 * memory and every problem names the line its element starts on. `positions` and other keys are skipped.
 * Relationships keep the sources they cite (Reports in the file or the database): an export then import
 * gives back the same graph.
 *
 * Nothing is ever assembled past MAX_LINE_BYTES: long lines arrive in pieces (lines.ts), an element
 * larger than that is refused with the line it starts on (and skipped; the scan goes on, so the rest of
 * the file is still checked), and so are an over-long key or header value.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { REDSTRING_JSON_FORMAT } from "../export/json-csv";
import { describeBytes } from "../request-body";
import { MAX_LINE_BYTES, readLines, type NumberedLine } from "./lines";
import type { ImportItem, ImportSource, ReadCounter } from "./types";

type ArrayKey = "entities" | "relationships";
type Scanned =
  | { kind: "element"; key: ArrayKey; line: number; text: string }
  | { kind: "problem"; line: number; reason: string; fileLevel?: boolean };

const WHITESPACE = new Set([" ", "\t", "\r", "\n"]);
/** Characters with no meaning inside a JSON string (sticky: matched from a given index). */
const ORDINARY = /[^"\\]+/y;

/** The scanner: JSON structure only (depth, strings, escapes); element text goes to JSON.parse. */
export async function* scanRedstringJson(lines: AsyncIterable<NumberedLine>, maxRecord = MAX_LINE_BYTES): AsyncGenerator<Scanned> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let keyText = "";
  let currentKey: string | null = null;
  let arrayKey: ArrayKey | null = null;
  let element: { line: number; text: string; invalid?: string; oversized?: boolean } | null = null;
  let scalar: { key: string; text: string } | null = null;
  let badElement = false;
  let started = false;
  let ended = false;
  let lastLine = 0;
  let reportedInvalidLine = 0;
  const header: Record<string, unknown> = {};
  const tooLong = (what: string) => `${what} is longer than ${describeBytes(maxRecord)}, the most Redstring reads as one record`;
  /** Adds a run of plain string text to what is being collected; a reason when a key or header value grows too long. */
  const take = (run: string, partOfKey: boolean): string | null => {
    if (element && !element.oversized) {
      element.text += run;
      if (element.text.length > maxRecord) {
        element.oversized = true;
        element.text = "";
      }
    }
    if (scalar) {
      scalar.text += run;
      if (scalar.text.length > maxRecord) return tooLong(`the value of "${scalar.key}"`);
    }
    if (partOfKey) {
      keyText += run;
      if (keyText.length > maxRecord) return tooLong("a key");
    }
    return null;
  };

  for await (const { line, text, invalid, continues } of lines) {
    lastLine = line;
    if (invalid) {
      if (element) element.invalid ??= invalid;
      else if (reportedInvalidLine !== line) yield { kind: "problem", line, reason: invalid };
      reportedInvalidLine = line;
    }
    const piece = continues ? text : `${text}\n`;
    for (let index = 0; index < piece.length; index += 1) {
      // Inside a string, everything up to the next quote or backslash is plain text: taken as one slice
      // (a long description is mostly that), not one character at a time.
      if (inString && !escaped) {
        ORDINARY.lastIndex = index;
        const run = ORDINARY.exec(piece)?.[0];
        if (run) {
          const fatal = take(run, depth === 1 && !scalar);
          if (fatal) {
            yield { kind: "problem", line, reason: fatal, fileLevel: true };
            return;
          }
          index += run.length;
          if (index >= piece.length) break;
        }
      }
      const char = piece[index] as string;
      if (element && !element.oversized) {
        element.text += char;
        if (element.text.length > maxRecord) {
          element.oversized = true;
          element.text = "";
        }
      }
      if (scalar) {
        scalar.text += char;
        if (scalar.text.length > maxRecord) {
          yield { kind: "problem", line, reason: tooLong(`the value of "${scalar.key}"`), fileLevel: true };
          return;
        }
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (char === "\\") escaped = true;
        else if (char === '"') inString = false;
        else if (depth === 1 && !scalar) {
          keyText += char;
          if (keyText.length > maxRecord) {
            yield { kind: "problem", line, reason: tooLong("a key"), fileLevel: true };
            return;
          }
        }
        continue;
      }
      if (WHITESPACE.has(char)) continue;
      if (ended) {
        yield { kind: "problem", line, reason: "text after the end of the JSON document", fileLevel: true };
        return;
      }
      if (!started) {
        if (char !== "{") {
          yield { kind: "problem", line, reason: "not a Redstring JSON file: it does not start with {", fileLevel: true };
          return;
        }
        started = true;
        depth = 1;
        continue;
      }
      if (depth === 2 && arrayKey && !element) {
        if (char === "{") {
          element = { line, text: "{" };
          badElement = false;
          depth = 3;
          continue;
        }
        if (char === ",") {
          badElement = false;
          continue;
        }
        if (char !== "]") {
          if (!badElement) yield { kind: "problem", line, reason: `an element of "${arrayKey}" is not an object` };
          badElement = true;
          if (char === '"') inString = true;
          continue;
        }
      }
      switch (char) {
        case '"':
          inString = true;
          if (depth === 1 && !scalar) keyText = "";
          break;
        case ":":
          if (depth === 1) {
            currentKey = keyText;
            if (currentKey === "format" || currentKey === "version") scalar = { key: currentKey, text: "" };
          }
          break;
        case "{":
        case "[":
          depth += 1;
          if (depth === 2 && char === "[" && (currentKey === "entities" || currentKey === "relationships")) arrayKey = currentKey;
          break;
        case "}":
        case "]":
          depth -= 1;
          if (depth === 2 && element) {
            const done = element;
            element = null;
            if (arrayKey) {
              if (done.oversized) yield { kind: "problem", line: done.line, reason: tooLong(arrayKey === "entities" ? "this entity" : "this relationship") };
              else if (done.invalid) yield { kind: "problem", line: done.line, reason: done.invalid };
              else yield { kind: "element", key: arrayKey, line: done.line, text: done.text };
            }
          }
          if (depth === 1) arrayKey = null;
          if (depth === 0) ended = true;
          break;
      }
      if (scalar && depth <= 1 && (char === "," || char === "}")) {
        try {
          header[scalar.key] = JSON.parse(scalar.text.slice(0, -1));
        } catch {
          header[scalar.key] = undefined;
        }
        scalar = null;
      }
    }
  }
  if (!ended) {
    if (element) yield { kind: "problem", line: element.line, reason: "this element is cut off: the file ends inside it (truncated?)", fileLevel: true };
    yield { kind: "problem", line: lastLine, reason: "the file ends before the JSON document does (truncated?)", fileLevel: true };
    return;
  }
  if (header.format !== REDSTRING_JSON_FORMAT) {
    yield { kind: "problem", line: 1, reason: `not a Redstring JSON file: "format" must be "${REDSTRING_JSON_FORMAT}"`, fileLevel: true };
  } else if (header.version !== 1) {
    yield { kind: "problem", line: 1, reason: `unsupported Redstring JSON version ${String(header.version)} (this version reads 1)`, fileLevel: true };
  }
}

/** A Redstring JSON file as an import source. */
/**
 * A Redstring JSON file as an import source. `shownAs` is the file's name in problems (the name the user
 * uploaded it under: the path on the server is nobody's business); by default the path as given.
 */
export function redstringJsonSource(file: string, name?: string, shownAs: string = file): ImportSource {
  return {
    name: name ?? path.basename(file),
    files: [file],
    totalBytes: statSync(file).size,
    async *items(counter: ReadCounter): AsyncGenerator<ImportItem> {
      for await (const scanned of scanRedstringJson(readLines(file, { counter, longLines: "pieces" }))) {
        const origin = { file: shownAs, line: scanned.line, index: 0 };
        if (scanned.kind === "problem") {
          yield { kind: "problem", ...origin, reason: scanned.reason, fileLevel: scanned.fileLevel };
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(scanned.text);
        } catch (cause) {
          yield { kind: "problem", ...origin, reason: `not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}` };
          continue;
        }
        const record = value as Record<string, unknown>;
        if (scanned.key === "entities") yield { kind: "entity", ...origin, entity: record };
        else yield { kind: "relationship", ...origin, relationship: record };
      }
    },
  };
}
