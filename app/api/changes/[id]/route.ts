import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { getChange } from "@/lib/editing/changes";
import { changeIdSchema } from "@/lib/editing/model";
import { respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";

/** One recorded change with the before and after of every record it touched. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(request, async () => getChange(await actorFrom(request), parseWith(changeIdSchema, (await context.params).id, "change id")));
}
