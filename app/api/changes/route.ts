import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { listChanges } from "@/lib/editing/changes";
import { changeListQuerySchema } from "@/lib/editing/model";
import { respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";

/** Every recorded change, newest first, paged with `before` (the recent-changes page). */
export async function GET(request: NextRequest) {
  return respond(request, async () => listChanges(await actorFrom(request), parseSearchParams(request.url, changeListQuerySchema)));
}
