import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { largeSubgraphBodySchema, subgraphQuerySchema } from "@/lib/api-schemas";
import { getSubgraph } from "@/lib/explore/entities";
import { getLargeSubgraph } from "@/lib/explore/large-subgraph";
import { parseJsonBody, respond } from "@/lib/http";
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
 * read in batches. It changes nothing, so it needs no origin check; the body has the workspace's limit.
 */
export async function POST(request: NextRequest) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    const { ids } = await parseJsonBody(request, largeSubgraphBodySchema, BODY_LIMITS.largeView);
    return getLargeSubgraph(actor, ids);
  });
}
