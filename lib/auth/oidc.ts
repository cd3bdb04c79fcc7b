import "server-only";
/**
 * Optional OpenID Connect sign-in (REDSTRING_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET; lib/config.ts), with
 * openid-client: the authorization code flow with PKCE, state and nonce.
 *
 *   GET /api/auth/oidc/start?next=/path     -> the provider's authorization endpoint. The PKCE verifier,
 *                                              state, nonce, redirect URI and next path travel in a
 *                                              short-lived cookie sealed by iron-session (the session's
 *                                              secret), scoped to /api/auth/oidc.
 *   GET /api/auth/oidc/callback?code&state  -> checks the answer and the ID token (openid-client: issuer,
 *                                              audience, signature, expiry, nonce, state, PKCE), reads the
 *                                              email and name (from the UserInfo endpoint when the ID token
 *                                              carries no email), opens the account
 *                                              (lib/auth/users.ts signInWithOidcIdentity) and sets the normal
 *                                              session cookie, then goes to the `next` path.
 *
 * Every failure, the provider's own included, ends on /signin?error=<message> (the page shows it as text);
 * nothing here answers 500.
 */
import { sealData, unsealData } from "iron-session";
import * as client from "openid-client";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ConfigurationError, getConfig, type OidcConfig } from "../config";
import { AppError, BadRequestError, ForbiddenError } from "../errors";
import { clientAddress } from "../client-address";
import { SIGN_IN_ADDRESS_LIMIT, refundToken, takeToken } from "../rate-limit";
import { openingPasswords, sealingPassword, setSessionCookie } from "./session";
import { signInWithOidcIdentity } from "./users";

export const OIDC_STATE_COOKIE = "redstring_oidc";
export const OIDC_START_PATH = "/api/auth/oidc/start";
export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
const STATE_COOKIE_PATH = "/api/auth/oidc";
/** Time to sign in at the provider; long enough for a password manager and a second factor. */
const STATE_TTL_SECONDS = 10 * 60;
const SCOPE = "openid email profile";

/** What the start leaves for the callback, sealed. `purpose` keeps it from ever passing for a session. */
const pendingSchema = z.object({
  purpose: z.literal("oidc-sign-in"),
  verifier: z.string().min(43),
  state: z.string().min(1),
  nonce: z.string().min(1),
  redirectUri: z.url(),
  next: z.string(),
});
type Pending = z.infer<typeof pendingSchema>;

/** The sign-in page's button label, or null when OpenID Connect sign-in is off (or the setup is broken). */
export function oidcButtonName(): string | null {
  try {
    return getConfig().oidc?.name ?? null;
  } catch (cause) {
    if (cause instanceof ConfigurationError) return null; // the API and the logs say what is wrong
    throw cause;
  }
}

/**
 * A `next` that stays on this site: a path starting with one "/" (not "//" nor "/\", which browsers take
 * for another host), without control characters; anything else is "/".
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || value.length > 2_000 || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  if (value.startsWith("//")) return "/";
  const base = "http://redstring.invalid";
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
}

/**
 * Where browsers reach this instance: REDSTRING_PUBLIC_URL (as lib/public-url.ts), else the request's host
 * as the proxy forwards it. The redirect URI registered at the provider is this + /api/auth/oidc/callback.
 */
export function baseUrlOf(request: NextRequest): string {
  const configured = process.env.REDSTRING_PUBLIC_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))?.split(",")[0]?.trim();
  if (!host || !/^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(host)) return request.nextUrl.origin;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const protocol = forwarded === "https" || forwarded === "http" ? forwarded : request.nextUrl.protocol.replace(":", "");
  return `${protocol}://${host}`;
}

function isHttps(request: NextRequest, base: string): boolean {
  return base.startsWith("https:") || request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

function requireOidc(): OidcConfig {
  const oidc = getConfig().oidc;
  if (!oidc) throw new AppError(404, "Single sign-on is not set up on this Redstring. Sign in with your email and password.");
  return oidc;
}

// One discovered provider per process (and per setting, so tests can point it elsewhere); a failed
// discovery is forgotten, so the next click tries again.
const holder = globalThis as typeof globalThis & { __redstringOidc?: { key: string; configuration: Promise<client.Configuration> } };

function configurationFor(settings: OidcConfig): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  if (holder.__redstringOidc?.key !== key) {
    const configuration = discover(settings);
    holder.__redstringOidc = { key, configuration };
    configuration.catch(() => {
      if (holder.__redstringOidc?.configuration === configuration) holder.__redstringOidc = undefined;
    });
  }
  return holder.__redstringOidc.configuration;
}

