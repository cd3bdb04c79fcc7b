import type { NextRequest } from "next/server";
import { clearSessionCookie, endSession } from "@/lib/auth/session";
import { assertSameOrigin, respond } from "@/lib/http";

/**
 * Ends the session: deletes its record (so a copy of the cookie stops working too) and clears the cookie.
 * A POST: a link or an image elsewhere cannot sign anyone out.
 */
export async function POST(request: NextRequest) {
  const response = await respond(request, async () => {
    assertSameOrigin(request);
    await endSession(request);
    return { signedOut: true };
  });
  if (response.ok) clearSessionCookie(response, request);
  return response;
}
