import "server-only";
/**
 * Accounts: signing in, the one-time set-up of the first admin, and the admin's user management. Every
 * function that changes users checks "users:manage" first; reading the session's user is for everyone.
 */
import { z } from "zod";
import { getConfig } from "../config";
import { read, write } from "../database";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, verifyNothing, verifyPassword } from "./passwords";
import { UnauthorizedError, requirePermission } from "./permissions";
import { ROLES, type Actor, type Role, type SessionUser } from "./roles";
import { SIGN_IN_ACCOUNT_LIMIT, refundToken, takeToken } from "../rate-limit";
import { deleteSessionsOfUser } from "./session-records";
import { isConstraintViolation } from "../db/errors";
import {
  countUsers,
  findUserByEmail,
  findUserById,
  findUserByOidcIdentity,
  insertOidcUser,
  insertUser,
  linkOidcIdentity,
  listUserRecords,
  newUserId,
  sessionUserOf,
  updatePasswordHash,
  updateUserRecord,
  withoutHash,
  type StoredUser,
  type OidcIdentity,
  type UserSummary,
} from "./records";

export type { UserSummary } from "./records";

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `The password must be at most ${MAX_PASSWORD_LENGTH} characters.`);

export const newUserSchema = z
  .object({
    email: z.email("Enter an email address.").max(200),
    name: z.string().trim().min(1, "Enter a name.").max(120),
    role: z.enum(ROLES),
    password: passwordSchema,
  })
  .strict();

export const userChangeSchema = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((change) => change.role !== undefined || change.disabled !== undefined, "Change the role or the disabled state.");

export const setupSchema = newUserSchema.omit({ role: true });

/**
 * The user for this email and password, or null: the caller says only "wrong email or password", never
 * which one, and a disabled account is told apart only after the right password.
 */
export async function authenticate(email: string, password: string): Promise<SessionUser | "disabled" | null> {
  const user = await read((tx) => findUserByEmail(tx, email));
  if (!user) return verifyNothing(password).then(() => null);
  if (!user.passwordHash) {
    // Made by an OpenID Connect sign-in: there is no password to check, so say how this account signs in.
    await verifyNothing(password);
    const oidc = getConfig().oidc;
    throw new UnauthorizedError(
      oidc
        ? `This account has no password: it signs in with ${oidc.name}. Use "Sign in with ${oidc.name}" below.`
        : "This account has no password: it signs in with single sign-on, which is turned off. Ask an admin.",
    );
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return user.disabledAt ? "disabled" : sessionUserOf(user);
}

/** True while the instance has no user at all: the only time /setup works. */
export async function needsSetup(): Promise<boolean> {
  return (await read(countUsers)) === 0;
}

/** The set-up page: the first admin, on an instance with no user. Refused (409) once anyone exists. */
export async function createFirstAdmin(input: z.infer<typeof setupSchema>): Promise<SessionUser> {
  if (!(await needsSetup())) throw new ConflictError("Redstring is already set up. Sign in instead.");
  const passwordHash = await hashPassword(input.password);
  const id = newUserId();
  let created: StoredUser;
  try {
    // The user as the write stored it, returned by the write itself: not read back afterwards, when a
    // new session (on a follower) might not see it yet.
    created = await write((tx) =>
      insertUser(tx, { id, email: input.email, name: input.name, role: "admin", passwordHash, setupMarker: "first" }),
    );
  } catch (cause) {
    if (isConstraintViolation(cause)) throw new ConflictError("Redstring is already set up. Sign in instead.");
    throw cause;
  }
  return sessionUserOf(created);
}

export async function listUsers(actor: Actor): Promise<UserSummary[]> {
  requirePermission(actor, "users:manage");
  return read(listUserRecords);
}

export async function createUser(actor: Actor, input: z.infer<typeof newUserSchema>): Promise<UserSummary> {
  requirePermission(actor, "users:manage");
  const passwordHash = await hashPassword(input.password);
  const id = newUserId();
  let created: StoredUser;
  try {
    created = await write((tx) => insertUser(tx, { id, email: input.email, name: input.name, role: input.role, passwordHash }));
  } catch (cause) {
    if (isConstraintViolation(cause)) throw new ConflictError(`There is already an account for ${input.email.toLowerCase()}.`);
    throw cause;
  }
  return summaryOf(created, id);
}

/** What the admin page shows of a user as the write that changed it returned it. */
function summaryOf(user: StoredUser | null, id: string): UserSummary {
  if (!user) throw new NotFoundError(`No user has the id "${id}".`);
  return withoutHash(user);
}

/**
 * Changes a role or disables/enables an account; it takes effect on the user's next request. Disabling
 * also deletes the user's sessions, so enabling the account later does not bring old cookies back. Admins
 * cannot demote or disable themselves, so the instance is never left without an admin by accident.
 */
export async function updateUser(actor: Actor, id: string, change: z.infer<typeof userChangeSchema>): Promise<UserSummary> {
  requirePermission(actor, "users:manage");
  if (actor.user?.id === id && ((change.role !== undefined && change.role !== "admin") || change.disabled === true)) {
    throw new ForbiddenError("You cannot demote or disable your own account. Ask another admin.");
  }
  const updated = await write(async (tx) => {
    // The user as the SET left it; ending the sessions does not change the user's node.
    const changed = await updateUserRecord(tx, id, change);
    if (changed && change.disabled === true) await deleteSessionsOfUser(tx, id);
    return changed;
  });
  return summaryOf(updated, id);
}

/** An admin signs a user out everywhere (a lost laptop, a departure); how many sessions ended. */
export async function endSessionsOf(actor: Actor, id: string): Promise<{ ended: number }> {
  requirePermission(actor, "users:manage");
  const ended = await write(async (tx) => ((await findUserById(tx, id)) ? deleteSessionsOfUser(tx, id) : null));
  if (ended === null) throw new NotFoundError(`No user has the id "${id}".`);
  return { ended };
}

export const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH), newPassword: passwordSchema })
  .strict();

