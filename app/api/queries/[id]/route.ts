import type { NextRequest } from "next/server";
import { actorFrom } from "@/lib/auth/session";
import { writerFrom } from "@/lib/auth/request";
import { parseJsonBody, respond } from "@/lib/http";
import { parseWith } from "@/lib/validation";
import { savedQueryIdSchema, updateQuerySchema } from "@/lib/queries/api-schemas";
import { deleteQuery, getQuery, updateQuery } from "@/lib/queries/store";

type Context = { params: Promise<{ id: string }> };

async function idOf(context: Context): Promise<string> {
  return parseWith(savedQueryIdSchema, (await context.params).id, "saved query id");
}

/** The latest version and the list of all versions. */
export async function GET(request: NextRequest, context: Context) {
  return respond(request, async () => getQuery(await actorFrom(request), await idOf(context)));
}

/** Saves the next version; 409 if someone else saved since `baseVersion`. */
export async function PUT(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    const id = await idOf(context);
    const { baseVersion, ...content } = await parseJsonBody(request, updateQuerySchema);
    return updateQuery(actor, id, content, baseVersion);
  });
}

/** Moves the query to the bin; POST .../restore brings it back. */
export async function DELETE(request: NextRequest, context: Context) {
  return respond(request, async () => {
    const actor = await writerFrom(request);
    return deleteQuery(actor, await idOf(context));
  });
}
