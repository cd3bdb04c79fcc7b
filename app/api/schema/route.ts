import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { schemaQuerySchema } from "@/lib/api-schemas";
import { respond } from "@/lib/http";
import { readGraphSchema } from "@/lib/schema/read";
import { parseSearchParams } from "@/lib/validation";

/** The graph's schema as analysts read it (lib/schema/model.ts): types, property keys, value types, counts, examples, data sets. */
export async function GET(request: NextRequest) {
  return respond(request, async () => {
    const actor = await actorFrom(request);
    parseSearchParams(request.url, schemaQuerySchema);
    return readGraphSchema(actor);
  });
}
