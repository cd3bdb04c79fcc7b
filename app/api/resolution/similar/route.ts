import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { respond } from "@/lib/http";
import { similarQuerySchema } from "@/lib/resolution/model";
import { similarEntities } from "@/lib/resolution/store";
import { parseSearchParams } from "@/lib/validation";

/** Up to 5 existing entities like a name: what the create and rename forms warn about. */
export async function GET(request: NextRequest) {
  return respond(request, async () => ({ similar: await similarEntities(await actorFrom(request), parseSearchParams(request.url, similarQuerySchema)) }));
}
