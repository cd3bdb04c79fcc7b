/** The labels and schema of Data-page imports kept in Neo4j, run by lib/migrations.ts (no imports: no cycle). */
export const IMPORT_JOB_LABEL = "ImportJob";
export const UPLOAD_LABEL = "Upload";

export const IMPORT_JOB_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT import_job_id_unique IF NOT EXISTS FOR (j:${IMPORT_JOB_LABEL}) REQUIRE j.id IS UNIQUE`,
  // A person's job list, newest first.
  `CREATE INDEX import_job_owner IF NOT EXISTS FOR (j:${IMPORT_JOB_LABEL}) ON (j.owner, j.startedAt)`,
  `CREATE CONSTRAINT upload_id_unique IF NOT EXISTS FOR (u:${UPLOAD_LABEL}) REQUIRE u.id IS UNIQUE`,
  // The quota sums a person's uploads; the sweep finds expired ones.
  `CREATE INDEX upload_owner IF NOT EXISTS FOR (u:${UPLOAD_LABEL}) ON (u.owner)`,
  `CREATE INDEX upload_expires IF NOT EXISTS FOR (u:${UPLOAD_LABEL}) ON (u.expiresAt)`,
];
