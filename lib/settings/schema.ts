/** The instance's own settings record, outside the Entity label (lib/settings/instance.ts). No imports: no cycle. */
export const INSTANCE_SETTINGS_LABEL = "InstanceSettings";
/** There is one record; its id is this constant. */
export const INSTANCE_SETTINGS_ID = "instance";

export const INSTANCE_SETTINGS_SCHEMA_STATEMENTS: readonly string[] = [
  // MERGE on the one id cannot make two records when two admins save at once.
  `CREATE CONSTRAINT instance_settings_id_unique IF NOT EXISTS FOR (s:${INSTANCE_SETTINGS_LABEL}) REQUIRE s.id IS UNIQUE`,
];
