/**
 * Request bodies are bounded on the stream: through the real route handlers, a chunked body with no
 * Content-Length that runs past its route's limit is answered 413 with a message, and the handler stops
 * pulling from the stream soon after the limit (the bytes pulled are counted), instead of buffering it.
 */
import { NextRequest } from "next/server";
import { POST as entitiesRoute } from "@/app/api/entities/route";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { closeDriver } from "@/lib/db/driver";
import { BODY_LIMITS } from "@/lib/request-body";
import { TEST_PASSWORD, createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("bodies");
const base = "http://127.0.0.1";
/** A request whose body is a stream ("half" duplex, which Node requires for one). */
type StreamingInit = NonNullable<ConstructorParameters<typeof NextRequest>[1]> & { duplex: "half" };
const CHUNK = 64 * 1024;
let editor: TestUser;

beforeAll(async () => {
  editor = await createTestUser(prefix, "editor");
});

afterAll(async () => {
  await removeTestUsers(prefix);
  await closeDriver();
  await closeTestDriver();
});

/**
 * A body that would be `total` bytes (a JSON string that never ends), produced on demand, with no
 * Content-Length: `pulled` says how much the server asked for.
 */
function endlessBody(total: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        const chunk = new Uint8Array(CHUNK).fill(0x61);
        if (counter.pulled === 0) chunk.set(new TextEncoder().encode('{"email":"'));
        counter.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

function chunkedPost(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new NextRequest(`${base}${path}`, { method: "POST", body, duplex: "half", headers: { ...SAME_ORIGIN, "content-type": "application/json", ...headers } } as StreamingInit);
}

it.each([
  ["sign-in", "/api/auth/signin", BODY_LIMITS.credentials, () => ({}), signInRoute],
  ["creating an entity", "/api/entities", BODY_LIMITS.form, () => ({ cookie: editor.cookie }), entitiesRoute],
])("cuts a chunked %s body without Content-Length at its limit: 413, and the rest is never pulled", async (_name, path, limit, headers, route) => {
  const planned = 192 * 1024 ** 2;
  const { stream, counter } = endlessBody(planned);
  const request = chunkedPost(path, stream, headers());
  expect(request.headers.get("content-length")).toBeNull();
  const response = await route(request);
  expect(response.status).toBe(413);
  const body = (await response.json()) as { error: string };
  expect(body.error).toMatch(/larger than \d+ kB/);
  // Read up to the limit, then stopped: at most the limit plus the chunk that crossed it and one the
  // stream may have queued meanwhile; nowhere near the 192 MB on offer.
  expect(counter.pulled).toBeGreaterThan(limit);
  expect(counter.pulled).toBeLessThanOrEqual(limit + 2 * CHUNK);
});

it("refuses a declared Content-Length over the limit before reading a byte", async () => {
  const { stream, counter } = endlessBody(1024 ** 2);
  const request = chunkedPost("/api/auth/signin", stream, { "content-length": String(BODY_LIMITS.credentials + 1) });
  const response = await signInRoute(request);
  expect(response.status).toBe(413);
  expect(counter.pulled).toBe(0);
});

it("reads a chunked body under the limit as usual", async () => {
  const text = JSON.stringify({ email: editor.email, password: TEST_PASSWORD });
  const bytes = new TextEncoder().encode(text);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      // A few bytes at a time: the body arrives in many pieces and must be put back together.
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(sent, sent + 7));
      sent += 7;
    },
  });
  const response = await signInRoute(chunkedPost("/api/auth/signin", stream));
  expect(response.status).toBe(200);
});

it("still answers 400 for a body under the limit that is not JSON", async () => {
  const response = await signInRoute(new NextRequest(`${base}/api/auth/signin`, { method: "POST", body: "{not json", headers: { ...SAME_ORIGIN, "content-type": "application/json" } }));
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/not valid JSON/);
});
