import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { UserAdmin } from "@/components/auth/UserAdmin";
import { can } from "@/lib/auth/roles";
import { actorFromCookies } from "@/lib/auth/session";
import { withPage } from "@/lib/page-context";

export const metadata: Metadata = { title: "Users · Redstring" };
export const dynamic = "force-dynamic";

/** Admins only: others are sent to sign in or told so. (The API checks again on every call.) */
export default function UsersPage() {
  return withPage("/admin/users", async () => {
    const actor = await actorFromCookies();
    if (!actor.user) redirect("/signin?next=/admin/users");
    if (!can(actor, "users:manage")) {
      return <main className="p-6 text-sm">Only admins can manage users. Your role is {actor.user.role}.</main>;
    }
    return <UserAdmin />;
  });
}
