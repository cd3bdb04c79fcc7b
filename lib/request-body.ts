/**
 * Reading a request body without trusting the client about its size. `request.text()` and
 * `request.json()` buffer whatever arrives, and a chunked body carries no `Content-Length` to check
 * first, so every route reads through here instead: the body is pulled from its stream chunk by chunk,
 * counted, and the read stops (and the stream is cancelled) as soon as it passes the route's limit.
 */
import { PayloadTooLargeError } from "./errors";

const KIB = 1024;

/**
 * The largest body each kind of route accepts. Sized from the biggest valid request with room to spare;
 * anything past them is a mistake or an attack.
 */
export const BODY_LIMITS = {
  /** Email and password, the first admin, an account change. */
  credentials: 16 * KIB,
  /** Editing forms, merges, saved queries (Cypher is at most 20,000 characters), snapshots, import starts. */
  form: 256 * KIB,
  /**
   * A big view (a workspace, a snapshot of one, the graph of either): 20,000 entity ids (about 40
   * characters each) with positions, pins and hidden lists, or a snapshot's relationship ids as well.
   */
  largeView: 8 * 1024 * KIB,
} as const;

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Number((bytes / 1024 ** 3).toFixed(1))} GB`;
  if (bytes >= 1024 ** 2) return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;
  return `${Math.ceil(bytes / 1024)} kB`;
}

export function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`The request body is larger than ${describeBytes(limit)}, the most this request accepts.`);
}

/** The declared `Content-Length`, when there is a sensible one (a lie is caught by counting anyway). */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

/**
 * Yields the body's chunks, refusing (413) the first chunk that takes the total past `limit`. A declared
 * length over the limit is refused before anything is read. Breaking out early, or the refusal, cancels
 * the stream so the client's remaining bytes are not pulled into memory.
 */
export async function* boundedChunks(request: Request, limit: number, refusal: () => Error = () => tooLarge(limit)): AsyncGenerator<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) throw refusal();
  if (!request.body) return;
  const reader = request.body.getReader();
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      total += value.byteLength;
      if (total > limit) throw refusal();
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The whole body as text, at most `limit` bytes of it (413 past that). Invalid UTF-8 becomes U+FFFD. */
export async function readBoundedText(request: Request, limit: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of boundedChunks(request, limit)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
