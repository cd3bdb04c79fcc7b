/**
 * The cross-site guard of every write (lib/http.ts assertSameOrigin), through real route handlers: a
 * write is accepted only with an Origin of this instance's scheme, host and port, or with no Origin but
 * Sec-Fetch-Site: same-origin. Draft runs (POST /api/run-query, any analyst) and sign-in (signed out)
 * stand for the two kinds of write route: writerFrom() and a route that calls the check itself.
 */
import { NextRequest } from "next/server";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { POST as graphRoute } from "@/app/api/graph/route";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { closeDriver } from "@/lib/db/driver";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver } from "../support/neo4j";
import { TEST_BASE } from "../support/requests";

let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("origin");
});

afterAll(async () => {
  delete process.env.REDSTRING_PUBLIC_URL;
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

afterEach(() => {
  delete process.env.REDSTRING_PUBLIC_URL;
});

/** A draft run as an analyst's browser sends it (Host always; the other headers per case). */
async function draftRun(headers: Record<string, string>) {
  const response = await runDraftRoute(
    new NextRequest(new URL("/api/run-query", TEST_BASE), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: users.analyst.cookie, host: "127.0.0.1", ...headers },
      body: JSON.stringify({ cypher: "RETURN 1 AS one" }),
    }),
  );
  return { status: response.status, body: (await response.json()) as { error?: string; result?: { rows: unknown[][] } } };
}

describe("a write is refused (403, with the reason) when", () => {
  it.each([
    ["another site's page sent it", { origin: "https://evil.example" }, /another site \(https:\/\/evil\.example\)/],
    ["the scheme differs", { origin: "https://127.0.0.1" }, /another site \(https:\/\/127\.0\.0\.1\)/],
    ["the port differs", { origin: "http://127.0.0.1:8080" }, /another site \(http:\/\/127\.0\.0\.1:8080\)/],
    ["the host differs only by a suffix", { origin: "http://127.0.0.1.evil.example" }, /another site/],
    ["the Origin is opaque (a sandboxed frame, a data: URL)", { origin: "null" }, /does not recognise/],
    ["it carries neither Origin nor Sec-Fetch-Site", {}, /does not say which site sent it.*Origin: http:\/\/127\.0\.0\.1/],
    ["Sec-Fetch-Site says cross-site and there is no Origin", { "sec-fetch-site": "cross-site" }, /does not say which site/],
    ["Sec-Fetch-Site says same-site (a sibling subdomain) and there is no Origin", { "sec-fetch-site": "same-site" }, /does not say which site/],
  ])("%s", async (_name, headers, message) => {
    const { status, body } = await draftRun(headers);
    expect(status).toBe(403);
    expect(body.error).toMatch(message);
    expect(body.result).toBeUndefined();
  });

  it("a matching Origin is not enough once REDSTRING_PUBLIC_URL names another address", async () => {
    process.env.REDSTRING_PUBLIC_URL = "https://graph.example.org";
    const { status, body } = await draftRun({ origin: TEST_BASE });
    expect(status).toBe(403);
    expect(body.error).toMatch(/not from https:\/\/graph\.example\.org/);
  });

  it("sign-in is refused from another site too (no login CSRF)", async () => {
    const response = await signInRoute(
      new NextRequest(new URL("/api/auth/signin", TEST_BASE), {
        method: "POST",
        headers: { "content-type": "application/json", host: "127.0.0.1", origin: "https://evil.example", "x-forwarded-for": "198.51.100.77" },
        body: JSON.stringify({ email: users.viewer.email, password: "whatever it is" }),
      }),
    );
    expect(response.status).toBe(403);
  });
});

describe("a write is accepted when", () => {
  it("its Origin is this instance's own", async () => {
    const { status, body } = await draftRun({ origin: TEST_BASE });
    expect(status).toBe(200);
    expect(body.result?.rows).toEqual([[1]]);
  });

  it("it has no Origin but Sec-Fetch-Site: same-origin", async () => {
    expect((await draftRun({ "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("the Origin matches the Host header's port, and the default port is the same as none", async () => {
    expect((await draftRun({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).status).toBe(200);
    expect((await draftRun({ host: "127.0.0.1:3000", origin: TEST_BASE })).status).toBe(403);
    expect((await draftRun({ origin: "http://127.0.0.1:80" })).status).toBe(200);
  });

  it("a proxy says the browser used https (X-Forwarded-Proto) and the Origin is https", async () => {
    expect((await draftRun({ "x-forwarded-proto": "https", origin: "https://127.0.0.1" })).status).toBe(200);
    expect((await draftRun({ "x-forwarded-proto": "https", origin: TEST_BASE })).status).toBe(403);
  });

  it("the Origin is REDSTRING_PUBLIC_URL's, whatever the Host header says", async () => {
    process.env.REDSTRING_PUBLIC_URL = "https://graph.example.org/";
    expect((await draftRun({ host: "10.0.0.5:3000", origin: "https://graph.example.org" })).status).toBe(200);
  });
});

describe("the reads that take their input in a POST body are checked like writes", () => {
  /** A big view's read (POST /api/graph, a workspace's ids in the body) with the given Origin. */
  async function bigViewRead(origin: string) {
    const response = await graphRoute(
      new NextRequest(new URL("/api/graph", TEST_BASE), {
        method: "POST",
        headers: { "content-type": "application/json", cookie: users.viewer.cookie, host: "127.0.0.1", origin },
        body: JSON.stringify({ ids: ["origin-check-no-such-entity"] }),
      }),
    );
    return { status: response.status, body: (await response.json()) as { error?: string; nodes?: unknown[] } };
  }

  it("refuses POST /api/graph sent by another site's page, and answers the instance's own", async () => {
    const refused = await bigViewRead("https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/another site \(https:\/\/evil\.example\)/);
    const own = await bigViewRead(TEST_BASE);
    expect(own.status).toBe(200);
    expect(own.body.nodes).toEqual([]);
  });
});
