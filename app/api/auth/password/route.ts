import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { sessionIdFrom } from "@/lib/auth/session";
import { changePassword, passwordChangeSchema } from "@/lib/auth/users";
import { parseJsonBody, respond } from "@/lib/http";
import { BODY_LIMITS } from "@/lib/request-body";

/** The signed-in user changes their password (the current one required); their other sessions end. */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const input = await parseJsonBody(request, passwordChangeSchema, BODY_LIMITS.credentials);
    return changePassword(actor, await sessionIdFrom(request), input);
  });
}
