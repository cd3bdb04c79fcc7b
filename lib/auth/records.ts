import "server-only";
/**
 * How users are kept in Neo4j, as statements inside a transaction the caller opens:
 *
 *   (:User {id, email (lowercased, unique), name, role, passwordHash, createdAt, disabledAt,
 *           oidcIssuer, oidcSubject})
 *
 * oidcIssuer/oidcSubject name the OpenID Connect identity that signs the user in (lib/auth/oidc.ts); an
 * account created by its first OpenID Connect sign-in has no passwordHash.
 *
 * Users are never connected to entities or anything else, and saved queries cannot reach them
 * (lib/queries/safety.ts refuses plans that scan or filter on any label but the entity ones).
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { toPlain } from "../db/values";
import { ROLES, type Role, type SessionUser } from "./roles";
import { USER_LABEL } from "./schema";

/** What the admin page sees of a user: never the hash. */
export interface UserSummary extends SessionUser {
  createdAt: string;
  disabledAt: string | null;
}

export interface StoredUser extends UserSummary {
  passwordHash: string;
}

export function newUserId(): string {
  return randomBytes(12).toString("base64url");
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

function text(value: unknown): string {
  const plain = toPlain(value);
  return typeof plain === "string" ? plain : "";
}

export function toStored(properties: Record<string, unknown>): StoredUser {
  const role = text(properties.role);
  const disabledAt = text(properties.disabledAt);
  return {
    id: text(properties.id),
    email: text(properties.email),
    name: text(properties.name),
    // A role edited by hand into something unknown grants the least.
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : "viewer",
    createdAt: text(properties.createdAt),
    disabledAt: disabledAt || null,
    passwordHash: text(properties.passwordHash),
  };
}

/** What a request needs of its user (lib/auth/permissions.ts's SessionUser), nothing more. */
export function sessionUserOf(user: SessionUser): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function withoutHash(user: StoredUser): UserSummary {
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt, disabledAt: user.disabledAt };
}

export async function findUserById(tx: ManagedTransaction, id: string): Promise<StoredUser | null> {
  const result = await tx.run(`MATCH (u:${USER_LABEL} {id: $id}) RETURN properties(u) AS u`, { id });
  const properties = result.records[0]?.get("u") as Record<string, unknown> | undefined;
  return properties ? toStored(properties) : null;
}

export async function findUserByEmail(tx: ManagedTransaction, email: string): Promise<StoredUser | null> {
  const result = await tx.run(`MATCH (u:${USER_LABEL} {email: $email}) RETURN properties(u) AS u`, { email: normaliseEmail(email) });
  const properties = result.records[0]?.get("u") as Record<string, unknown> | undefined;
  return properties ? toStored(properties) : null;
}

export async function countUsers(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run(`MATCH (u:${USER_LABEL}) RETURN count(u) AS count`);
  return Number(toPlain(result.records[0]?.get("count")) ?? 0);
}

export async function listUserRecords(tx: ManagedTransaction): Promise<UserSummary[]> {
  const result = await tx.run(`MATCH (u:${USER_LABEL}) RETURN properties(u) AS u ORDER BY u.email`);
  return result.records.map((record) => withoutHash(toStored(record.get("u") as Record<string, unknown>)));
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Only for the first admin: see user_setup_once in lib/auth/schema.ts. */
  setupMarker?: "first";
}

/**
 * Fails with a constraint violation when the email (or, for the first admin, the marker) is taken.
 * Returns the user as stored (its createdAt set by the database).
 */
export async function insertUser(tx: ManagedTransaction, user: NewUser): Promise<StoredUser> {
  return createUserNode(tx, user.id, {
    email: normaliseEmail(user.email),
    name: user.name,
    role: user.role,
    passwordHash: user.passwordHash,
    ...(user.setupMarker ? { setupMarker: user.setupMarker } : {}),
  });
}

/** The node as the CREATE left it, returned by the statement itself: nothing is read back. */
async function createUserNode(tx: ManagedTransaction, id: string, properties: Record<string, string>): Promise<StoredUser> {
  const result = await tx.run(`CREATE (u:${USER_LABEL} {id: $id}) SET u += $properties, u.createdAt = datetime() RETURN properties(u) AS u`, {
    id,
    properties,
  });
  return toStored(result.records[0]!.get("u") as Record<string, unknown>);
}

/** The user as changed, from the SET statement itself; null when no user has this id. */
export async function updateUserRecord(
  tx: ManagedTransaction,
  id: string,
  change: { role?: Role; disabled?: boolean },
): Promise<StoredUser | null> {
  const result = await tx.run(
    `MATCH (u:${USER_LABEL} {id: $id})
     SET u.role = coalesce($role, u.role),
         u.disabledAt = CASE $disabled WHEN true THEN coalesce(u.disabledAt, datetime()) WHEN false THEN null ELSE u.disabledAt END
     RETURN properties(u) AS u`,
    { id, role: change.role ?? null, disabled: change.disabled ?? null },
  );
  const properties = result.records[0]?.get("u") as Record<string, unknown> | undefined;
  return properties ? toStored(properties) : null;
}

export async function updatePasswordHash(tx: ManagedTransaction, id: string, passwordHash: string): Promise<void> {
  await tx.run(`MATCH (u:${USER_LABEL} {id: $id}) SET u.passwordHash = $passwordHash`, { id, passwordHash });
}

/** An OpenID Connect identity: the provider's issuer and the user's subject there (never reassigned). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
}

export async function findUserByOidcIdentity(tx: ManagedTransaction, identity: OidcIdentity): Promise<StoredUser | null> {
  const result = await tx.run(
    `MATCH (u:${USER_LABEL}) WHERE u.oidcIssuer = $issuer AND u.oidcSubject = $subject RETURN properties(u) AS u ORDER BY u.createdAt LIMIT 1`,
    { issuer: identity.issuer, subject: identity.subject },
  );
  const properties = result.records[0]?.get("u") as Record<string, unknown> | undefined;
  return properties ? toStored(properties) : null;
}

/**
 * Records the identity on an existing user who has none yet (or already this one). False when the user
 * is linked to another identity: then the email alone must not hand the account to someone else.
 */
export async function linkOidcIdentity(tx: ManagedTransaction, id: string, identity: OidcIdentity): Promise<boolean> {
  const result = await tx.run(
    `MATCH (u:${USER_LABEL} {id: $id})
     WHERE u.oidcIssuer IS NULL OR (u.oidcIssuer = $issuer AND u.oidcSubject = $subject)
     SET u.oidcIssuer = $issuer, u.oidcSubject = $subject
     RETURN u.id AS id`,
    { id, issuer: identity.issuer, subject: identity.subject },
  );
  return result.records.length > 0;
}

/**
 * A user made by their first OpenID Connect sign-in: no password. Fails like insertUser on a taken email;
 * returns the user as stored, like it.
 */
export async function insertOidcUser(
  tx: ManagedTransaction,
  user: { id: string; email: string; name: string; role: Role; identity: OidcIdentity },
): Promise<StoredUser> {
  return createUserNode(tx, user.id, {
    email: normaliseEmail(user.email),
    name: user.name,
    role: user.role,
    oidcIssuer: user.identity.issuer,
    oidcSubject: user.identity.subject,
  });
}