async function discover(settings: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  // lib/config.ts allows plain http only for an issuer on this machine (a test provider).
  const insecure = issuer.protocol === "http:";
  let discovered: client.Configuration;
  try {
    discovered = await client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
  } catch (cause) {
    console.error(`[redstring] OpenID Connect discovery at ${settings.issuer} failed:`, cause);
    throw new AppError(503, `${settings.name} cannot be reached right now. Try again in a moment.`);
  }
  // client_secret_basic is the standard's default; client_secret_post only for a provider that lists it alone.
  const metadata = discovered.serverMetadata();
  const methods = metadata.token_endpoint_auth_methods_supported;
  const authentication =
    !methods || methods.includes("client_secret_basic") || !methods.includes("client_secret_post")
      ? client.ClientSecretBasic(settings.clientSecret)
      : client.ClientSecretPost(settings.clientSecret);
  const configuration = new client.Configuration(metadata, settings.clientId, settings.clientSecret, authentication);
  configuration.timeout = 10;
  if (insecure) client.allowInsecureRequests(configuration);
  if (settings.defaultRole === "admin") {
    console.warn("[redstring] REDSTRING_OIDC_DEFAULT_ROLE is admin: every new single sign-on account becomes an admin.");
  }
  return configuration;
}

function clearStateCookie(response: NextResponse, request: NextRequest, base: string): void {
  response.cookies.set(OIDC_STATE_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(request, base), path: STATE_COOKIE_PATH, maxAge: 0 });
}

/** Any failure: back to the sign-in page with a message it shows as text, and the `next` kept. */
function failure(request: NextRequest, base: string, next: string, cause: unknown): NextResponse {
  let message: string;
  if (cause instanceof AppError) {
    message = cause.message;
  } else {
    console.error("[redstring] OpenID Connect sign-in failed unexpectedly:", cause);
    message = "Signing in failed on our side. Try again.";
  }
  const target = new URL("/signin", base);
  target.searchParams.set("error", message.slice(0, 300));
  if (next !== "/") target.searchParams.set("next", next);
  const response = NextResponse.redirect(target, 303);
  clearStateCookie(response, request, base);
  return response;
}

