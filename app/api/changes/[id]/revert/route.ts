import type { NextRequest } from "next/server";
import { writerFrom } from "@/lib/auth/request";
import { revertChange } from "@/lib/editing/changes";
import { changeIdSchema } from "@/lib/editing/model";
import { parseWith, respond } from "@/lib/http";

/** Undoes a recorded change (refused if what it touched changed since); the revert is recorded too. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  return respond(
    async () => {
      const actor = await writerFrom(request);
      return revertChange(actor, parseWith(changeIdSchema, (await context.params).id, "change id"));
    },
    { status: 201 },
  );
}
