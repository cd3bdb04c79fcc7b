import { NextResponse, type NextRequest } from "next/server";
import { BOOKMARK_COOKIE } from "@/lib/bookmark-cookie";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { withPageContext } from "@/lib/page-context";
import { handOff, SNAPSHOT_HANDOFF_HEADER } from "@/lib/snapshots/handoff";
import { isSnapshotId } from "@/lib/snapshots/model";
import { readStoredSnapshot, snapshotStateOf } from "@/lib/snapshots/store";

/**
 * Runs before every page (not the API, not the build's static files):
 * - gives the request a Content-Security-Policy with a fresh script nonce (lib/csp.ts): forwarded in the
 *   request headers, where Next.js finds the nonce for its own scripts, and sent back to the browser;
 * - answers 410 Gone with a plain page for a revoked permalink, for the snapshot page and its embed
 *   alike, before anything renders (pages cannot choose their status code). That read of the snapshot
 *   is the request's only one: the page gets the record from it (lib/snapshots/handoff.ts).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    frameAncestors: pathname.startsWith("/embed/") ? "*" : "'none'",
    development: process.env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  // Only the proxy hands a record to a page: never a token the browser made up.
  headers.delete(SNAPSHOT_HANDOFF_HEADER);
  const permalink = permalinkOf(pathname);
  if (permalink && !isPrefetch(request)) {
    const read = await readPermalink(permalink, request.cookies.get(BOOKMARK_COOKIE)?.value);
    if (read === "revoked") return withPolicy(gonePage(), policy);
    if (read) headers.set(SNAPSHOT_HANDOFF_HEADER, read.token);
  }
  headers.set("content-security-policy", policy);
  return withPolicy(NextResponse.next({ request: { headers } }), policy);
}

function withPolicy(response: NextResponse, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  return response;
}

interface Permalink {
  /** The page's path pattern, for the transaction's metadata. */
  route: "/s/[id]" | "/embed/[id]";
  id: string;
}

/** /s/{id} or /embed/{id} with a well-formed id (anything else is the page's 404). */
function permalinkOf(pathname: string): Permalink | null {
  const [, section, id = "", ...rest] = pathname.split("/");
  if ((section !== "s" && section !== "embed") || rest.length > 0 || !isSnapshotId(id)) return null;
  return { route: section === "s" ? "/s/[id]" : "/embed/[id]", id };
}

/**
 * The router fetching a page ahead of a click renders little or nothing of it: no read here for that
 * (whatever of the page renders reads for itself), and nothing left waiting for a page that never comes.
 */
function isPrefetch(request: NextRequest): boolean {
  return request.headers.has("next-router-prefetch") || request.headers.has("next-router-segment-prefetch");
}

/**
 * The request's one read of the snapshot, named after its page in the transaction's metadata, after the
 * browser's last write (its bookmark cookie: a link just made is found): "revoked", or the token under
 * which the page finds the record (an unknown id too: the page answers 404 without asking again).
 */
async function readPermalink({ route, id }: Permalink, bookmarkCookie: string | undefined): Promise<"revoked" | { token: string } | null> {
  let record;
  try {
    record = await withPageContext(route, bookmarkCookie, () => readStoredSnapshot(id));
  } catch {
    // The database is down: let the page answer (it reads, and shows its own error) rather than guess.
    return null;
  }
  if (snapshotStateOf(record) === "revoked") return "revoked";
  return { token: handOff(id, record) };
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
