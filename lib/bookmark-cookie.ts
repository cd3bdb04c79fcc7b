import "server-only";
/**
 * Read-your-own-writes across servers: after a request that wrote, the browser gets the write's bookmarks
 * in a short-lived cookie, and its next request's reads wait for them (lib/db/session.ts), on whichever
 * replica and follower they land. HttpOnly and SameSite=Lax like the session cookie.
 *
 * Signed (HMAC-SHA256 with REDSTRING_SESSION_SECRET, which every replica shares): a bookmark the
 * database has not reached makes a read wait for it, so only bookmarks this app wrote are honoured. A
 * cookie that is too long, malformed, badly signed or holds anything but bookmarks is ignored: the read
 * runs as if there were none, it never fails for it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getConfig } from "./config";

export const BOOKMARK_COOKIE = "redstring-bookmark";
/**
 * Long enough for the next click, short enough not to outlive its use: a follower catches up within
 * moments, after which the bookmark no longer changes anything.
 */
export const BOOKMARK_COOKIE_SECONDS = 5 * 60;
/** Past this the cookie is ignored unread (one database gives one bookmark of some 30 characters). */
const MAX_COOKIE_LENGTH = 2_000;
const MAX_BOOKMARKS = 8;
/** "FB:kcwQ..." in Neo4j 5: a short kind, a colon, base64 text. */
const BOOKMARK_SHAPE = /^[A-Za-z]{1,8}:[A-Za-z0-9+/=_-]{1,256}$/;

const holder = globalThis as typeof globalThis & { __redstringBookmarkKey?: string };

/**
 * The session secrets (the first signs, every one verifies, so a cookie signed during a rotation holds);
 * without one (development), a key per process: another server then ignores the cookie.
 */
function signingKeys(): string[] {
  let configured: string[] | undefined;
  try {
    configured = getConfig().sessionSecrets;
  } catch {
    configured = undefined;
  }
  if (configured && configured.length > 0) return configured;
  holder.__redstringBookmarkKey ??= randomBytes(32).toString("base64url");
  return [holder.__redstringBookmarkKey];
}

function signatureOf(payload: string, key = signingKeys()[0]!): Buffer {
  return createHmac("sha256", key).update(`${BOOKMARK_COOKIE}.${payload}`).digest();
}

export function isBookmark(value: unknown): value is string {
  return typeof value === "string" && BOOKMARK_SHAPE.test(value);
}

/** The cookie's value for these bookmarks; null when there is nothing worth sending. */
export function sealBookmarks(bookmarks: readonly string[]): string | null {
  // The newest last: past the bound, the oldest go (a newer bookmark of a database covers its older ones).
  const kept = bookmarks.filter(isBookmark).slice(-MAX_BOOKMARKS);
  if (kept.length === 0) return null;
  const payload = Buffer.from(kept.join(","), "utf8").toString("base64url");
  return `${payload}.${signatureOf(payload).toString("base64url")}`;
}

/** The bookmarks in a cookie's value, or none for a missing, oversized, malformed or forged one. */
export function openBookmarks(sealed: string | undefined | null): string[] {
  if (!sealed || sealed.length > MAX_COOKIE_LENGTH) return [];
  const [payload, signature, ...rest] = sealed.split(".");
  if (!payload || !signature || rest.length > 0) return [];
  const given = Buffer.from(signature, "base64url");
  const signedByOneOfUs = signingKeys().some((key) => {
    const expected = signatureOf(payload, key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedByOneOfUs) return [];
  const bookmarks = Buffer.from(payload, "base64url").toString("utf8").split(",");
  if (bookmarks.length > MAX_BOOKMARKS || !bookmarks.every(isBookmark)) return [];
  return bookmarks;
}

/** One cookie's value from a Cookie header, without trusting its shape. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The bookmarks the request's browser brought. */
export function bookmarksOfRequest(request: Request): string[] {
  return openBookmarks(cookieValue(request.headers.get("cookie"), BOOKMARK_COOKIE));
}
