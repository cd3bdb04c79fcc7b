import type { NextRequest } from "next/server";
import { z } from "zod";
import { UnauthorizedError } from "@/lib/auth/permissions";
import { setSessionCookie } from "@/lib/auth/session";
import { authenticate } from "@/lib/auth/users";
import { ForbiddenError } from "@/lib/errors";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { BODY_LIMITS } from "@/lib/request-body";
import { SIGN_IN_LIMIT, clientAddress, resetTokens, takeToken } from "@/lib/rate-limit";

const signInSchema = z.object({ email: z.string().trim().min(1, "Enter your email.").max(200), password: z.string().min(1, "Enter your password.").max(256) }).strict();

/**
 * Signs in with email and password and sets the session cookie. Ten attempts per quarter hour per address
 * and email; the answer never says whether the email has an account.
 */
export async function POST(request: NextRequest) {
  let userId: string | undefined;
  const response = await respond(async () => {
    assertSameOrigin(request);
    const { email, password } = await parseJsonBody(request, signInSchema, BODY_LIMITS.credentials);
    const key = `${clientAddress(request)}|${email.toLowerCase()}`;
    takeToken(SIGN_IN_LIMIT, key);
    const user = await authenticate(email, password);
    if (user === null) throw new UnauthorizedError("Wrong email or password.");
    if (user === "disabled") throw new ForbiddenError("This account is disabled. Ask an admin.");
    resetTokens(SIGN_IN_LIMIT, key);
    userId = user.id;
    return { user };
  });
  if (userId) await setSessionCookie(response, request, userId);
  return response;
}

