import type { NextRequest } from "next/server";
import { setSessionCookie } from "@/lib/auth/session";
import { createFirstAdmin, setupSchema } from "@/lib/auth/users";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { BODY_LIMITS } from "@/lib/request-body";
import { SIGN_IN_LIMIT, clientAddress, takeToken } from "@/lib/rate-limit";

/** Creates the first admin on an instance with no user (409 afterwards) and signs them in. */
export async function POST(request: NextRequest) {
  let userId: string | undefined;
  const response = await respond(
    async () => {
      assertSameOrigin(request);
      takeToken(SIGN_IN_LIMIT, `setup|${clientAddress(request)}`);
      const user = await createFirstAdmin(await parseJsonBody(request, setupSchema, BODY_LIMITS.credentials));
      userId = user.id;
      return { user };
    },
    { status: 201 },
  );
  if (userId) await setSessionCookie(response, request, userId);
  return response;
}
