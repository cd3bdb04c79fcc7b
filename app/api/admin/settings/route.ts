import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { actorFrom } from "@/lib/auth/session";
import { parseJsonBody, respond } from "@/lib/http";
import { getInstanceSettings, settingsChangeSchema, updateInstanceSettings } from "@/lib/settings/instance";

export const dynamic = "force-dynamic";

/** The instance's settings (admins only): today, whether signed-out visitors may read the graph. */
export async function GET(request: NextRequest) {
  return respond(request, async () => getInstanceSettings(await actorFrom(request)));
}

/** `{publicRead}`: turn signed-out reading on or off (409 while REDSTRING_PUBLIC_READ fixes it). */
export async function PATCH(request: NextRequest) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return updateInstanceSettings(actor, await parseJsonBody(request, settingsChangeSchema));
  });
}
