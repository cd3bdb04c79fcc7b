/**
 * Reads a file as numbered lines without ever holding more than one chunk plus one line in memory, and
 * decodes each line strictly: bytes that are not UTF-8 become a reported problem with the line number,
 * never silent replacement characters in the graph.
 *
 * Lines are bounded (MAX_LINE_BYTES): a longer line is never assembled. By default it comes out as a
 * problem with its number and length (its bytes are skipped); the JSON scanner, which bounds its own
 * records, asks for it in pieces instead. After every chunk the reader gives the event loop a turn, so
 * an import, however its file is shaped, never keeps the server from answering other requests.
 */
import { createReadStream } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describeBytes } from "../request-body";
import type { ReadCounter } from "./types";

/** The longest line (and, in the JSON scanner, the largest record) an import accepts: 1 MB. */
export const MAX_LINE_BYTES = 1024 ** 2;
/** Read size: small enough that the work done on one chunk never holds the event loop long. */
const CHUNK_BYTES = 256 * 1024;

export interface NumberedLine {
  line: number;
  /** The line without its terminator ("\n" or "\r\n"); decoded leniently when `invalid` is set. */
  text: string;
  /** Why the line could not be read (invalid UTF-8, too long). */
  invalid?: string;
  /** The line is longer than MAX_LINE_BYTES: `text` is empty and `invalid` says so. */
  oversized?: boolean;
  /** Only with `longLines: "pieces"`: this is a piece of a long line, which goes on in the next one. */
  continues?: boolean;
}

export interface ReadLinesOptions {
  counter?: ReadCounter;
  /** What to do with a line over MAX_LINE_BYTES: one `oversized` problem (default), or pieces of it. */
  longLines?: "refuse" | "pieces";
  /** For tests: a smaller bound. */
  maxLineBytes?: number;
}

export function oversizedLineReason(bytes: number, limit = MAX_LINE_BYTES): string {
  return `the line is ${describeBytes(bytes)} long; a line may be at most ${describeBytes(limit)}`;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder("utf-8");
const NEWLINE = 0x0a;

/** The 1-based byte column of the first invalid sequence, so the user can find it in a hex editor. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const size = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (size < 0) return index + 1;
    const second = bytes[index + 1] ?? 0;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid even when well formed.
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second >= 0xa0)) return index + 1;
    if ((lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second >= 0x90)) return index + 1;
    for (let next = 1; next <= size; next += 1) {
      if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index + 1;
    }
    index += size + 1;
  }
  return bytes.length;
}

export function decodeLine(bytes: Uint8Array, line: number): NumberedLine {
  let body = bytes;
  if (body.length > 0 && body[body.length - 1] === 0x0d) body = body.subarray(0, body.length - 1);
  try {
    let text = strict.decode(body);
    // TextDecoder drops a BOM only at the start of what it decodes; each line is decoded on its own.
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { line, text };
  } catch {
    return {
      line,
      text: lenient.decode(body),
      invalid: `invalid UTF-8 (byte ${firstInvalidByte(body)} of the line); save the file as UTF-8`,
    };
  }
}

/** Decodes the pieces of one long line, strictly, carrying multi-byte characters across pieces. */
class PieceDecoder {
  private readonly strict = new TextDecoder("utf-8", { fatal: true });
  private readonly lenient = new TextDecoder("utf-8");
  private offset = 0;
  invalid: string | undefined;

  decode(bytes: Uint8Array, last: boolean): string {
    const start = this.offset;
    this.offset += bytes.length;
    if (this.invalid === undefined) {
      try {
        return this.strict.decode(bytes, { stream: !last });
      } catch {
        this.invalid = `invalid UTF-8 (byte ${start + firstInvalidByte(bytes)} of the line); save the file as UTF-8`;
      }
    }
    return this.lenient.decode(bytes, { stream: !last });
  }
}

/** Streams `path` as numbered, strictly decoded lines of bounded length; adds the bytes read to `counter`. */
export async function* readLines(path: string, options: ReadLinesOptions | ReadCounter = {}): AsyncGenerator<NumberedLine> {
  const { counter, longLines = "refuse", maxLineBytes = MAX_LINE_BYTES } = "bytes" in options ? { counter: options } : (options as ReadLinesOptions);
  let carry: Uint8Array[] = [];
  let carryLength = 0;
  let line = 0;
  /** Set while the current line is past the bound: its length so far, and (pieces) its decoder. */
  let long: { bytes: number; decoder: PieceDecoder } | null = null;

  function* overflow(piece: Uint8Array, ends: boolean): Generator<NumberedLine> {
    if (!long) return;
    long.bytes += piece.length;
    if (longLines === "pieces") {
      const text = long.decoder.decode(piece, ends);
      yield { line: line + 1, text, invalid: long.decoder.invalid, continues: !ends };
    } else if (ends) {
      yield { line: line + 1, text: "", invalid: oversizedLineReason(long.bytes, maxLineBytes), oversized: true };
    }
  }

  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    if (counter) counter.bytes += chunk.length;
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      start = newline + 1;
      if (long) {
        yield* overflow(piece, true);
        long = null;
        line += 1;
        continue;
      }
      if (carryLength + piece.length > maxLineBytes) {
        long = { bytes: 0, decoder: new PieceDecoder() };
        yield* overflow(Buffer.concat([...carry, piece], carryLength + piece.length), true);
        carry = [];
        carryLength = 0;
        long = null;
        line += 1;
        continue;
      }
      const bytes = carryLength > 0 ? Buffer.concat([...carry, piece], carryLength + piece.length) : piece;
      carry = [];
      carryLength = 0;
      line += 1;
      yield decodeLine(bytes, line);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (long) {
        yield* overflow(rest, false);
      } else if (carryLength + rest.length > maxLineBytes) {
        long = { bytes: 0, decoder: new PieceDecoder() };
        yield* overflow(Buffer.concat([...carry, rest], carryLength + rest.length), false);
        carry = [];
        carryLength = 0;
      } else {
        carry.push(rest);
        carryLength += rest.length;
      }
    }
    await nextTurn();
  }
  // A last line without a terminator still counts (a truncated file usually ends like that).
  if (long) yield* overflow(new Uint8Array(0), true);
  else if (carryLength > 0) yield decodeLine(Buffer.concat(carry, carryLength), line + 1);
}
