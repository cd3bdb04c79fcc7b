/**
 * Component tests talk to a stubbed `fetch` (the browser side of the API); the server side is covered by
 * integration tests against the real database.
 */
import { afterEach, vi } from "vitest";

export function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** Replaces global fetch for the current test; `respond` receives the requested URL. */
export function stubFetch(respond: (url: URL) => Response | Promise<Response>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => respond(new URL(String(input), "http://localhost")));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});
