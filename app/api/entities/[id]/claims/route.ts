import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { claimsQuerySchema, idParamSchema } from "@/lib/api-schemas";
import { getClaims } from "@/lib/explore/claims";
import { respond } from "@/lib/http";
import { parseSearchParams, parseWith } from "@/lib/validation";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const options = parseSearchParams(request.url, claimsQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getClaims(actor, id, options);
  });
}
