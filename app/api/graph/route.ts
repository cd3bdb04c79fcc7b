import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { largeSubgraphBodySchema, subgraphQuerySchema } from "@/lib/api-schemas";
import { getSubgraph } from "@/lib/explore/entities";
import { getLargeSubgraph } from "@/lib/explore/large-subgraph";
import { assertSameOrigin, parseJsonBody, respond } from "@/lib/http";
import { BODY_LIMITS } from "@/lib/request-body";
import { parseSearchParams } from "@/lib/validation";

/** The entities listed in `ids` and every relationship among them: what an explorer URL shows. */
export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const { ids } = parseSearchParams(request.url, subgraphQuerySchema);
    return getSubgraph(actor, ids);
  });
}

/**
 * The same read for a view past the URL's 200 ids (a workspace's, up to 20,000): the ids in a JSON body,
 * read in batches. It changes nothing, but it is a POST like a write and checked like one: another site's
 * page must not make a reader's browser run reads this big (the body has the workspace's limit).
 */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    assertSameOrigin(request);
    const actor = await actorFrom(request);
    const { ids } = await parseJsonBody(request, largeSubgraphBodySchema, BODY_LIMITS.largeView);
    return getLargeSubgraph(actor, ids);
  });
}
