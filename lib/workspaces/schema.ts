/** The Workspace label and its constraints, run by lib/migrations.ts. Not an Entity: saved queries cannot reach it. */
export const WORKSPACE_LABEL = "Workspace";

export const WORKSPACE_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT workspace_id_unique IF NOT EXISTS FOR (w:${WORKSPACE_LABEL}) REQUIRE w.id IS UNIQUE`,
  // "My workspaces, newest first" reads by owner.
  `CREATE INDEX workspace_owner IF NOT EXISTS FOR (w:${WORKSPACE_LABEL}) ON (w.ownerId)`,
];
