/**
 * The network of component tests, mocked at the HTTP level with MSW (Mock Service Worker): components call
 * the real `fetch`, their requests are real Request objects (method, headers, serialized body), and one
 * shared MSW server answers them here instead of the app's API. The server side of the same API is covered
 * by integration tests against the real database.
 *
 * The component setup file (tests/support/component-setup.ts) starts the server once and removes each
 * test's handlers after it; a request no handler answers fails the test.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { vi } from "vitest";

export const server = setupServer();

export function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** What a request carried, as the component sent it: method, headers (lower-case names) and the body's text. */
export interface SentInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Answers every request of the current test with `respond` (which receives the requested URL), and returns
 * a recorder of the requests: `recorder.mock.calls` holds `[path, init, request]` per request, the path
 * relative to the page's origin (as the components ask for it, "/api/search?q=x") or the whole URL for
 * another origin. `respond` also gets the Request itself, whose signal says when the component cancelled it.
 * The recorder's implementation produces the answer, so a test may replace it (`mockImplementation`).
 */
export function serveRequests(respond: (url: URL, request: Request) => Response | Promise<Response>) {
  const recorder = vi.fn(async (path: string, init: SentInit, request: Request): Promise<Response> => {
    void init;
    return respond(new URL(path, window.location.href), request);
  });
  server.use(
    http.all("*", async ({ request }) => {
      const url = new URL(request.url);
      const path = url.origin === window.location.origin ? url.pathname + url.search : url.href;
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
      return recorder(path, { method: request.method, headers: Object.fromEntries(request.headers), body }, request);
    }),
  );
  return recorder;
}

/** Every request fails as when the server cannot be reached (fetch rejects with a TypeError). */
export function serveNetworkError() {
  server.use(http.all("*", () => HttpResponse.error()));
}
