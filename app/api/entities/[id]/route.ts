import type { NextRequest } from "next/server";
import { readerFrom } from "@/lib/auth/request";
import { entityQuerySchema, idParamSchema } from "@/lib/api-schemas";
import { getEntity } from "@/lib/entities";
import { parseSearchParams, parseWith, respond } from "@/lib/http";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    await readerFrom(request);
    parseSearchParams(request.url, entityQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getEntity(id);
  });
}
