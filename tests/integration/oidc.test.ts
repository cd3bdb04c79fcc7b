/**
 * OpenID Connect sign-in through the real route handlers, against a real provider (oidc-provider on
 * 127.0.0.1) and the real Neo4j: start -> the provider's login and redirects -> callback -> the session
 * cookie, and every way it must refuse (unverified email, disabled account, a state that does not match,
 * an open redirect), always as a redirect to /signin with a message, never a 500.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as callbackRoute } from "@/app/api/auth/oidc/callback/route";
import { GET as startRoute } from "@/app/api/auth/oidc/start/route";
import { GET as meRoute } from "@/app/api/auth/me/route";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { OIDC_STATE_COOKIE } from "@/lib/auth/oidc";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { SIGN_IN_ADDRESS_LIMIT } from "@/lib/rate-limit";
import { CLIENT_ADDRESS_HEADER, removeTestRateLimits, testAddress } from "../support/addresses";
import { TEST_PASSWORD, createTestUser, removeTestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";
import { followProvider, startTestProvider, type TestProvider } from "../support/oidc-provider";

/** The app's address as the browser sees it; the handlers are called directly, nothing listens here. */
const APP = "http://127.0.0.1:3999";
const OIDC_ENV = ["REDSTRING_OIDC_ISSUER", "REDSTRING_OIDC_CLIENT_ID", "REDSTRING_OIDC_CLIENT_SECRET", "REDSTRING_OIDC_NAME", "REDSTRING_OIDC_DEFAULT_ROLE"];

let provider: TestProvider;
const prefix = `it-oidc-${randomBytes(4).toString("hex")}-`;
/** Each test signs in from its own address, so the per-address sign-in limit never mixes tests. */
let currentAddress = "";

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: [`${APP}/api/auth/oidc/callback`] });
  process.env.REDSTRING_OIDC_ISSUER = provider.issuer;
  process.env.REDSTRING_OIDC_CLIENT_ID = provider.clientId;
  process.env.REDSTRING_OIDC_CLIENT_SECRET = provider.clientSecret;
  process.env.REDSTRING_OIDC_NAME = "Newsroom SSO";
  delete process.env.REDSTRING_OIDC_DEFAULT_ROLE;
  forgetCachedConfig();
});

beforeEach(() => {
  currentAddress = testAddress();
});

afterAll(async () => {
  for (const name of OIDC_ENV) delete process.env[name];
  forgetCachedConfig();
  await provider?.close();
  await removeTestUsers(prefix);
  await removeTestRateLimits([prefix]);
  await closeDriver();
  await closeTestDriver();
});

function request(url: string, cookie?: string): NextRequest {
  // A browser always sends Host (NextRequest alone would call 127.0.0.1 "localhost").
  const headers: Record<string, string> = { host: new URL(APP).host, [CLIENT_ADDRESS_HEADER]: currentAddress };
  if (cookie) headers.cookie = cookie;
  return new NextRequest(url, { headers });
}

/** The value a response sets for a cookie ("" when it clears it), or undefined when it does not set it. */
function setCookie(response: Response, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    if (header.startsWith(`${name}=`)) return header.slice(name.length + 1).split(";")[0];
  }
  return undefined;
}

function location(response: Response): URL {
  const value = response.headers.get("location");
  if (!value) throw new Error(`no Location header (status ${response.status})`);
  return new URL(value, APP);
}

function account(name: string, extra: { email_verified?: boolean; email?: string } = {}) {
  const sub = `sub-${name}-${randomBytes(4).toString("hex")}`;
  provider.accounts.set(sub, { sub, email: extra.email ?? `${prefix}${name}@example.test`, name: `OIDC ${name}`, ...("email_verified" in extra ? { email_verified: extra.email_verified } : { email_verified: true }) });
  return sub;
}

interface Started {
  response: Response;
  stateCookie: string;
  authorization: URL;
}

async function start(next?: string): Promise<Started> {
  const url = new URL("/api/auth/oidc/start", APP);
  if (next !== undefined) url.searchParams.set("next", next);
  const response = await startRoute(request(url.href));
  expect(response.status).toBe(303);
  const stateCookie = setCookie(response, OIDC_STATE_COOKIE);
  expect(stateCookie).toBeTruthy();
  return { response, stateCookie: stateCookie ?? "", authorization: location(response) };
}

/** The whole browser round trip: start, log in at the provider as `sub`, come back to the callback. */
async function signIn(sub: string, next?: string): Promise<Response> {
  const started = await start(next);
  provider.loginAs(sub);
  const back = await followProvider(provider, started.authorization.href);
  expect(`${back.origin}${back.pathname}`).toBe(`${APP}/api/auth/oidc/callback`);
  return callbackRoute(request(back.href, `${OIDC_STATE_COOKIE}=${started.stateCookie}`));
}

