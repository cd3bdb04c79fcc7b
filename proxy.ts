import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { isSnapshotId } from "@/lib/snapshots/model";
import { snapshotState } from "@/lib/snapshots/store";

/**
 * Runs before every page (not the API, not the build's static files):
 * - gives the request a Content-Security-Policy with a fresh script nonce (lib/csp.ts): forwarded in the
 *   request headers, where Next.js finds the nonce for its own scripts, and sent back to the browser;
 * - answers 410 Gone with a plain page for a revoked permalink, for the snapshot page and its embed
 *   alike, before anything renders (pages cannot choose their status code).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    frameAncestors: pathname.startsWith("/embed/") ? "*" : "'none'",
    development: process.env.NODE_ENV === "development",
  });
  if (await isRevokedPermalink(pathname)) return withPolicy(gonePage(), policy);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  return withPolicy(NextResponse.next({ request: { headers } }), policy);
}

function withPolicy(response: NextResponse, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  return response;
}

/** /s/{id} or /embed/{id} of a revoked snapshot. */
async function isRevokedPermalink(pathname: string): Promise<boolean> {
  const [, section, id = "", ...rest] = pathname.split("/");
  if ((section !== "s" && section !== "embed") || rest.length > 0 || !isSnapshotId(id)) return false;
  try {
    return (await snapshotState(id)) === "revoked";
  } catch {
    // The database is down: let the page answer (it shows its own error) rather than guess.
    return false;
  }
}

function gonePage(): NextResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Link revoked · Redstring</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.25rem}</style>
</head><body><h1>This link was revoked</h1><p>The person who shared this graph has withdrawn it. It is no longer available.</p></body></html>`;
  return new NextResponse(html, { status: 410, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

// Pages only. Not the build's static files (not documents), and not /api: a proxy makes Next.js buffer
// request bodies (10 MB at most, so a 2 GB upload would be cut), and JSON needs no script nonce; API
// answers get a fixed policy from next.config.js instead.
export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
