import "server-only";
/**
 * The session: a record in Neo4j (lib/auth/session-records.ts) and a cookie holding its id, sealed
 * (encrypted and signed) by iron-session with REDSTRING_SESSION_SECRET. Every request reads the session
 * and its user in one query, so signing out, an admin ending the sessions, a password change or disabling
 * the account (which deletes them) take effect on the next click, on every copy of the cookie.
 *
 * Route handlers read the cookie from their NextRequest (not next/headers), so integration tests can call
 * them directly with a Cookie header; server components use actorFromCookies().
 */
import { createHash, randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type { NextRequest, NextResponse } from "next/server";
import { getConfig } from "../config";
import { read, write } from "../database";
import { noteUser } from "../db/context";
import { AppError } from "../errors";
import type { Actor } from "./roles";
import { publicReadAllowed } from "../settings/instance";
import { deleteSession, findUserOfSession, insertSession, newSessionId, sessionIdPattern } from "./session-records";
import { sessionUserOf } from "./records";

export const SESSION_COOKIE = "redstring_session";
/** A session lasts a working fortnight; signing in again is cheap, a stolen cookie should not live long. */
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

interface SessionData {
  sessionId: string;
  issuedAt: number;
}

const holder = globalThis as typeof globalThis & { __redstringSessionSecret?: string };

/**
 * The configured secrets, newest first; outside production, a random one per process (sessions then end
 * with a restart, which is fine while developing). scripts/start.mjs and scripts/test.mjs keep one in
 * .data/ instead, and scripts/server.mjs refuses to start a production server without one.
 */
function sessionSecrets(): string[] {
  const configured = getConfig().sessionSecrets;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    console.error("[redstring] REDSTRING_SESSION_SECRET is not set: nobody can sign in.");
    throw new AppError(503, "Redstring is not configured: REDSTRING_SESSION_SECRET (32 characters or more) is not set.");
  }
  if (!holder.__redstringSessionSecret) {
    console.warn("[redstring] REDSTRING_SESSION_SECRET is not set: using a random one; sessions end when the server restarts.");
    holder.__redstringSessionSecret = randomBytes(32).toString("base64url");
  }
  return [holder.__redstringSessionSecret];
}

/** The secret that seals new cookies: the first configured. */
export function sessionSecret(): string {
  return sessionSecrets()[0]!;
}

/**
 * A secret's id inside a seal, derived from the secret itself, so the list can be reordered and old
 * secrets dropped without renumbering. (A seal made with a plain string password carries id 1: cookies
 * from before rotation existed open with the newest secret, which was then the only one.)
 */
function secretId(secret: string): number {
  return 2 + Number.parseInt(createHash("sha256").update(secret).digest("hex").slice(0, 8), 16);
}

/** For sealing: only the newest secret, under its id. */
export function sealingPassword(): Record<number, string> {
  const newest = sessionSecret();
  return { [secretId(newest)]: newest };
}

/** For opening: every configured secret (and the newest under the legacy id 1). */
export function openingPasswords(): Record<number, string> {
  const secrets = sessionSecrets();
  return { 1: secrets[0]!, ...Object.fromEntries(secrets.map((secret) => [secretId(secret), secret])) };
}

export function sealSession(sessionId: string): Promise<string> {
  const data: SessionData = { sessionId, issuedAt: Date.now() };
  return sealData(data, { password: sealingPassword(), ttl: SESSION_TTL_SECONDS });
}

/**
 * Cookies this process has opened, and the session id each holds: opening one (a key derivation, an HMAC
 * and a decryption, about a millisecond here) is the same work for every request of a browser, so it is
 * done once. Only cookies that opened are kept (a flood of forged ones cannot fill it), for at most
 * OPENED_FOR_MS and never past the seal's own expiry; whether the session is still live is asked of the
 * database on every request all the same. An entry holds for the secrets it was opened with only: after
 * a rotation drops a secret, its cookies are opened (and refused) again.
 */
const opened = new Map<string, { sessionId: string; until: number; secrets: string }>();
const OPENED_FOR_MS = 10 * 60_000;
const OPENED_MAX = 5_000;

