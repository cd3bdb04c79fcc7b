/** The RateLimit label and its schema, run by lib/migrations.ts. */
export const RATE_LIMIT_LABEL = "RateLimit";

export const RATE_LIMIT_SCHEMA_STATEMENTS: readonly string[] = [
  // One counter per key: two first attempts racing on a new key cannot make two counters.
  `CREATE CONSTRAINT rate_limit_key_unique IF NOT EXISTS FOR (r:${RATE_LIMIT_LABEL}) REQUIRE r.key IS UNIQUE`,
  // The sweep of expired counters looks them up by expiry.
  `CREATE INDEX rate_limit_expires IF NOT EXISTS FOR (r:${RATE_LIMIT_LABEL}) ON (r.expiresAt)`,
];
