"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { accountKeys } from "@/lib/client/keys/accounts";
import { changePasswordApi, createUserApi, endSessionsApi, listUsersApi, setupApi, signInApi, signOutApi, updateUserApi } from "@/lib/auth/client";
import type { Role } from "@/lib/auth/roles";

/** Every account, for the admin page. */
export function useUsers() {
  return useQuery({
    queryKey: accountKeys.users(),
    queryFn: ({ signal }) => listUsersApi(signal).then(({ users }) => users),
  });
}

/** An admin's changes to accounts: each makes the list of users stale (and reloads it on screen). */
export function useUserWrites() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: accountKeys.users() });
  return {
    create: useMutation({
      mutationFn: (input: { email: string; name: string; role: Role; password: string }) => createUserApi(input),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, change }: { id: string; change: { role?: Role; disabled?: boolean } }) => updateUserApi(id, change),
      onSuccess,
    }),
    endSessions: useMutation({ mutationFn: (id: string) => endSessionsApi(id) }),
  };
}

/** Changing one's own password (the server ends every other session). */
export function usePasswordChange() {
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) =>
      changePasswordApi(currentPassword, newPassword),
  });
}

export interface SignInInput {
  email: string;
  password: string;
  /** Setup only. */
  name?: string;
  /** Setup only: whether signed-out visitors may read the graph. */
  publicRead?: boolean;
}

/**
 * Signing in, or (mode "setup") creating the first admin of an empty instance. The caller then loads the
 * next page anew, so there is no cached answer to update here.
 */
export function useSignIn(mode: "signin" | "setup") {
  return useMutation({
    mutationFn: ({ email, password, name = "", publicRead = false }: SignInInput) =>
      mode === "signin" ? signInApi(email, password) : setupApi({ email, name, password, publicRead }),
  });
}

/** Signing out, then the sign-in page. */
export function useSignOut() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    // A refused or failed sign-out (the session already ended, the network down) still signs this tab out.
    mutationFn: () => signOutApi().then(() => undefined, () => undefined),
    onSettled: () => {
      // Nothing the signed-in user could see stays in the browser's cache, and who is signed in is asked again.
      client.clear();
      router.push("/signin");
      router.refresh();
    },
  });
}
