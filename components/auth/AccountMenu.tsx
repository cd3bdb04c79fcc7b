"use client";
import Link from "next/link";
import { useMe } from "@/lib/auth/client";
import { useSignOut } from "./hooks/useAccounts";
import { signInPath } from "./NeedsPermission";
import { UserText } from "@/components/ui/UserText";
import { Button, buttonClass } from "@/components/ui/Button";

/**
 * The header's corner: who is signed in (as text), changing one's password, the admin pages (Users,
 * Settings) for admins, and Sign in / Sign out.
 */
export function AccountMenu() {
  const me = useMe();
  const signOut = useSignOut();
  if (!me) return null;
  return (
    // Wraps on a phone: with an admin's links the row is wider than 390 px.
    <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-2 gap-y-1 text-sm">
      {me.user ? (
        <>
          <span className="text-gray-700" data-testid="signed-in-as">
            <UserText>{me.user.name}</UserText> <span className="text-gray-500">({me.user.role})</span>
          </span>
          <Link href="/account/password" className="rounded-md px-2 py-1.5 text-gray-700 hover:bg-gray-100">
            Change password
          </Link>
          {me.permissions.includes("users:manage") && (
            <>
              <Link href="/admin/users" className="rounded-md px-2 py-1.5 text-gray-700 hover:bg-gray-100">
                Users
              </Link>
              <Link href="/admin/settings" className="rounded-md px-2 py-1.5 text-gray-700 hover:bg-gray-100">
                Settings
              </Link>
            </>
          )}
          <Button onClick={() => signOut.mutate()} disabled={signOut.isPending} size="sm">
            Sign out
          </Button>
        </>
      ) : (
        <Link href={me.needsSetup ? "/setup" : signInPath()} className={buttonClass({ size: "sm" })}>
          {me.needsSetup ? "Set up" : "Sign in"}
        </Link>
      )}
    </div>
  );
}
