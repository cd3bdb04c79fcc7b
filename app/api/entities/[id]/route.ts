import type { NextRequest } from "next/server";
import { entityQuerySchema, idParamSchema } from "@/lib/api-schemas";
import { getEntity } from "@/lib/entities";
import { parseSearchParams, parseWith, respond } from "@/lib/http";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    parseSearchParams(request.url, entityQuerySchema);
    const id = parseWith(idParamSchema, (await context.params).id, "entity id");
    return getEntity(id);
  });
}
