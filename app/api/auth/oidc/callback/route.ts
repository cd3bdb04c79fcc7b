import type { NextRequest } from "next/server";
import { finishOidcSignIn } from "@/lib/auth/oidc";

export const dynamic = "force-dynamic";

/** Where the OpenID Connect provider sends the browser back: checked, signed in, redirected (lib/auth/oidc.ts). */
export function GET(request: NextRequest) {
  return finishOidcSignIn(request);
}
