import "server-only";
/**
 * The session: a cookie holding {userId, issuedAt}, sealed (encrypted and signed) by iron-session with
 * REDSTRING_SESSION_SECRET. It names the user and nothing else: every request reads the user again
 * (lib/auth/users.ts), so disabling someone or changing their role takes effect on their next click.
 *
 * Route handlers read the cookie from their NextRequest (not next/headers), so integration tests can call
 * them directly with a Cookie header; server components use actorFromCookies().
 */
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type { NextRequest, NextResponse } from "next/server";
import { getConfig } from "../config";
import { AppError } from "../errors";
import type { Actor } from "./permissions";
import { publicReadAllowed } from "../settings/instance";
import { findActiveUser } from "./users";

export const SESSION_COOKIE = "redstring_session";
/** A session lasts a working fortnight; signing in again is cheap, a stolen cookie should not live long. */
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

interface SessionData {
  userId: string;
  issuedAt: number;
}

const holder = globalThis as typeof globalThis & { __redstringSessionSecret?: string };

/**
 * The configured secret; outside production, a random one per process (sessions then end with a restart,
 * which is fine while developing). scripts/start.mjs and scripts/test.mjs keep one in .data/ instead.
 */
export function sessionSecret(): string {
  const configured = getConfig().sessionSecret;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    console.error("[redstring] REDSTRING_SESSION_SECRET is not set: nobody can sign in.");
    throw new AppError(503, "Redstring is not configured: REDSTRING_SESSION_SECRET (32 characters or more) is not set.");
  }
  if (!holder.__redstringSessionSecret) {
    console.warn("[redstring] REDSTRING_SESSION_SECRET is not set: using a random one; sessions end when the server restarts.");
    holder.__redstringSessionSecret = randomBytes(32).toString("base64url");
  }
  return holder.__redstringSessionSecret;
}

export function sealSession(userId: string): Promise<string> {
  const data: SessionData = { userId, issuedAt: Date.now() };
  return sealData(data, { password: sessionSecret(), ttl: SESSION_TTL_SECONDS });
}

/** The user id in a cookie value, or null for a missing, forged, expired or otherwise unreadable one. */
export async function unsealSession(sealed: string | undefined): Promise<string | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<Partial<SessionData>>(sealed, { password: sessionSecret(), ttl: SESSION_TTL_SECONDS });
    return typeof data.userId === "string" ? data.userId : null;
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    return null;
  }
}

async function actorOfCookie(sealed: string | undefined): Promise<Actor> {
  const userId = await unsealSession(sealed);
  const user = userId ? await findActiveUser(userId) : null;
  if (user) return { user };
  // Signed out: whether they may read is the instance's setting (a cached read, lib/settings/instance.ts).
  return { user: null, publicRead: await publicReadAllowed() };
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

/** HttpOnly (no script reads it), SameSite=Lax (not sent on other sites' POSTs), Secure over https. */
export async function setSessionCookie(response: NextResponse, request: NextRequest, userId: string): Promise<void> {
  response.cookies.set(SESSION_COOKIE, await sealSession(userId), {
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