/** GET /api/auth/oidc/start: off to the provider, with the checks for the way back sealed in a cookie. */
export async function startOidcSignIn(request: NextRequest): Promise<NextResponse> {
  const base = baseUrlOf(request);
  const next = safeNextPath(request.nextUrl.searchParams.get("next"));
  try {
    const settings = requireOidc();
    const configuration = await configurationFor(settings);
    const pending: Pending = {
      purpose: "oidc-sign-in",
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      redirectUri: `${base}${OIDC_CALLBACK_PATH}`,
      next,
    };
    const authorization = client.buildAuthorizationUrl(configuration, {
      redirect_uri: pending.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    const sealed = await sealData(pending, { password: sealingPassword(), ttl: STATE_TTL_SECONDS });
    const response = NextResponse.redirect(authorization, 303);
    // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
    response.cookies.set(OIDC_STATE_COOKIE, sealed, {
      httpOnly: true,
      sameSite: "lax",
      secure: isHttps(request, base),
      path: STATE_COOKIE_PATH,
      maxAge: STATE_TTL_SECONDS,
    });
    return response;
  } catch (cause) {
    return failure(request, base, next, cause);
  }
}

async function readPending(request: NextRequest): Promise<Pending> {
  const sealed = request.cookies.get(OIDC_STATE_COOKIE)?.value;
  const expired = new BadRequestError(
    "This sign-in was not started in this browser, or took longer than 10 minutes. Start again with the sign-in button.",
  );
  if (!sealed) throw expired;
  let data: unknown;
  try {
    data = await unsealData(sealed, { password: openingPasswords(), ttl: STATE_TTL_SECONDS });
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw expired;
  }
  const parsed = pendingSchema.safeParse(data);
  if (!parsed.success) throw expired;
  return parsed.data;
}

/** An error and its causes on one line, for the log: "invalid response encountered: unexpected "state" ...". */
function logLine(cause: unknown): string {
  const parts: string[] = [];
  // Only the errors' messages: their other causes hold the expected state and such, not for the log.
  for (let current = cause; current instanceof Error && parts.length < 4; current = current.cause) parts.push(current.message);
  return parts.join(": ") || String(cause);
}

/** What openid-client throws, as a message for the sign-in page; the details go to the log. */
function describeProtocolError(cause: unknown, name: string): AppError {
  if (cause instanceof AppError) return cause;
  if (cause instanceof client.AuthorizationResponseError) {
    if (cause.error === "access_denied") return new ForbiddenError(`${name} did not sign you in (access denied).`);
    const detail = (cause.error_description ?? cause.error).slice(0, 120);
    return new BadRequestError(`${name} did not sign you in: ${detail}.`);
  }
  console.warn(`[redstring] OpenID Connect sign-in refused: ${logLine(cause)}`);
  if (cause instanceof client.ResponseBodyError) {
    return new BadRequestError(`${name} refused to complete the sign-in (${cause.error}). Start again.`);
  }
  if (cause instanceof client.ClientError) {
    return new BadRequestError(`The answer from ${name} did not check out, so it was refused. Start again.`);
  }
  if (cause instanceof TypeError) return new AppError(503, `${name} cannot be reached right now. Try again in a moment.`);
  return new BadRequestError(`Signing in with ${name} failed. Start again.`);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

interface Profile {
  subject: string;
  email: string;
  name: string;
}

/** The code for tokens, and the person they name: subject, verified email, display name. */
async function profileFrom(request: NextRequest, pending: Pending, settings: OidcConfig): Promise<Profile> {
  const configuration = await configurationFor(settings);
  // The URL the provider sent the browser to, on the redirect URI the start used (the request's own URL
  // may be an internal one behind a proxy).
  const currentUrl = new URL(pending.redirectUri);
  for (const [key, value] of request.nextUrl.searchParams) currentUrl.searchParams.append(key, value);
  let claims: client.IDToken;
  let source: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new BadRequestError(`${settings.name} sent no ID token. Start again.`);
    claims = idClaims;
    // Providers that follow the standard closely put the email in the UserInfo answer, not the ID token.
    source =
      text(claims.email) === undefined && configuration.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
        : claims;
  } catch (cause) {
    throw describeProtocolError(cause, settings.name);
  }
  const email = text(source.email);
  if (!email || !z.email().safeParse(email).success) {
    throw new ForbiddenError(`${settings.name} did not share an email address, which Redstring needs. Ask an admin.`);
  }
  const verified = source.email_verified;
  if (verified !== undefined && verified !== true && verified !== "true") {
    throw new ForbiddenError(`Your email address at ${settings.name} is not verified. Verify it there, then sign in again.`);
  }
  const fullName = [text(source.given_name), text(source.family_name)].filter(Boolean).join(" ");
  const name = text(claims.name) ?? text(source.name) ?? (fullName || undefined) ?? text(source.preferred_username) ?? email;
  return { subject: claims.sub, email, name: name.slice(0, 120) };
}

/**
 * GET /api/auth/oidc/callback: the provider's answer. Rate limited like password sign-in (per address,
 * under a key of its own); a success gives its attempt back. The session is opened as for a password.
 */
export async function finishOidcSignIn(request: NextRequest): Promise<NextResponse> {
  const base = baseUrlOf(request);
  let next = "/";
  try {
    const limitKey = `oidc|${clientAddress(request)}`;
    await takeToken(SIGN_IN_ADDRESS_LIMIT, limitKey);
    const settings = requireOidc();
    const pending = await readPending(request);
    next = safeNextPath(pending.next);
    const profile = await profileFrom(request, pending, settings);
    const issuer = (await configurationFor(settings)).serverMetadata().issuer;
    const user = await signInWithOidcIdentity(
      { identity: { issuer, subject: profile.subject }, email: profile.email, name: profile.name },
      settings.defaultRole,
    );
    if (user === "disabled") throw new ForbiddenError("This account is disabled. Ask an admin.");
    if (user === "linked-elsewhere") {
      throw new ForbiddenError(`The account for ${profile.email.toLowerCase()} signs in with another ${settings.name} identity. Ask an admin.`);
    }
    await refundToken(SIGN_IN_ADDRESS_LIMIT, limitKey);
    const response = NextResponse.redirect(new URL(next, base), 303);
    await setSessionCookie(response, request, user.id);
    clearStateCookie(response, request, base);
    return response;
  } catch (cause) {
    return failure(request, base, next, cause);
  }
}
