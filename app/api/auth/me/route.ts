import type { NextRequest } from "next/server";
import { permissionsOf } from "@/lib/auth/roles";
import { actorFrom } from "@/lib/auth/session";
import { needsSetup } from "@/lib/auth/users";
import { respond } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Who is signed in and what they may do: the browser hides or disables the rest (the server still checks). */
export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    return { user: actor.user, permissions: permissionsOf(actor), needsSetup: actor.user ? false : await needsSetup() };
  });
}
