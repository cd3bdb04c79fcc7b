/** The browser's side of accounts: who is signed in, and the sign-in, set-up and admin calls. */
import { useEffect, useState } from "react";
import { requestJson } from "../api-client";
import type { Permission, Role, SessionUser } from "./permissions";
import type { UserSummary } from "./records";

export interface Me {
  user: SessionUser | null;
  permissions: Permission[];
  needsSetup: boolean;
}

export const meApi = (signal?: AbortSignal) => requestJson<Me>("/api/auth/me", { signal });
export const signInApi = (email: string, password: string) => requestJson<{ user: SessionUser }>("/api/auth/signin", { method: "POST", body: { email, password } });
export const signOutApi = () => requestJson<{ signedOut: true }>("/api/auth/signout", { method: "POST" });
export const setupApi = (input: { email: string; name: string; password: string }) => requestJson<{ user: SessionUser }>("/api/auth/setup", { method: "POST", body: input });
export const listUsersApi = (signal?: AbortSignal) => requestJson<{ users: UserSummary[] }>("/api/admin/users", { signal });
export const createUserApi = (input: { email: string; name: string; role: Role; password: string }) =>
  requestJson<UserSummary>("/api/admin/users", { method: "POST", body: input });
export const updateUserApi = (id: string, change: { role?: Role; disabled?: boolean }) =>
  requestJson<UserSummary>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: change });

/** Who is signed in (null while loading). Buttons use it to hide or disable what the role cannot do. */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    meApi(controller.signal).then(setMe, () => setMe({ user: null, permissions: [], needsSetup: false }));
    return () => controller.abort();
  }, []);
  return me;
}
