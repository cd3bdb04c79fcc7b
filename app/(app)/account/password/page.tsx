import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordChange } from "@/components/auth/PasswordChange";
import { actorFromCookies } from "@/lib/auth/session";
import { withPage } from "@/lib/page-context";

export const metadata: Metadata = { title: "Change your password · Redstring" };
export const dynamic = "force-dynamic";

/** Signed-in users only; the API checks again (and asks for the current password). */
export default function PasswordPage() {
  return withPage("/account/password", async () => {
    const actor = await actorFromCookies();
    if (!actor.user) redirect("/signin?next=/account/password");
    return <PasswordChange />;
  });
}
