import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { needsSetup } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Set up · Redstring" };
export const dynamic = "force-dynamic";

/** Only while no account exists; afterwards it sends people to sign in (and the API refuses with 409). */
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/signin");
  return <SignInForm mode="setup" publicReadFixed={getConfig().publicRead} />;
}
