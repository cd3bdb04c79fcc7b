import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { actorFrom } from "@/lib/auth/session";
import { createUser, listUsers, newUserSchema } from "@/lib/auth/users";
import { parseJsonBody, respond } from "@/lib/http";
import { BODY_LIMITS } from "@/lib/request-body";

/** Every account, for the admin page (never a password hash). */
export async function GET(request: NextRequest) {
  return respond(request, async () => ({ users: await listUsers(await actorFrom(request)) }));
}

/** Adds an account with a role and an initial password, which the admin passes on. */
export async function POST(request: NextRequest) {
  return respond(
    request,
    async () => {
      const actor = await writerFrom(request);
      return createUser(actor, await parseJsonBody(request, newUserSchema, BODY_LIMITS.credentials));
    },
    { status: 201 },
  );
}
