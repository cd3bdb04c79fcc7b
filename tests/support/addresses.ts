/**
 * Client addresses for integration tests. Rate-limit counters live in Neo4j and outlast a test run, so each
 * run takes addresses of its own (an IPv6 documentation prefix with a random part) and removes their
 * counters afterwards. The tests play scripts/server.mjs's part: they set the one header the app believes.
 */
import { randomBytes } from "node:crypto";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";
import { cypher } from "./neo4j";

export { CLIENT_ADDRESS_HEADER };

/** One 16-bit group per run: "2001:db8:1f2e:". */
const runPrefix = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}:`;
let next = 0;

/** A client address no other test (or earlier run) has used. */
export function testAddress(): string {
  next += 1;
  return `${runPrefix}:${next.toString(16)}`;
}

/** Deletes the counters of every address testAddress() gave out in this run (and of `keys`). */
export async function removeTestRateLimits(keys: readonly string[] = []): Promise<void> {
  await cypher("MATCH (r:RateLimit) WHERE r.key CONTAINS $runPrefix OR any(key IN $keys WHERE r.key CONTAINS key) DELETE r", { runPrefix, keys });
}
