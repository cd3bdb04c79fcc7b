import "server-only";
/**
 * What the database layer knows about the request it works for, without any data-access function passing
 * it along: the route and the signed-in user (transaction metadata, so `SHOW TRANSACTIONS` tells who runs
 * what), the bookmarks of the browser's last write (so its reads wait for that write on whichever server
 * answers), the bookmarks of this request's own last write (sent back to the browser), and the request's
 * abort signal (a browser that gave up cancels its query on the server). lib/http.ts respond() opens it
 * for every API request; work outside a request (migrations, the import CLI, tests) runs without one.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  /** "GET /api/search", "POST /api/entities/{id}"...: the method and path the request came in on. */
  readonly route: string;
  /** Set once the request's session is known (lib/auth/session.ts). */
  userId?: string;
  /** The bookmarks the browser brought: its last write, which this request's reads must see. */
  readonly bookmarks: readonly string[];
  /** The bookmarks of this request's committed writes, for the browser's next request. */
  writeBookmarks?: string[];
  /** Aborts when the browser goes away: the running transaction is closed and queued work leaves the line. */
  readonly signal?: AbortSignal;
}

/** The application's name in every transaction's metadata. */
export const APP_NAME = "redstring";

// On globalThis, like the driver: a module evaluated twice (development reloads) must share one store.
const holder = globalThis as typeof globalThis & { __redstringRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.__redstringRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function withRequestContext<T>(context: RequestContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/**
 * Background work a request starts but does not wait for (an import job, a sweep): still named after the
 * request and its user in the metadata, but not cancelled when that browser goes away, and its writes'
 * bookmarks do not go to a response that has long been sent.
 */
export function detached<T>(work: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return work();
  return storage.run({ route: context.route, userId: context.userId, bookmarks: context.bookmarks }, work);
}

export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records who the request is for, so the transactions after this one carry the user's id. */
export function noteUser(userId: string): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}

/** `{ app, route, userId }`: what every transaction tells the database about itself. */
export function transactionMetadata(): Record<string, string> {
  const context = storage.getStore();
  const metadata: Record<string, string> = { app: APP_NAME };
  if (context) metadata.route = context.route;
  if (context?.userId) metadata.userId = context.userId;
  return metadata;
}
