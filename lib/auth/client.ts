/** The browser's side of accounts: who is signed in, and the sign-in, set-up and admin calls. */
import { useQuery } from "@tanstack/react-query";
import { requestJson } from "../api-client";
import { PERMISSIONS, PERMISSION_ACTIONS, ROLES, type Permission, type Role, type SessionUser } from "./roles";
import type { UserSummary } from "./records";

export interface Me {
  user: SessionUser | null;
  permissions: Permission[];
  needsSetup: boolean;
}

export const meApi = (signal?: AbortSignal) => requestJson<Me>("/api/auth/me", { signal });
export const signInApi = (email: string, password: string) => requestJson<{ user: SessionUser }>("/api/auth/signin", { method: "POST", body: { email, password } });
export const signOutApi = () => requestJson<{ signedOut: true }>("/api/auth/signout", { method: "POST" });
export const setupApi = (input: { email: string; name: string; password: string; publicRead: boolean }) => requestJson<{ user: SessionUser }>("/api/auth/setup", { method: "POST", body: input });
export const listUsersApi = (signal?: AbortSignal) => requestJson<{ users: UserSummary[] }>("/api/admin/users", { signal });
export const createUserApi = (input: { email: string; name: string; role: Role; password: string }) =>
  requestJson<UserSummary>("/api/admin/users", { method: "POST", body: input });
export const updateUserApi = (id: string, change: { role?: Role; disabled?: boolean }) =>
  requestJson<UserSummary>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: change });
export const endSessionsApi = (id: string) =>
  requestJson<{ ended: number }>(`/api/admin/users/${encodeURIComponent(id)}/sessions`, { method: "DELETE" });
export const changePasswordApi = (currentPassword: string, newPassword: string) =>
  requestJson<{ endedOtherSessions: number }>("/api/auth/password", { method: "POST", body: { currentPassword, newPassword } });

const NOBODY: Me = { user: null, permissions: [], needsSetup: false };

/** The cache key of who is signed in; signing out clears the whole cache (AccountMenu). */
export const meKey = ["me"] as const;

/**
 * Who is signed in (null while loading). Buttons use it to hide or disable what the role cannot do.
 * One query shared by every component that asks (the header, the account menu, the page's buttons); an
 * answer that cannot be read counts as signed out, as the server would treat the request.
 */
export function useMe(): Me | null {
  const me = useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) =>
      meApi(signal).catch((cause: unknown) => {
        // Cancelled (every asker unmounted): not an answer to remember.
        if (signal.aborted) throw cause;
        return NOBODY;
      }),
  });
  return me.data ?? null;
}

/**
 * Whether the signed-in role (or a signed-out visitor) may take an action, and if not, why, in words for
 * the page. Only a hint for the interface: the server checks every request against the same table.
 */
export interface Can {
  allowed: boolean;
  /** Still asking who is signed in: show the action disabled, without a reason yet. */
  loading: boolean;
  /** Why not, as a sentence ("Sign in to share snapshots."); null when allowed or loading. */
  reason: string | null;
  /** What would help: signing in, setting up the first account, or asking an admin for another role. */
  fix: "sign-in" | "set-up" | "ask-admin" | null;
}

/** "the analyst or admin role", from the permission table. */
export function rolesNeeded(permission: Permission): string {
  const rule: readonly Role[] | "public-read" = PERMISSIONS[permission];
  const roles = rule === "public-read" ? ROLES : rule;
  return roles.length === 1 ? `the ${roles[0]} role` : `the ${roles.slice(0, -1).join(", ")} or ${roles.at(-1)} role`;
}

/** Can for an answer of useMe() (null while loading); several checks in one component share one useMe(). */
export function canFrom(me: Me | null, permission: Permission): Can {
  if (me === null) return { allowed: false, loading: true, reason: null, fix: null };
  // Defensive: an odd answer (a stubbed API, a proxy's error page) counts as no permission at all.
  if (Array.isArray(me.permissions) && me.permissions.includes(permission)) return { allowed: true, loading: false, reason: null, fix: null };
  const action = PERMISSION_ACTIONS[permission];
  if (!me.user) {
    return me.needsSetup
      ? { allowed: false, loading: false, reason: `Set up the first account to ${action}.`, fix: "set-up" }
      : { allowed: false, loading: false, reason: `Sign in to ${action}.`, fix: "sign-in" };
  }
  return { allowed: false, loading: false, reason: `Needs ${rolesNeeded(permission)} to ${action} — ask an admin.`, fix: "ask-admin" };
}

/** useCan("queries:write") -> {allowed, loading, reason, fix}; see Can. */
export function useCan(permission: Permission): Can {
  return canFrom(useMe(), permission);
}
