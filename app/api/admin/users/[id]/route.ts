import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { updateUser, userChangeSchema, userIdSchema } from "@/lib/auth/users";
import { parseJsonBody, respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { BODY_LIMITS } from "@/lib/request-body";

/** Changes an account's role, or disables or enables it; effective on that user's next request. */
export async function PATCH(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const id = parseWith(userIdSchema, (await context.params).id, "user id");
    return updateUser(actor, id, await parseJsonBody(request, userChangeSchema, BODY_LIMITS.credentials));
  });
}
