import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { endSessionsOf, userIdSchema } from "@/lib/auth/users";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";

/** Ends every session of a user (admins only): each of their browsers is signed out on its next request. */
export async function DELETE(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return endSessionsOf(actor, parseWith(userIdSchema, (await context.params).id, "user id"));
  });
}
