import type { NextRequest } from "next/server";
import { z } from "zod";
import { UnauthorizedError } from "@/lib/auth/permissions";
import { openSessionFor, setSealedSessionCookie } from "@/lib/auth/session";
import { authenticate } from "@/lib/auth/users";
import { ForbiddenError } from "@/lib/errors";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { clientAddress } from "@/lib/client-address";
import { SIGN_IN_ACCOUNT_LIMIT, SIGN_IN_ADDRESS_LIMIT, refundToken, takeToken } from "@/lib/rate-limit";
import { BODY_LIMITS } from "@/lib/request-body";

const signInSchema = z.object({ email: z.string().trim().min(1, "Enter your email.").max(200), password: z.string().min(1, "Enter your password.").max(256) }).strict();

/**
 * Signs in with email and password, opens a session and sets its cookie. Two limits, both counted before
 * the password is checked and given back when it is right (so only failures count): one per client address
 * (lib/client-address.ts), one per account whatever the address. The answer never says whether the email
 * has an account.
 */
export async function POST(request: NextRequest) {
  // Opened inside respond(), so a database failure there is a 503 with a message, not a bare 500.
  let sealed: string | undefined;
  const response = await respond(request, async () => {
    assertSameOrigin(request);
    const { email, password } = await parseJsonBody(request, signInSchema, BODY_LIMITS.credentials);
    const address = clientAddress(request);
    const account = email.toLowerCase();
    await takeToken(SIGN_IN_ADDRESS_LIMIT, address);
    await takeToken(SIGN_IN_ACCOUNT_LIMIT, account);
    const user = await authenticate(email, password);
    if (user === null) throw new UnauthorizedError("Wrong email or password.");
    if (user === "disabled") throw new ForbiddenError("This account is disabled. Ask an admin.");
    await Promise.all([refundToken(SIGN_IN_ADDRESS_LIMIT, address), refundToken(SIGN_IN_ACCOUNT_LIMIT, account)]);
    sealed = await openSessionFor(request, user.id);
    return { user };
  });
  if (sealed) setSealedSessionCookie(response, request, sealed);
  return response;
}

