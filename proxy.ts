import { NextResponse, type NextRequest } from "next/server";
import { isSnapshotId } from "@/lib/snapshots/model";
import { snapshotState } from "@/lib/snapshots/store";

/**
 * A revoked permalink answers 410 Gone with a plain page, for the snapshot page and its embed alike,
 * before anything renders (pages cannot choose their status code). Everything else passes through.
 */
export async function proxy(request: NextRequest) {
  const id = request.nextUrl.pathname.split("/")[2] ?? "";
  if (!isSnapshotId(id)) return NextResponse.next();
  try {
    if ((await snapshotState(id)) === "revoked") return gonePage();
  } catch {
    // The database is down: let the page answer (it shows its own error) rather than guess.
  }
  return NextResponse.next();
}

function gonePage(): NextResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Link revoked · Redstring</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.25rem}</style>
</head><body><h1>This link was revoked</h1><p>The person who shared this graph has withdrawn it. It is no longer available.</p></body></html>`;
  return new NextResponse(html, { status: 410, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export const config = { matcher: ["/s/:id", "/embed/:id"] };
