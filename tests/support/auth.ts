/**
 * Accounts for integration tests: one user per role under a unique email prefix, created straight in
 * Neo4j, and the Cookie header that signs each in: a real session record opened and sealed by the app's
 * own lib/auth/session.ts (so with the same secret the route handlers unseal with, and the session can be
 * ended like any other). removeTestUsers() deletes the users and their sessions afterwards.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { ROLES, type Actor, type Role } from "@/lib/auth/roles";
import { newUserId } from "@/lib/auth/records";
import { SESSION_COOKIE, openSession } from "@/lib/auth/session";
import { cypher } from "./neo4j";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  /** The Cookie request header of a signed-in browser. */
  cookie: string;
  actor: Actor;
}

export type TestUsers = Record<Role, TestUser> & { prefix: string };

/**
 * A signed-in viewer for tests that call the graph reads (lib/search.ts, lib/entities.ts, ...) directly.
 * The permission check reads only this value, so no account behind it is needed.
 */
export const TEST_VIEWER: Actor = {
  user: { id: "test-viewer", email: "test-viewer@example.test", name: "Test viewer", role: "viewer" },
};

let passwordHash: Promise<string> | undefined;

export async function createTestUser(prefix: string, role: Role, options: { disabled?: boolean; suffix?: string } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = newUserId();
  const email = `${prefix}${options.suffix ?? role}@example.test`;
  await cypher(
    `CREATE (u:User {id: $id, email: $email, name: $name, role: $role, passwordHash: $hash, createdAt: datetime()})
     SET u.disabledAt = CASE WHEN $disabled THEN datetime() ELSE null END`,
    { id, email, name: `Test ${role}`, role, hash: await passwordHash, disabled: options.disabled ?? false },
  );
  return {
    id,
    email,
    role,
    cookie: await signedInCookie(id),
    actor: { user: { id, email, name: `Test ${role}`, role } },
  };
}

/** The Cookie header of a new session of this user (another browser signing in). */
export async function signedInCookie(userId: string): Promise<string> {
  return `${SESSION_COOKIE}=${await openSession(userId, "integration test")}`;
}

/** A viewer, an editor, an analyst and an admin, all signed in. */
export async function createTestUsers(name: string): Promise<TestUsers> {
  const prefix = `it-${name}-${randomBytes(4).toString("hex")}-`;
  const users = await Promise.all(ROLES.map((role) => createTestUser(prefix, role)));
  return Object.assign(Object.fromEntries(users.map((user) => [user.role, user])) as Record<Role, TestUser>, { prefix });
}

export async function removeTestUsers(prefix: string): Promise<void> {
  await cypher("MATCH (u:User) WHERE u.email STARTS WITH $prefix OPTIONAL MATCH (u)-[:HAS_SESSION]->(s:Session) DETACH DELETE s, u", { prefix });
}
