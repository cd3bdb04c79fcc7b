/**
 * The server's permission check (the table itself is lib/auth/roles.ts, shared with the browser): the first
 * thing every data-access function does.
 */
import "server-only";
import { AppError, ForbiddenError } from "../errors";
import { PERMISSION_ACTIONS, can, rolesOf, type Actor, type Permission } from "./roles";

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to do this.") {
    super(401, message);
  }
}

/**
 * Throws unless the actor may: 401 when signed out (signing in might help), 403 when signed in with a role
 * that is too low (it would not). The first thing every data-access function does.
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  const roles = rolesOf(permission);
  const needs = roles.length === 1 ? `the ${roles[0]} role` : `the ${roles.slice(0, -1).join(", ")} or ${roles.at(-1)} role`;
  if (actor.user === null) throw new UnauthorizedError(`Sign in to ${PERMISSION_ACTIONS[permission]}.`);
  throw new ForbiddenError(`Your role (${actor.user.role}) cannot ${PERMISSION_ACTIONS[permission]}: that needs ${needs}. Ask an admin.`);
}
