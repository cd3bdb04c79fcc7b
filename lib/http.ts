import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { BOOKMARK_COOKIE, BOOKMARK_COOKIE_SECONDS, bookmarksOfRequest, sealBookmarks } from "./bookmark-cookie";
import { withRequestContext, type RequestContext } from "./db/context";
import { AppError, BadRequestError, ForbiddenError } from "./errors";
import { BODY_LIMITS, readBoundedText } from "./request-body";
import { withoutServerDetails } from "./server-text";
import { parseWith } from "./validation";

export interface ErrorBody {
  error: string;
  details?: unknown;
}

/**
 * Wraps a route handler: the app's typed errors become their status with a readable message (with any
 * server path or Java text removed, lib/server-text.ts); anything unexpected is logged here and answered
 * with a plain 500 that leaks no stack trace.
 *
 * The handler runs in the request's database context (lib/db/context.ts): its transactions carry the
 * route and user as metadata, its reads wait for the browser's last write (the bookmark cookie), and the
 * request's abort signal stops its queries. When it wrote, the answer carries the new bookmark cookie.
 * `request` is undefined only for a caller that has none (a test calling the health check directly).
 */
export async function respond<T>(
  request: Request | undefined,
  handler: () => Promise<T>,
  options: { status?: number } = {},
): Promise<NextResponse> {
  if (!request) return answer(handler, options);
  const context = contextOf(request);
  const response = await withRequestContext(context, () => answer(handler, options));
  const sealed = context.writeBookmarks ? sealBookmarks(context.writeBookmarks) : null;
  if (sealed) {
    response.cookies.set(BOOKMARK_COOKIE, sealed, {
      httpOnly: true,
      sameSite: "lax",
      secure: isHttps(request),
      path: "/",
      maxAge: BOOKMARK_COOKIE_SECONDS,
    });
  }
  return response;
}

/** The database context of an API request: its route, the browser's bookmarks, its abort signal. */
function contextOf(request: Request): RequestContext {
  return { route: routeOf(request), bookmarks: bookmarksOfRequest(request), signal: request.signal };
}

/**
 * A streamed answer's chunks, each produced in the request's database context: the reads of a download
 * (lib/export) run long after the handler returned, when the stream is pulled, outside respond().
 */
export async function* inRequestContext<T>(request: Request, chunks: AsyncGenerator<T>): AsyncGenerator<T> {
  const context = contextOf(request);
  try {
    for (;;) {
      const step = await withRequestContext(context, () => chunks.next());
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await chunks.return(undefined);
  }
}

async function answer<T>(handler: () => Promise<T>, options: { status?: number }): Promise<NextResponse> {
  try {
    const value = await handler();
    // A handler that chose its own status and headers (lib/idempotency.ts) answers as it is.
    if (value instanceof NextResponse) return value;
    return NextResponse.json(value, { status: options.status ?? 200 });
  } catch (cause) {
    if (cause instanceof AppError) {
      // Typed errors are written for the user, but some quote a database or file-system message: the
      // last check that no server path or Java text goes out.
      const body: ErrorBody = { error: withoutServerDetails(cause.message) };
      if (cause.details !== undefined) body.details = cause.details;
      return NextResponse.json(body, { status: cause.status });
    }
    console.error("[redstring] unexpected error", cause);
    return NextResponse.json({ error: "Something went wrong on our side. Try again." } satisfies ErrorBody, {
      status: 500,
    });
  }
}

/** "POST /api/entities/e-1": what the transaction metadata calls the request (the path is cut short). */
function routeOf(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname.slice(0, 200)}`;
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/**
 * Reads a JSON body of at most `limit` bytes (lib/request-body.ts: counted on the stream, so a chunked
 * body without Content-Length is cut off too; 413 past it) and validates it; a body that is not JSON is
 * a 400 with a message.
 */
export async function parseJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  limit: number = BODY_LIMITS.form,
): Promise<z.infer<Schema>> {
  const text = await readBoundedText(request, limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body is not valid JSON.");
  }
  return parseWith(schema, body, "request");
}

/**
 * The origin (scheme, host and port) this instance answers at: REDSTRING_PUBLIC_URL when set (behind a
 * proxy that rewrites Host, that is the only reliable answer), else the request's own scheme and Host.
 */
export function ownOrigin(request: Request): string {
  const configured = process.env.REDSTRING_PUBLIC_URL;
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  const url = new URL(request.url);
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const scheme = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : url.protocol.replace(/:$/, "");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  // Through URL so that default ports compare equal: "https://a:443" is "https://a".
  return URL.canParse(`${scheme}://${host}`) ? new URL(`${scheme}://${host}`).origin : url.origin;
}

/**
 * The cross-site request guard of every write (the SameSite=Lax cookie is the other lock). A browser
 * sends `Origin` with every POST, PUT, PATCH and DELETE, and `Sec-Fetch-Site`, which no page can forge;
 * a write is accepted only when its `Origin` has this instance's scheme, host and port, or when it has no
 * `Origin` but `Sec-Fetch-Site: same-origin`. Anything else, including a request with neither header, is
 * a 403: a script talks to the API by sending `Origin: <this instance's address>` (README, API).
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const expected = ownOrigin(request);
  if (origin === null) {
    if (request.headers.get("sec-fetch-site") === "same-origin") return;
    throw new ForbiddenError(
      `This request does not say which site sent it, so it was refused. Scripts send the header "Origin: ${expected}".`,
    );
  }
  if (!URL.canParse(origin) || new URL(origin).origin === "null") {
    throw new ForbiddenError("This request came from a page Redstring does not recognise, so it was refused.");
  }
  const actual = new URL(origin).origin;
  if (actual !== expected) {
    throw new ForbiddenError(`This request came from another site (${actual}), not from ${expected}, and was refused.`);
  }
}
