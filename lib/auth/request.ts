import "server-only";
import type { NextRequest } from "next/server";
import { assertSameOrigin } from "../http";
import { clientAddress } from "../client-address";
import { WRITE_LIMIT, takeToken } from "../rate-limit";
import type { Actor } from "./roles";
import { actorFrom } from "./session";

/**
 * What every state-changing route handler does first: refuse a request from another site's page (the
 * cookie is SameSite=Lax, this is the second lock), find out who is asking, and count the write against
 * their rate limit. The permission itself is checked by the data-access function the handler calls.
 */
export async function writerFrom(request: NextRequest): Promise<Actor> {
  assertSameOrigin(request);
  const actor = await actorFrom(request);
  await takeToken(WRITE_LIMIT, actor.user ? `user:${actor.user.id}` : `ip:${clientAddress(request)}`);
  return actor;
}