function rememberOpened(sealed: string, sessionId: string, issuedAt: number | undefined, secrets: string): void {
  const sealExpires = typeof issuedAt === "number" ? issuedAt + SESSION_TTL_SECONDS * 1000 : Date.now();
  const until = Math.min(Date.now() + OPENED_FOR_MS, sealExpires);
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!); // the oldest first
  opened.set(sealed, { sessionId, until, secrets });
}

/**
 * The session id in a cookie value, or null for a missing, forged, expired or otherwise unreadable one
 * (a cookie from before sessions were records, which holds a user id instead, is one of those).
 */
export async function unsealSession(sealed: string | undefined): Promise<string | null> {
  if (!sealed) return null;
  const secrets = sessionSecrets().join("\n");
  const known = opened.get(sealed);
  if (known && known.until > Date.now() && known.secrets === secrets) return known.sessionId;
  if (known) opened.delete(sealed);
  try {
    const data = await unsealData<Partial<SessionData>>(sealed, { password: openingPasswords(), ttl: SESSION_TTL_SECONDS });
    if (typeof data.sessionId !== "string" || !sessionIdPattern.test(data.sessionId)) return null;
    rememberOpened(sealed, data.sessionId, data.issuedAt, secrets);
    return data.sessionId;
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    return null;
  }
}

/** The request's session id, if its cookie holds a readable one (live or not: the database says that). */
export function sessionIdFrom(request: NextRequest): Promise<string | null> {
  return unsealSession(request.cookies.get(SESSION_COOKIE)?.value);
}

/** One read: the live session and its enabled user, or signed out. */
async function actorOfCookie(sealed: string | undefined): Promise<Actor> {
  const sessionId = await unsealSession(sealed);
  const stored = sessionId ? await read((tx) => findUserOfSession(tx, sessionId)) : null;
  const user = stored && !stored.disabledAt ? sessionUserOf(stored) : null;
  if (user) {
    // The request's next transactions name the user in their metadata (SHOW TRANSACTIONS).
    noteUser(user.id);
    return { user };
  }
  // Signed out: whether they may read is the instance's setting (a cached read, lib/settings/instance.ts).
  return { user: null, publicRead: await publicReadAllowed() };
}

/**
 * Opens a session record for the user and returns its sealed cookie value. `userAgent` is kept (cut short)
 * so a future "your sessions" list can tell the browsers apart.
 */
export async function openSession(userId: string, userAgent: string): Promise<string> {
  const id = newSessionId();
  const opened = await write((tx) => insertSession(tx, { id, userId, ttlSeconds: SESSION_TTL_SECONDS, userAgent: userAgent.slice(0, 300) }));
  if (!opened) throw new Error("a session was opened for a user that does not exist");
  return sealSession(id);
}

/** Deletes the request's session record, if any: every copy of its cookie stops working. */
export async function endSession(request: NextRequest): Promise<void> {
  const sessionId = await sessionIdFrom(request);
  if (sessionId) await write((tx) => deleteSession(tx, sessionId));
}

/** Who sent this request: the enabled user its session cookie names, or signed out. */
export function actorFrom(request: NextRequest): Promise<Actor> {
  return actorOfCookie(request.cookies.get(SESSION_COOKIE)?.value);
}

/** The same for server components, which have no request object. */
export async function actorFromCookies(): Promise<Actor> {
  const { cookies } = await import("next/headers");
  return actorOfCookie((await cookies()).get(SESSION_COOKIE)?.value);
}

function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/**
 * Signs the user in: a new session record, and its cookie on the response. HttpOnly (no script reads it),
 * SameSite=Lax (not sent on other sites' POSTs), Secure over https.
 */
export async function setSessionCookie(response: NextResponse, request: NextRequest, userId: string): Promise<void> {
  setSealedSessionCookie(response, request, await openSessionFor(request, userId));
}

/** Opens the session record for a request's browser: inside respond(), so a failure is a 503 with a message. */
export function openSessionFor(request: NextRequest, userId: string): Promise<string> {
  return openSession(userId, request.headers.get("user-agent") ?? "");
}

/** Puts an opened session's sealed id in the cookie. */
export function setSealedSessionCookie(response: NextResponse, request: NextRequest, sealed: string): void {
  response.cookies.set(SESSION_COOKIE, sealed, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

export function clearSessionCookie(response: NextResponse, request: NextRequest): void {
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(request), path: "/", maxAge: 0 });
}
