import type { NextRequest } from "next/server";
import { setSessionCookie } from "@/lib/auth/session";
import { createFirstAdmin, setupSchema } from "@/lib/auth/users";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { clientAddress } from "@/lib/client-address";
import { SIGN_IN_ADDRESS_LIMIT, takeToken } from "@/lib/rate-limit";
import { BODY_LIMITS } from "@/lib/request-body";

/** Creates the first admin on an instance with no user (409 afterwards) and signs them in. */
export async function POST(request: NextRequest) {
  let userId: string | undefined;
  const response = await respond(
    async () => {
      assertSameOrigin(request);
      await takeToken(SIGN_IN_ADDRESS_LIMIT, `setup|${clientAddress(request)}`);
      const user = await createFirstAdmin(await parseJsonBody(request, setupSchema, BODY_LIMITS.credentials));
      userId = user.id;
      return { user };
    },
    { status: 201 },
  );
  if (userId) await setSessionCookie(response, request, userId);
  return response;
}
