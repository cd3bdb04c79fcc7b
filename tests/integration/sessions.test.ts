/**
 * Sessions that end, through the real route handlers and the real Neo4j: a session is a record, and the
 * cookie only names it, so deleting the record signs out every copy of the cookie.
 */
import { randomBytes } from "node:crypto";
import { sealData } from "iron-session";
import { NextRequest } from "next/server";
import { DELETE as endSessionsRoute } from "@/app/api/admin/users/[id]/sessions/route";
import { PATCH as patchUserRoute } from "@/app/api/admin/users/[id]/route";
import { GET as meRoute } from "@/app/api/auth/me/route";
import { POST as passwordRoute } from "@/app/api/auth/password/route";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { POST as signOutRoute } from "@/app/api/auth/signout/route";
import { SESSION_COOKIE, sessionSecret } from "@/lib/auth/session";
import { closeDriver } from "@/lib/db/driver";
import { CLIENT_ADDRESS_HEADER, removeTestRateLimits, testAddress } from "../support/addresses";
import { TEST_PASSWORD, createTestUser, createTestUsers, removeTestUsers, signedInCookie, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";

const APP = "http://127.0.0.1";
let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("sessions");
});

afterAll(async () => {
  await removeTestRateLimits([users.prefix]);
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

function post(path: string, cookie: string | null, body?: unknown, method = "POST"): NextRequest {
  const headers: Record<string, string> = { "content-type": "application/json", origin: APP, host: "127.0.0.1", [CLIENT_ADDRESS_HEADER]: testAddress() };
  if (cookie) headers.cookie = cookie;
  return new NextRequest(`${APP}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** Who the server says a cookie belongs to (null: signed out). */
async function whoIs(cookie: string): Promise<string | null> {
  const response = await meRoute(new NextRequest(`${APP}/api/auth/me`, { headers: { cookie } }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { user: { email: string } | null }).user?.email ?? null;
}

async function signIn(email: string, password = TEST_PASSWORD): Promise<{ status: number; cookie: string }> {
  const response = await signInRoute(post("/api/auth/signin", null, { email, password }));
  const header = response.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`));
  return { status: response.status, cookie: header?.split(";")[0] ?? "" };
}

async function sessionCount(userId: string): Promise<number> {
  const [row] = await cypher("MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session) RETURN count(s) AS n", { userId });
  return Number(row?.n ?? 0);
}

it("signs in with a session record whose id only the sealed cookie holds", async () => {
  const user = await createTestUser(users.prefix, "viewer", { suffix: "record" });
  const before = await sessionCount(user.id);
  const { status, cookie } = await signIn(user.email);
  expect(status).toBe(200);
  expect(await sessionCount(user.id)).toBe(before + 1);
  const [row] = await cypher(
    "MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session) RETURN s.id AS id, s.expiresAt > datetime() AS live, s.userAgent AS agent ORDER BY s.createdAt DESC LIMIT 1",
    { userId: user.id },
  );
  expect(row?.live).toBe(true);
  expect(String(row?.id)).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits
  expect(decodeURIComponent(cookie)).not.toContain(String(row?.id));
  expect(await whoIs(cookie)).toBe(user.email);
});

it("stops a copied cookie from working once its browser signs out", async () => {
  const user = await createTestUser(users.prefix, "editor", { suffix: "copied" });
  const { cookie } = await signIn(user.email);
  const copy = cookie;
  expect(await whoIs(copy)).toBe(user.email);
  const out = await signOutRoute(post("/api/auth/signout", cookie));
  expect(out.status).toBe(200);
  expect(await whoIs(copy)).toBeNull();
  // Another browser of the same user is not affected.
  const other = await signedInCookie(user.id);
  expect(await whoIs(other)).toBe(user.email);
});

it("deletes an account's sessions when it is disabled, so enabling it again does not revive old cookies", async () => {
  const user = await createTestUser(users.prefix, "analyst", { suffix: "revived" });
  const old = user.cookie;
  expect(await whoIs(old)).toBe(user.email);
  expect((await patchUserRoute(post(`/api/admin/users/${user.id}`, users.admin.cookie, { disabled: true }, "PATCH"), params(user.id))).status).toBe(200);
  expect(await sessionCount(user.id)).toBe(0);
  expect((await patchUserRoute(post(`/api/admin/users/${user.id}`, users.admin.cookie, { disabled: false }, "PATCH"), params(user.id))).status).toBe(200);
  expect(await whoIs(old)).toBeNull();
  const again = await signIn(user.email);
  expect(again.status).toBe(200);
  expect(await whoIs(again.cookie)).toBe(user.email);
});

it("lets an admin end all of a user's sessions, and nobody else", async () => {
  const user = await createTestUser(users.prefix, "editor", { suffix: "ended" });
  const cookies = [user.cookie, await signedInCookie(user.id), (await signIn(user.email)).cookie];
  for (const cookie of cookies) expect(await whoIs(cookie)).toBe(user.email);
  const first = user.cookie;

  const byEditor = await endSessionsRoute(post(`/api/admin/users/${user.id}/sessions`, users.editor.cookie, undefined, "DELETE"), params(user.id));
  expect(byEditor.status).toBe(403);
  const signedOut = await endSessionsRoute(post(`/api/admin/users/${user.id}/sessions`, null, undefined, "DELETE"), params(user.id));
  expect(signedOut.status).toBe(401);
  expect(await whoIs(first)).toBe(user.email);

  const ended = await endSessionsRoute(post(`/api/admin/users/${user.id}/sessions`, users.admin.cookie, undefined, "DELETE"), params(user.id));
  expect(ended.status).toBe(200);
  expect(await ended.json()).toEqual({ ended: cookies.length });
  for (const cookie of cookies) expect(await whoIs(cookie)).toBeNull();
  // The admin's own session is untouched.
  expect(await whoIs(users.admin.cookie)).toBe(users.admin.email);

  const unknown = "A".repeat(16);
  expect((await endSessionsRoute(post(`/api/admin/users/${unknown}/sessions`, users.admin.cookie, undefined, "DELETE"), params(unknown))).status).toBe(404);
  expect((await endSessionsRoute(post("/api/admin/users/x/sessions", users.admin.cookie, undefined, "DELETE"), params("x"))).status).toBe(400);
});

it("changes a password with the current one, ending the other sessions and keeping this one", async () => {
  const user = await createTestUser(users.prefix, "viewer", { suffix: "changer" });
  const here = user.cookie;
  const elsewhere = await signedInCookie(user.id);
  const newPassword = `new password ${randomBytes(4).toString("hex")}`;

  const wrong = await passwordRoute(post("/api/auth/password", here, { currentPassword: "not my password", newPassword }));
  expect(wrong.status).toBe(400);
  expect(((await wrong.json()) as { error: string }).error).toBe("The current password is wrong.");
  const short = await passwordRoute(post("/api/auth/password", here, { currentPassword: TEST_PASSWORD, newPassword: "short" }));
  expect(short.status).toBe(400);
  expect(((await short.json()) as { error: string }).error).toMatch(/at least 12 characters/);
  expect((await passwordRoute(post("/api/auth/password", null, { currentPassword: TEST_PASSWORD, newPassword }))).status).toBe(401);
  expect(await whoIs(elsewhere)).toBe(user.email);

  const changed = await passwordRoute(post("/api/auth/password", here, { currentPassword: TEST_PASSWORD, newPassword }));
  expect(changed.status).toBe(200);
  expect(await changed.json()).toEqual({ endedOtherSessions: 1 });
  expect(await whoIs(here)).toBe(user.email);
  expect(await whoIs(elsewhere)).toBeNull();
  expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(401);
  expect((await signIn(user.email, newPassword)).status).toBe(200);
});

it("refuses an expired session record, and a cookie from before sessions were records", async () => {
  const user = await createTestUser(users.prefix, "viewer", { suffix: "expired" });
  expect(await whoIs(user.cookie)).toBe(user.email);
  await cypher("MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session) SET s.expiresAt = datetime() - duration('PT1S')", { userId: user.id });
  expect(await whoIs(user.cookie)).toBeNull();

  // The old cookie named the user directly: sealed with the right secret, it still opens nothing now.
  const oldStyle = await sealData({ userId: user.id, issuedAt: Date.now() }, { password: sessionSecret(), ttl: 3600 });
  expect(await whoIs(`${SESSION_COOKIE}=${oldStyle}`)).toBeNull();
});
