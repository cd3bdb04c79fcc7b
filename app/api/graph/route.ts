import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { subgraphQuerySchema } from "@/lib/api-schemas";
import { getSubgraph } from "@/lib/explore/entities";
import { respond } from "@/lib/http";
import { parseSearchParams } from "@/lib/validation";

/** The entities listed in `ids` and every relationship among them: what an explorer URL shows. */
export async function GET(request: NextRequest) {
  return respond(async () => {
    const actor = await actorFrom(request);
    const { ids } = parseSearchParams(request.url, subgraphQuerySchema);
    return getSubgraph(actor, ids);
  });
}
