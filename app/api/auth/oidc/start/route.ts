import type { NextRequest } from "next/server";
import { startOidcSignIn } from "@/lib/auth/oidc";

export const dynamic = "force-dynamic";

/** The "Sign in with ..." button: off to the OpenID Connect provider (lib/auth/oidc.ts). */
export function GET(request: NextRequest) {
  return startOidcSignIn(request);
}
