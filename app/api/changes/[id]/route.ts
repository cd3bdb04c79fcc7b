import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { getChange } from "@/lib/editing/changes";
import { changeIdSchema } from "@/lib/editing/model";
import { parseWith, respond } from "@/lib/http";

/** One recorded change with the before and after of every record it touched. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(async () => getChange(await actorFrom(request), parseWith(changeIdSchema, (await context.params).id, "change id")));
}
