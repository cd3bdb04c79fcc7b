import type { NextRequest } from "next/server";
import { z } from "zod";
import { openSessionFor, setSealedSessionCookie } from "@/lib/auth/session";
import { createFirstAdmin, setupSchema } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { clientAddress } from "@/lib/client-address";
import { SIGN_IN_ADDRESS_LIMIT, takeToken } from "@/lib/rate-limit";
import { BODY_LIMITS } from "@/lib/request-body";
import { updateInstanceSettings } from "@/lib/settings/instance";

/** The first admin, and whether signed-out visitors may read (off unless ticked: private by default). */
const setupRequestSchema = setupSchema.extend({ publicRead: z.boolean().default(false) });

/** Creates the first admin on an instance with no user (409 afterwards) and signs them in. */
export async function POST(request: NextRequest) {
  // Opened inside respond(), so a database failure there is a 503 with a message, not a bare 500.
  let sealed: string | undefined;
  const response = await respond(
    request,
    async () => {
      assertSameOrigin(request);
      await takeToken(SIGN_IN_ADDRESS_LIMIT, `setup|${clientAddress(request)}`);
      const { publicRead, ...admin } = await parseJsonBody(request, setupRequestSchema, BODY_LIMITS.credentials);
      const user = await createFirstAdmin(admin);
      // The first admin's choice on the setup page; ignored while REDSTRING_PUBLIC_READ decides.
      if (getConfig().publicRead === undefined) await updateInstanceSettings({ user }, { publicRead });
      sealed = await openSessionFor(request, user.id);
      return { user };
    },
    { status: 201 },
  );
  if (sealed) setSealedSessionCookie(response, request, sealed);
  return response;
}