function expectRefused(response: Response, message: RegExp): void {
  expect(response.status).toBe(303);
  const target = location(response);
  expect(target.pathname).toBe("/signin");
  expect(target.searchParams.get("error")).toMatch(message);
  expect(setCookie(response, SESSION_COOKIE)).toBeUndefined();
}

async function userNode(email: string) {
  const [row] = await cypher("MATCH (u:User {email: $email}) RETURN properties(u) AS u", { email: email.toLowerCase() });
  return row?.u as Record<string, unknown> | undefined;
}

async function whoIs(sessionCookie: string) {
  const response = await meRoute(request(`${APP}/api/auth/me`, `${SESSION_COOKIE}=${sessionCookie}`));
  return ((await response.json()) as { user: { id: string; email: string; role: string; name: string } | null }).user;
}

describe("OpenID Connect sign-in", () => {
  it("goes to the provider with PKCE, state and nonce, keeping them in a sealed, short-lived cookie", async () => {
    const { response, authorization, stateCookie } = await start("/queries");
    expect(authorization.origin).toBe(provider.issuer);
    const params = authorization.searchParams;
    expect(params.get("client_id")).toBe(provider.clientId);
    expect(params.get("response_type")).toBe("code");
    expect(params.get("redirect_uri")).toBe(`${APP}/api/auth/oidc/callback`);
    expect(params.get("scope")).toBe("openid email profile");
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(params.get("state")).toBeTruthy();
    expect(params.get("nonce")).toBeTruthy();
    // Sealed: none of the secrets can be read from the cookie.
    expect(stateCookie).not.toContain(params.get("state"));
    const header = response.headers.getSetCookie().find((value) => value.startsWith(`${OIDC_STATE_COOKIE}=`)) ?? "";
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=lax/i);
    expect(header).toMatch(/Path=\/api\/auth\/oidc/);
    expect(header).toMatch(/Max-Age=600/);
  });

  it("creates a viewer with no password on the first sign-in, sets the session and goes to `next`", async () => {
    const sub = account("newcomer");
    const response = await signIn(sub, "/queries?tag=money");
    expect(response.status).toBe(303);
    expect(location(response).href).toBe(`${APP}/queries?tag=money`);
    expect(setCookie(response, OIDC_STATE_COOKIE)).toBe("");
    const session = setCookie(response, SESSION_COOKIE);
    expect(session).toBeTruthy();

    const me = await whoIs(session ?? "");
    expect(me).toMatchObject({ email: `${prefix}newcomer@example.test`, name: "OIDC newcomer", role: "viewer" });
    const node = await userNode(`${prefix}newcomer@example.test`);
    expect(node).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: sub, role: "viewer" });
    expect(node?.passwordHash).toBeUndefined();

    // No password: password sign-in says how this account signs in instead.
    const passwordAttempt = await signInRoute(
      new NextRequest(`${APP}/api/auth/signin`, {
        method: "POST",
        headers: { "content-type": "application/json", host: new URL(APP).host, origin: APP, [CLIENT_ADDRESS_HEADER]: currentAddress },
        body: JSON.stringify({ email: `${prefix}newcomer@example.test`, password: "anything at all" }),
      }),
    );
    expect(passwordAttempt.status).toBe(401);
    expect(((await passwordAttempt.json()) as { error: string }).error).toMatch(/no password: it signs in with Newsroom SSO/);
  });

  it("finds the account by issuer and subject first, even after the email changed at the provider", async () => {
    const sub = account("mover");
    const first = await whoIs(setCookie(await signIn(sub), SESSION_COOKIE) ?? "");
    const moved = provider.accounts.get(sub);
    if (moved) moved.email = `${prefix}mover-new@example.test`;
    const second = await whoIs(setCookie(await signIn(sub), SESSION_COOKIE) ?? "");
    expect(second?.id).toBe(first?.id);
    expect(await userNode(`${prefix}mover-new@example.test`)).toBeUndefined();
  });

  it("signs an existing password account in by its verified email, keeping its role, and links the identity", async () => {
    const existing = await createTestUser(prefix, "analyst", { suffix: "existing" });
    const sub = account("existing", { email: existing.email.toUpperCase() });
    const me = await whoIs(setCookie(await signIn(sub), SESSION_COOKIE) ?? "");
    expect(me).toMatchObject({ id: existing.id, role: "analyst" });
    expect(await userNode(existing.email)).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: sub });

    // Another identity with the same email cannot take the account over.
    const impostor = account("impostor", { email: existing.email });
    expectRefused(await signIn(impostor), /signs in with another Newsroom SSO identity/);
  });

  it("refuses an email the provider says is not verified", async () => {
    const sub = account("unverified", { email_verified: false });
    expectRefused(await signIn(sub), /not verified/);
    expect(await userNode(`${prefix}unverified@example.test`)).toBeUndefined();
  });

  it("accepts an email when the provider says nothing about verification", async () => {
    const sub = account("silent", { email_verified: undefined });
    expect(setCookie(await signIn(sub), SESSION_COOKIE)).toBeTruthy();
  });

  it("refuses a disabled account", async () => {
    const disabled = await createTestUser(prefix, "editor", { disabled: true, suffix: "disabled" });
    const sub = account("disabled", { email: disabled.email });
    expectRefused(await signIn(sub), /disabled/);
  });

  it("refuses a callback whose state does not match, or that has no state cookie, without a 500", async () => {
    const sub = account("forger");
    const started = await start("/queries");
    provider.loginAs(sub);
    const back = await followProvider(provider, started.authorization.href);

    const forged = new URL(back);
    forged.searchParams.set("state", "not-the-state-we-sent");
    const refused = await callbackRoute(request(forged.href, `${OIDC_STATE_COOKIE}=${started.stateCookie}`));
    expectRefused(refused, /did not check out/);
    expect(location(refused).searchParams.get("next")).toBe("/queries");
    expect(setCookie(refused, OIDC_STATE_COOKIE)).toBe("");

    expectRefused(await callbackRoute(request(back.href)), /not started in this browser/);
    expectRefused(await callbackRoute(request(back.href, `${OIDC_STATE_COOKIE}=garbage`)), /not started in this browser/);
  });

  it("shows the provider's refusal (the person cancelled) as a message", async () => {
    const started = await start();
    const back = new URL("/api/auth/oidc/callback", APP);
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("state", started.authorization.searchParams.get("state") ?? "");
    back.searchParams.set("iss", provider.issuer);
    expectRefused(await callbackRoute(request(back.href, `${OIDC_STATE_COOKIE}=${started.stateCookie}`)), /did not sign you in \(access denied\)/);
  });

  it("ignores a `next` that leads to another site", async () => {
    const sub = account("wanderer");
    for (const next of ["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const response = await signIn(sub, next);
      expect(setCookie(response, SESSION_COOKIE)).toBeTruthy();
      expect(location(response).href).toBe(`${APP}/`);
    }
  });

  it("counts callbacks against the sign-in limit per address", async () => {
    const back = `${APP}/api/auth/oidc/callback?code=x&state=y`;
    for (let attempt = 0; attempt < SIGN_IN_ADDRESS_LIMIT.max; attempt += 1) expectRefused(await callbackRoute(request(back)), /not started in this browser/);
    expectRefused(await callbackRoute(request(back)), /Too many sign-in attempts/);
  });

  it("gives new accounts REDSTRING_OIDC_DEFAULT_ROLE", async () => {
    process.env.REDSTRING_OIDC_DEFAULT_ROLE = "editor";
    forgetCachedConfig();
    try {
      const me = await whoIs(setCookie(await signIn(account("reporter")), SESSION_COOKIE) ?? "");
      expect(me?.role).toBe("editor");
    } finally {
      delete process.env.REDSTRING_OIDC_DEFAULT_ROLE;
      forgetCachedConfig();
    }
  });

  it("answers with a message when single sign-on is not set up", async () => {
    delete process.env.REDSTRING_OIDC_ISSUER;
    delete process.env.REDSTRING_OIDC_CLIENT_ID;
    delete process.env.REDSTRING_OIDC_CLIENT_SECRET;
    forgetCachedConfig();
    try {
      const response = await startRoute(request(`${APP}/api/auth/oidc/start`));
      expectRefused(response, /not set up/);
    } finally {
      process.env.REDSTRING_OIDC_ISSUER = provider.issuer;
      process.env.REDSTRING_OIDC_CLIENT_ID = provider.clientId;
      process.env.REDSTRING_OIDC_CLIENT_SECRET = provider.clientSecret;
      forgetCachedConfig();
    }
  });
});

it("password sign-in still works for the accounts it made (TEST_PASSWORD)", async () => {
  const user = await createTestUser(prefix, "viewer", { suffix: "password" });
  const response = await signInRoute(
    new NextRequest(`${APP}/api/auth/signin`, {
      method: "POST",
      headers: { "content-type": "application/json", host: new URL(APP).host, origin: APP, [CLIENT_ADDRESS_HEADER]: testAddress() },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    }),
  );
  expect(response.status).toBe(200);
});
