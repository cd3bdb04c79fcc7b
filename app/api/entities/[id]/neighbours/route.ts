import type { NextRequest } from "next/server";
import { readerFrom } from "@/lib/auth/request";
import { idParamSchema, neighbourQuerySchema } from "@/lib/api-schemas";
import { getNeighbours } from "@/lib/entities";
import { parseSearchParams, parseWith, respond } from "@/lib/http";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    await readerFrom(request);
    const options = parseSearchParams(request.url, neighbourQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getNeighbours(id, options);
  });
}
