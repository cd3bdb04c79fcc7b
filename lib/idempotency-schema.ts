/** The stored answers of idempotent requests (lib/idempotency.ts) and their schema; no imports: no cycle. */
export const IDEMPOTENT_REQUEST_LABEL = "IdempotentRequest";

export const IDEMPOTENCY_SCHEMA_STATEMENTS: readonly string[] = [
  // One answer per user and key. A repeat arriving while the first is still running waits on this
  // constraint's lock, then fails on it and reads the first's answer: it never acts a second time.
  `CREATE CONSTRAINT idempotent_request_unique IF NOT EXISTS
   FOR (r:${IDEMPOTENT_REQUEST_LABEL}) REQUIRE (r.userId, r.key) IS UNIQUE`,
  // Expired answers are swept by age.
  `CREATE INDEX idempotent_request_created IF NOT EXISTS FOR (r:${IDEMPOTENT_REQUEST_LABEL}) ON (r.createdAt)`,
];
