import type { NextRequest } from "next/server";
import { finishOidcSignIn } from "@/lib/auth/oidc";
import { respond } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * Where the OpenID Connect provider sends the browser back: checked, signed in, redirected (lib/auth/oidc.ts,
 * which answers its own failures). Through respond() for the request's database context: the redirect
 * carries the bookmark of the new session, so the next page finds it on any replica.
 */
export function GET(request: NextRequest) {
  return respond(request, () => finishOidcSignIn(request));
}
