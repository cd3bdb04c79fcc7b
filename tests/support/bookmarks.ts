/**
 * A bookmark the database has not reached yet, to show that a read given it waits for the write it names
 * (what a follower does when the browser's write was committed on the leader through another server).
 * Neo4j 5 bookmarks are "FB:" and base64 of a small packed record: a marker byte, the database's id as 16
 * bytes (0xCC 0x10 then the bytes), the last transaction id as a packed integer, then an empty list. This
 * reads that id and writes it back `ahead` transactions later. An undocumented format: if a Neo4j version
 * changes it, this throws with the bookmark it could not read rather than making a test pass by chance.
 */
const ID_END = 19;

function packedInteger(bytes: Buffer, at: number): { value: bigint; end: number } {
  const marker = bytes[at];
  if (marker === undefined) throw new Error("the bookmark ends before its transaction id");
  if (marker < 0x80) return { value: BigInt(marker), end: at + 1 };
  if (marker === 0xc8) return { value: BigInt(bytes.readInt8(at + 1)), end: at + 2 };
  if (marker === 0xc9) return { value: BigInt(bytes.readInt16BE(at + 1)), end: at + 3 };
  if (marker === 0xca) return { value: BigInt(bytes.readInt32BE(at + 1)), end: at + 5 };
  if (marker === 0xcb) return { value: bytes.readBigInt64BE(at + 1), end: at + 9 };
  throw new Error(`the bookmark's transaction id has an unknown marker 0x${marker.toString(16)}`);
}

function bookmarkBytes(bookmark: string): Buffer {
  if (!bookmark.startsWith("FB:")) throw new Error(`not a Neo4j 5 bookmark: ${bookmark}`);
  const bytes = Buffer.from(bookmark.slice(3), "base64url");
  if (bytes[1] !== 0xcc || bytes[2] !== 0x10) throw new Error(`a bookmark of an unknown layout: ${bookmark}`);
  return bytes;
}

/** The id of the last transaction a bookmark names. */
export function bookmarkTransaction(bookmark: string): bigint {
  return packedInteger(bookmarkBytes(bookmark), ID_END).value;
}

export function bookmarkAhead(bookmark: string, ahead: number): string {
  const bytes = bookmarkBytes(bookmark);
  const transaction = packedInteger(bytes, ID_END);
  const later = Buffer.alloc(9);
  later[0] = 0xcb;
  later.writeBigInt64BE(transaction.value + BigInt(ahead), 1);
  return `FB:${Buffer.concat([bytes.subarray(0, ID_END), later, bytes.subarray(transaction.end)]).toString("base64url")}`;
}
