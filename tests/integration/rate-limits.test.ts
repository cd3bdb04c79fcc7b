/**
 * Rate limits that hold, through the real route handlers and the real Neo4j.
 *
 * The sign-in requests go over real sockets to a Node server that does what scripts/server.mjs does
 * (applyClientAddress, from scripts/lib/client-address.mjs) before handing them to the sign-in route, so the
 * address the limit counts is the one the socket says. Each run connects from loopback addresses of its own
 * (Linux answers on all of 127/8), so its counters never meet another run's; they are deleted afterwards.
 */
import { randomBytes, randomInt } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { PATCH as patchUserRoute } from "@/app/api/admin/users/[id]/route";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { POST as runSavedRoute } from "@/app/api/queries/[id]/run/route";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { createQuery } from "@/lib/queries/store";
import { SIGNED_OUT_RUN_LIMIT, SIGN_IN_ACCOUNT_LIMIT, SIGN_IN_ADDRESS_LIMIT, WRITE_LIMIT, counterKey } from "@/lib/rate-limit";
import { applyClientAddress, parseTrustedProxies, type TrustedProxies } from "@/scripts/lib/client-address.mjs";
import { CLIENT_ADDRESS_HEADER, removeTestRateLimits, testAddress } from "../support/addresses";
import { TEST_PASSWORD, createTestUser, createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const APP = "http://127.0.0.1";
let users: TestUsers;
let server: Server;
let port = 0;
let trusted: TrustedProxies = parseTrustedProxies("");
/** This run's loopback addresses: 127.<random>.<random>.<n>. */
const loopbackPrefix = `127.${randomInt(1, 255)}.${randomInt(1, 255)}.`;
let nextLoopback = 0;
const usedLoopbacks: string[] = [];
const title = `rate-limits ${randomBytes(4).toString("hex")}`;

function newLoopback(): string {
  nextLoopback += 1;
  const address = `${loopbackPrefix}${nextLoopback}`;
  usedLoopbacks.push(address);
  return address;
}

async function bodyOf(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  users = await createTestUsers("limits");
  server = createServer((incoming, outgoing) => {
    applyClientAddress(incoming, trusted);
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await signInRoute(new NextRequest(`${APP}${incoming.url ?? "/"}`, { method: incoming.method, headers, body: await bodyOf(incoming) }));
      outgoing.writeHead(response.status, { "content-type": "application/json" });
      outgoing.end(await response.text());
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.close();
  delete process.env.REDSTRING_PUBLIC_READ;
  forgetCachedConfig();
  await cypher("MATCH (q:SavedQuery) WHERE q.title = $title OPTIONAL MATCH (q)-[:HAS_VERSION]->(v) DETACH DELETE q, v", { title });
  await removeTestRateLimits([loopbackPrefix, users.prefix]);
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

interface Answer {
  status: number;
  error?: string;
}

/** One sign-in over a socket from `from` (a loopback address), with whatever extra headers a client sends. */
function signInOverSocket(from: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: "127.0.0.1", port, localAddress: from, method: "POST", path: "/api/auth/signin", headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}`, ...headers } },
      (incoming) => {
        void bodyOf(incoming).then((text) => resolve({ status: incoming.statusCode ?? 0, ...(JSON.parse(text) as { error?: string }) }), reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The same, straight to the route handler, from the address scripts/server.mjs would have set. */
async function signInFrom(address: string, email: string, password: string): Promise<Answer> {
  const response = await signInRoute(
    new NextRequest(`${APP}/api/auth/signin`, {
      method: "POST",
      headers: { ...SAME_ORIGIN, "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address },
      body: JSON.stringify({ email, password }),
    }),
  );
  return { status: response.status, ...((await response.json()) as { error?: string }) };
}

const stranger = () => `${users.prefix}nobody-${randomBytes(3).toString("hex")}@example.test`;
const rotatingForwardedFor = (attempt: number) => ({ "x-forwarded-for": `198.51.100.${attempt % 250}`, "x-real-ip": `203.0.113.${attempt % 250}` });

async function counter(key: string): Promise<{ count: number; expiresAt: number } | undefined> {
  const [row] = await cypher("MATCH (r:RateLimit {key: $key}) RETURN r.count AS count, r.expiresAt AS expiresAt", { key });
  return row ? { count: Number(row.count), expiresAt: Number(row.expiresAt) } : undefined;
}

describe("sign-in", () => {
  it("counts an untrusted peer by its socket: a new X-Forwarded-For with every attempt does not escape the limit", async () => {
    trusted = parseTrustedProxies("");
    const peer = newLoopback();
    for (let attempt = 0; attempt < SIGN_IN_ADDRESS_LIMIT.max; attempt += 1) {
      // A different (unknown) account each time, so only the per-address limit can stop this.
      expect((await signInOverSocket(peer, stranger(), "a wrong guess", rotatingForwardedFor(attempt))).status).toBe(401);
    }
    const refused = await signInOverSocket(peer, users.viewer.email, TEST_PASSWORD, rotatingForwardedFor(SIGN_IN_ADDRESS_LIMIT.max));
    expect(refused.status).toBe(429);
    expect(refused.error).toMatch(/^Too many sign-in attempts from your network\. Wait \d+ minutes? and try again\.$/);
    // Another machine is not held back.
    expect((await signInOverSocket(newLoopback(), users.viewer.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("behind a trusted proxy counts each real client, and a client's own X-Forwarded-For entries do not help it", async () => {
    const proxy = newLoopback();
    trusted = parseTrustedProxies(proxy);
    const [clientA, clientB] = [testAddress(), testAddress()];
    // What a proxy sends: whatever the client claimed, then the address the proxy saw.
    const through = (client: string, claimed: string) => ({ "x-forwarded-for": `${claimed}, ${client}` });
    for (let attempt = 0; attempt < SIGN_IN_ADDRESS_LIMIT.max; attempt += 1) {
      expect((await signInOverSocket(proxy, stranger(), "a wrong guess", through(clientA, `198.51.100.${attempt}`))).status).toBe(401);
    }
    expect((await signInOverSocket(proxy, stranger(), "a wrong guess", through(clientA, "198.51.100.251"))).status).toBe(429);
    expect((await counter(counterKey(SIGN_IN_ADDRESS_LIMIT, clientA)))?.count).toBe(SIGN_IN_ADDRESS_LIMIT.max + 1);
    // The proxy itself was never counted as the client, and client B, behind the same proxy, signs in.
    expect(await counter(counterKey(SIGN_IN_ADDRESS_LIMIT, proxy))).toBeUndefined();
    expect((await signInOverSocket(proxy, users.viewer.email, TEST_PASSWORD, through(clientB, clientA))).status).toBe(200);
    trusted = parseTrustedProxies("");
  });

  it("limits one account across addresses, and only failures count", async () => {
    const account = await createTestUser(users.prefix, "editor", { suffix: "target" });
    // A right password in between gives its attempt back: the owner is never the one locking themselves out.
    expect((await signInFrom(testAddress(), account.email, TEST_PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < SIGN_IN_ACCOUNT_LIMIT.max; attempt += 1) {
      expect((await signInFrom(testAddress(), account.email.toUpperCase(), `guess ${attempt}`)).status).toBe(401);
    }
    expect((await counter(counterKey(SIGN_IN_ACCOUNT_LIMIT, account.email)))?.count).toBe(SIGN_IN_ACCOUNT_LIMIT.max);
    const refused = await signInFrom(testAddress(), account.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.error).toMatch(/^Too many sign-in attempts for this account\. Wait \d+ minutes? and try again\.$/);
  });

  it("keeps its counters in Neo4j: a fresh copy of the app's modules, with a new driver, still refuses", async () => {
    const address = testAddress();
    for (let attempt = 0; attempt < SIGN_IN_ADDRESS_LIMIT.max; attempt += 1) expect((await signInFrom(address, stranger(), "wrong")).status).toBe(401);
    const stored = await counter(counterKey(SIGN_IN_ADDRESS_LIMIT, address));
    expect(stored?.count).toBe(SIGN_IN_ADDRESS_LIMIT.max);
    const [clock] = await cypher("RETURN timestamp() AS now");
    expect(stored?.expiresAt).toBeGreaterThan(Number(clock?.now));

    // What a restart (or another replica) starts with: no module state, no driver, no memory of the attempts.
    await closeDriver();
    vi.resetModules();
    const fresh = await import("@/app/api/auth/signin/route");
    const response = await fresh.POST(
      new NextRequest(`${APP}/api/auth/signin`, {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address },
        body: JSON.stringify({ email: users.viewer.email, password: TEST_PASSWORD }),
      }),
    );
    expect(response.status).toBe(429);
    await (await import("@/lib/db/driver")).closeDriver();
  });
});

describe("writes and signed-out runs", () => {
  it("answers 429 with the wait once a user's writes pass the write limit", async () => {
    const patch = () =>
      patchUserRoute(
        new NextRequest(`${APP}/api/admin/users/${users.admin.id}`, {
          method: "PATCH",
          headers: { ...SAME_ORIGIN, "content-type": "application/json", cookie: users.viewer.cookie },
          body: JSON.stringify({ role: "admin" }),
        }),
        { params: Promise.resolve({ id: users.admin.id }) },
      );
    // A viewer's attempt is counted and then refused by the permission check (403): cheap to repeat.
    for (let attempt = 0; attempt < WRITE_LIMIT.max; attempt += 1) expect((await patch()).status).toBe(403);
    const refused = await patch();
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: string; details: { retryAfterSeconds: number } };
    expect(body.error).toMatch(/^Too many changes in a short time\. Wait \d+ seconds? and try again\.$/);
    expect(body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(body.details.retryAfterSeconds).toBeLessThanOrEqual(WRITE_LIMIT.windowMs / 1000);
  });

  it("limits signed-out runs of a saved query per address, and not a signed-in reader's", async () => {
    process.env.REDSTRING_PUBLIC_READ = "true";
    forgetCachedConfig();
    const query = await createQuery(users.analyst.actor, { title, description: "", cypher: "MATCH (n:Entity) RETURN n.name AS name LIMIT 1", parameters: [], tags: [] });
    const address = testAddress();
    const run = (headers: Record<string, string>) =>
      runSavedRoute(
        new NextRequest(`${APP}/api/queries/${query.id}/run`, { method: "POST", headers: { ...SAME_ORIGIN, "content-type": "application/json", ...headers }, body: JSON.stringify({ values: {} }) }),
        { params: Promise.resolve({ id: query.id }) },
      );
    for (let attempt = 0; attempt < SIGNED_OUT_RUN_LIMIT.max; attempt += 1) expect((await run({ [CLIENT_ADDRESS_HEADER]: address })).status).toBe(200);
    const refused = await run({ [CLIENT_ADDRESS_HEADER]: address });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^Too many query runs from your network\. Wait \d+ seconds? and try again\.$/);
    // The same address signed in runs on; another address signed out too.
    expect((await run({ [CLIENT_ADDRESS_HEADER]: address, cookie: users.viewer.cookie })).status).toBe(200);
    expect((await run({ [CLIENT_ADDRESS_HEADER]: testAddress() })).status).toBe(200);
  });
});
