import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/SignInForm";
import { OIDC_START_PATH, oidcButtonName } from "@/lib/auth/oidc";

export const metadata: Metadata = { title: "Sign in · Redstring" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The sign-in form, and "Sign in with ..." when OpenID Connect is set up. `error` is the message a failed
 * single sign-on comes back with (shown as text); `next` is where to go afterwards.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const error = typeof params.error === "string" && params.error.trim() ? params.error.slice(0, 300) : null;
  const next = typeof params.next === "string" ? params.next : null;
  const name = oidcButtonName();
  const oidc = name ? { name, href: next ? `${OIDC_START_PATH}?${new URLSearchParams({ next })}` : OIDC_START_PATH } : null;
  return <SignInForm mode="signin" initialError={error} oidc={oidc} />;
}
