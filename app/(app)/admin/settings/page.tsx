import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { InstanceSettingsForm } from "@/components/settings/InstanceSettingsForm";
import { can } from "@/lib/auth/roles";
import { actorFromCookies } from "@/lib/auth/session";
import { withPage } from "@/lib/page-context";
import { getInstanceSettings } from "@/lib/settings/instance";

export const metadata: Metadata = { title: "Settings · Redstring" };
export const dynamic = "force-dynamic";

/** Admins only, like /admin/users: the instance's settings (the API checks again on every change). */
export default function SettingsPage() {
  // In the page's database context (lib/page-context.ts): a reload right after a save shows the save.
  return withPage("/admin/settings", async () => {
    const actor = await actorFromCookies();
    if (!actor.user) redirect("/signin?next=/admin/settings");
    if (!can(actor, "users:manage")) {
      return <main className="p-6 text-sm">Only admins can change the settings. Your role is {actor.user.role}.</main>;
    }
    return <InstanceSettingsForm initial={await getInstanceSettings(actor)} />;
  });
}
