import type { NextRequest } from "next/server";
import { renderPreviewPng } from "@/lib/export/png";
import { SIGNED_OUT } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { snapshotIdFrom } from "@/lib/snapshots/params";
import { getSnapshot } from "@/lib/snapshots/store";

/**
 * The link-preview image (Open Graph / Twitter card) of a snapshot, rendered on the server from the
 * frozen positions. A revoked snapshot's image is gone too (410). Errors answer as plain text: whoever
 * asks for an image is a crawler or an <img>, not a JSON client. Read as a signed-out visitor, whoever
 * asks: the image is cached publicly, so it may carry only what everyone may see (never a private note).
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  try {
    const snapshot = await getSnapshot(SIGNED_OUT, await snapshotIdFrom(context));
    const png = renderPreviewPng(snapshot.graph, snapshot.title);
    return new Response(new Uint8Array(png), {
      headers: {
        "content-type": "image/png",
        // Short: a revoked link's image must stop showing soon, also in caches.
        "cache-control": "public, max-age=300",
      },
    });
  } catch (cause) {
    if (cause instanceof AppError) {
      return new Response(cause.message, { status: cause.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    console.error("[redstring] preview image failed", cause);
    return new Response("The preview image could not be drawn.", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
