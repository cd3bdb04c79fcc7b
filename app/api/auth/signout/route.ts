import type { NextRequest } from "next/server";
import { clearSessionCookie } from "@/lib/auth/session";
import { assertSameOrigin, respond } from "@/lib/http";

/** Ends the session: a POST (a link or an image elsewhere cannot sign anyone out), clearing the cookie. */
export async function POST(request: NextRequest) {
  const response = await respond(async () => {
    assertSameOrigin(request);
    return { signedOut: true };
  });
  if (response.ok) clearSessionCookie(response, request);
  return response;
}