/**
 * The signed-in user changes their own password: the current one first (counted against the account's
 * sign-in limit, so a borrowed cookie cannot be used to guess it), then every other session ends: whoever
 * might know the old password is signed out, the browser making the change stays signed in.
 */
export async function changePassword(actor: Actor, currentSessionId: string | null, input: z.infer<typeof passwordChangeSchema>): Promise<{ endedOtherSessions: number }> {
  if (!actor.user || !currentSessionId) throw new UnauthorizedError("Sign in to change your password.");
  const user = await read((tx) => findUserById(tx, actor.user?.id ?? ""));
  if (!user) throw new UnauthorizedError("Sign in to change your password.");
  if (!user.passwordHash) {
    const oidc = getConfig().oidc;
    throw new ConflictError(`This account has no password: it signs in with ${oidc ? oidc.name : "single sign-on"}, where its password is changed.`);
  }
  const limitKey = user.email;
  await takeToken(SIGN_IN_ACCOUNT_LIMIT, limitKey);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new BadRequestError("The current password is wrong.");
  await refundToken(SIGN_IN_ACCOUNT_LIMIT, limitKey);
  if (input.newPassword === input.currentPassword) throw new ConflictError("The new password is the same as the current one.");
  const passwordHash = await hashPassword(input.newPassword);
  const endedOtherSessions = await write(async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    return deleteSessionsOfUser(tx, user.id, currentSessionId);
  });
  return { endedOtherSessions };
}

export type OidcSignIn = SessionUser | "disabled" | "linked-elsewhere";

/**
 * The account an OpenID Connect sign-in opens: the one recorded with this identity, else the one with this
 * (verified) email, which is then linked to the identity, else a new one with `role` and no password.
 * A disabled account is refused, and so is an email whose account is linked to another identity.
 */
export async function signInWithOidcIdentity(profile: { identity: OidcIdentity; email: string; name: string }, role: Role): Promise<OidcSignIn> {
  const attempt = () =>
    write(async (tx): Promise<OidcSignIn> => {
      const known = await findUserByOidcIdentity(tx, profile.identity);
      if (known) return known.disabledAt ? "disabled" : sessionUserOf(known);
      const byEmail = await findUserByEmail(tx, profile.email);
      if (byEmail) {
        if (byEmail.disabledAt) return "disabled";
        return (await linkOidcIdentity(tx, byEmail.id, profile.identity)) ? sessionUserOf(byEmail) : "linked-elsewhere";
      }
      const id = newUserId();
      return sessionUserOf(await insertOidcUser(tx, { id, email: profile.email, name: profile.name, role, identity: profile.identity }));
    });
  try {
    return await attempt();
  } catch (cause) {
    // The same person signing in twice at once: the second insert hits the email constraint; look again.
    if (isConstraintViolation(cause)) return attempt();
    throw cause;
  }
}

export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/, "not a user id");

