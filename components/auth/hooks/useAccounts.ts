"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { accountKeys } from "@/lib/client/keys/accounts";
import { changePasswordApi, createUserApi, endSessionsApi, listUsersApi, updateUserApi } from "@/lib/auth/client";
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
