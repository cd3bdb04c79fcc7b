/**
 * Reads a file as numbered lines without ever holding more than one chunk plus one line in memory, and
 * decodes each line strictly: bytes that are not UTF-8 become a reported problem with the line number,
 * never silent replacement characters in the graph.
 */
import { createReadStream } from "node:fs";
import type { ReadCounter } from "./types";

export interface NumberedLine {
  line: number;
  /** The line without its terminator ("\n" or "\r\n"); decoded leniently when `invalid` is set. */
  text: string;
  /** Why the line could not be decoded, when it is not valid UTF-8. */
  invalid?: string;
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

/** Streams `path` as numbered, strictly decoded lines; adds the bytes read to `counter`. */
export async function* readLines(path: string, counter?: ReadCounter): AsyncGenerator<NumberedLine> {
  let carry: Uint8Array[] = [];
  let carryLength = 0;
  let line = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (counter) counter.bytes += chunk.length;
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      const bytes = carryLength > 0 ? Buffer.concat([...carry, piece], carryLength + piece.length) : piece;
      carry = [];
      carryLength = 0;
      line += 1;
      yield decodeLine(bytes, line);
      start = newline + 1;
    }
    if (start < chunk.length) {
      carry.push(chunk.subarray(start));
      carryLength += chunk.length - start;
    }
  }
  // A last line without a terminator still counts (a truncated file usually ends like that).
  if (carryLength > 0) yield decodeLine(Buffer.concat(carry, carryLength), line + 1);
}
