/** The User and Session labels and their constraints, run by lib/migrations.ts. */
export const USER_LABEL = "User";
/** A signed-in browser: (:User)-[:HAS_SESSION]->(:Session), see lib/auth/session-records.ts. */
export const SESSION_LABEL = "Session";
export const HAS_SESSION = "HAS_SESSION";

export const USER_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT user_id_unique IF NOT EXISTS FOR (u:${USER_LABEL}) REQUIRE u.id IS UNIQUE`,
  // Emails are stored lowercased, so this also refuses "Ann@x" next to "ann@x".
  `CREATE CONSTRAINT user_email_unique IF NOT EXISTS FOR (u:${USER_LABEL}) REQUIRE u.email IS UNIQUE`,
  // The first admin (set-up page or environment) carries setupMarker "first": two set-ups racing on an
  // empty instance cannot both succeed, because the second one's marker collides here.
  // One account per OpenID Connect identity (lib/auth/oidc.ts): two first sign-ins racing cannot make two.
  `CREATE CONSTRAINT user_oidc_identity_unique IF NOT EXISTS FOR (u:${USER_LABEL}) REQUIRE (u.oidcIssuer, u.oidcSubject) IS UNIQUE`,
  `CREATE CONSTRAINT user_setup_once IF NOT EXISTS FOR (u:${USER_LABEL}) REQUIRE u.setupMarker IS UNIQUE`,
  // Every request looks its session up by id (and this also refuses a repeated id, however unlikely).
  `CREATE CONSTRAINT session_id_unique IF NOT EXISTS FOR (s:${SESSION_LABEL}) REQUIRE s.id IS UNIQUE`,
  `CREATE INDEX session_expires IF NOT EXISTS FOR (s:${SESSION_LABEL}) ON (s.expiresAt)`,
];
